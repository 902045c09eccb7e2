/** @jsxImportSource hono/jsx */
/**
 * What the administration pages share: the page frame with the editor
 * navigation, the sign-in redirect for the public, confirmations after a
 * change, and form errors from the services' validation details.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { EditorNav } from '../../web/editor-nav.tsx';
import { ErrorSummary, type FieldError, FieldMessage } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';

/** For the public, the way to sign in and come back here (GET pages); null for a signed-in caller. */
export function signInFirst(c: Context<AppEnv>): Response | null {
  if (c.get('user')) return null;
  const url = new URL(c.req.url);
  return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** The site layout with the editor navigation, the page's heading, its form errors (if any) and content. */
export function AdminPage({
  ctx,
  user,
  title,
  errors = [],
  children,
}: {
  ctx: PageCtx;
  user: User;
  title: string;
  errors?: FieldError[];
  children: Child;
}) {
  const pageTitle = errors.length > 0 ? ctx.t('positions.errorTitle', { title }) : title;
  return (
    <Layout ctx={ctx} title={pageTitle}>
      <EditorNav ctx={ctx} user={user} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {children}
    </Layout>
  );
}

/** A confirmation after a change (post/redirect/get), announced politely. */
export function Done({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="notice" role="status">
      {message}
    </p>
  );
}

/**
 * A service's validation or conflict error as form errors, with the status to
 * answer (400 or 409): each detail's location names a field (mapped to its
 * input's id and label); an error without details goes to `fallback`. Null
 * for any other error, which the caller rethrows.
 */
export function formErrors(
  error: unknown,
  fields: Record<string, { id: string; label: string }>,
  fallback: { id: string; label: string },
): { errors: FieldError[]; status: 400 | 409 } | null {
  if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409)) return null;
  if (error.details.length === 0)
    return {
      errors: [{ field: fallback.id, label: fallback.label, message: error.message }],
      status: error.status,
    };
  // One entry per field, its messages together: a field is described by one message element.
  const byField = new Map<string, FieldError>();
  for (const d of error.details) {
    const f = (d.location && fields[d.location]) || fallback;
    const seen = byField.get(f.id);
    if (seen) seen.message = `${seen.message} ${d.message}`;
    else byField.set(f.id, { field: f.id, label: f.label, message: d.message });
  }
  return { errors: [...byField.values()], status: error.status };
}

/** The value of a form field as text ('' when absent or a file). */
export const text = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

/** An ISO timestamp as `2026-11-28 10:01:02 UTC`, in a `<time>` element. */
export function When({ at }: { at: string }) {
  return <time datetime={at}>{`${at.slice(0, 19).replace('T', ' ')} UTC`}</time>;
}

/**
 * Text that may hold long runs without spaces (a list of allowed values
 * joined by `|`, a long file name): a run of over 30 characters gets a line
 * break opportunity after each `|`, `/`, `,` and `;`, and every 30 characters
 * at most, so it wraps on a narrow screen instead of pushing the page sideways.
 */
export function Breakable({ text }: { text: string }) {
  const out: Child[] = [];
  for (const token of text.split(/(\s+)/)) {
    if (token.length <= 30) {
      out.push(token);
      continue;
    }
    const pieces = token.split(/(?<=[|/,;])/).flatMap((p) => p.match(/.{1,30}/gsu) ?? []);
    pieces.forEach((p, i) => {
      if (i > 0) out.push(<wbr />);
      out.push(p);
    });
  }
  return <>{out}</>;
}

/**
 * One form field in the editor's layout: label, hint (`{id}-hint`, which the
 * control names in its `aria-describedby`), the problem if any, then the control.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: FieldError[];
  children: Child;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldMessage errors={errors} field={id} />
      {children}
    </div>
  );
}
