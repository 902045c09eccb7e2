/** @jsxImportSource hono/jsx */
/**
 * Sign-in, sign-out and the editor's start page. Forms work without
 * JavaScript; a failed sign-in says the same thing whatever was wrong.
 * The start page shows what the signed-in person answers for, what was
 * returned to them, their drafts and submissions, what they may create and,
 * for pledges they may edit, which ones need an update (overdue or stale).
 */
import type { Context, Hono } from 'hono';
import { can } from '../../domain/access-policy.ts';
import { AppError, RateLimitedError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { EditorNav } from '../../web/editor-nav.tsx';
import { ErrorSummary, type FieldError, FieldMessage, fieldAttrs } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { EditorWorkSection, loadEditorWork } from '../editing/dashboard.tsx';
import { DoneMessage, ownOwnership } from '../editing/view.tsx';
import { searchPledges } from '../pledges/service.ts';
import { clearSessionCookie, clientAddress, requireUser, SESSION_COOKIE, setSessionCookie } from './http.ts';
import { signIn, signOut, type User } from './service.ts';

function SignInPage({
  ctx,
  email,
  errors,
  next,
}: {
  ctx: PageCtx;
  email: string;
  errors: FieldError[];
  next: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.signIn')}>
      <h1>{t('account.signIn')}</h1>
      <p class="lead">{t('account.signInLead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={ctx.href('/sign-in')} class="form-controls stacked" novalidate>
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="email">{t('account.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            {...fieldAttrs(errors, 'email')}
          />
          <FieldMessage errors={errors} field="email" />
        </p>
        <p>
          <label for="password">{t('account.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            {...fieldAttrs(errors, 'password')}
          />
          <FieldMessage errors={errors} field="password" />
        </p>
        <p>
          <button type="submit">{t('account.signIn')}</button>
        </p>
      </form>
      <p class="sources">{t('account.noAccount')}</p>
    </Layout>
  );
}

/** Only a path on this site may follow a sign-in, so the form cannot send anyone elsewhere. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/editor';
}

function scopeText(ctx: PageCtx, user: User): string {
  const { t } = ctx;
  if (user.role === 'focal_point') return t('account.scope.states', { states: user.states.join(', ') });
  if (user.role === 'contributor') return t('account.scope.actor', { actor: user.actorId ?? '' });
  return t(user.role === 'admin' ? 'account.scope.admin' : 'account.scope.reviewer');
}

async function editorPage(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  const ctx = pageCtx(c);
  const { t } = ctx;
  const { db } = c.get('deps');
  // Pledges this person answers for: a focal point's States pledge as actors with the State's code.
  const actors =
    user.role === 'focal_point'
      ? [...user.states]
      : user.role === 'contributor' && user.actorId
        ? [user.actorId]
        : [];
  const today = todayIso();
  const mine = actors.length ? await searchPledges(db, { actor: actors }, { limit: 20 }, today) : null;
  const attention = actors.length
    ? await searchPledges(db, { actor: actors, flag: ['overdue', 'stale'] }, { limit: 50 }, today)
    : null;
  const work = await loadEditorWork(db, user);
  const mayReport = can(user, 'create', 'update', ownOwnership(user));
  return c.html(
    <Layout ctx={ctx} title={t('account.editor')}>
      <EditorNav ctx={ctx} user={user} />
      <h1>{t('account.editor')}</h1>
      <DoneMessage ctx={ctx} done={c.req.query('done')} />
      <p>
        {t('account.signedInAs', { email: user.email })} {scopeText(ctx, user)}
      </p>
      <form method="post" action={ctx.href('/sign-out')} class="form-controls">
        <input type="hidden" name="_csrf" value={c.get('csrfToken') ?? ''} />
        <button type="submit">{t('account.signOut')}</button>
      </form>
      <EditorWorkSection ctx={ctx} user={user} work={work} />
      {mine && attention ? (
        <>
          <h2>{t('account.needsUpdate')}</h2>
          {attention.total === 0 ? (
            <p>{t('account.nothingDue')}</p>
          ) : (
            <ul>
              {attention.items.map((p) => (
                <li>
                  <a href={ctx.href(`/pledges/${encodeURIComponent(p.id)}`)}>{p.title}</a>
                  {' — '}
                  {[
                    p.flags.overdue ? t('account.flag.overdue') : null,
                    p.flags.stale ? t('account.flag.stale') : null,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  {mayReport ? (
                    <>
                      {' — '}
                      <a
                        href={ctx.href(`/editor/updates/new?pledge=${encodeURIComponent(p.id)}`)}
                        aria-label={t('editing.reportProgressOn', { title: p.title })}
                      >
                        {t('editing.reportProgress')}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('account.yourPledges', { n: mine.total })}</h2>
          {mine.total === 0 ? (
            <p>{t('account.noPledges')}</p>
          ) : (
            <ul>
              {mine.items.map((p) => (
                <li>
                  <a href={ctx.href(`/pledges/${encodeURIComponent(p.id)}`)}>{p.title}</a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={ctx.href(`/pledges?${new URLSearchParams(actors.map((a) => ['actor', a])).toString()}`)}>
              {t('account.allYourPledges')}
            </a>
          </p>
        </>
      ) : (
        <p>{t('account.staffNote')}</p>
      )}
    </Layout>,
  );
}

export function registerAccountPages(app: Hono<AppEnv>): void {
  app.get('/sign-in', (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.html(<SignInPage ctx={pageCtx(c)} email="" errors={[]} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/sign-in', async (c) => {
    const ctx = pageCtx(c);
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    try {
      const result = await signIn(c.get('deps').db, {
        email,
        password,
        client: clientAddress(c),
        ...(c.get('sessionId') ? { previousSessionId: c.get('sessionId') } : {}),
      });
      setSessionCookie(c, result.sessionId);
      c.header('cache-control', 'no-store');
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 429)) throw error;
      const message = error instanceof RateLimitedError ? error.message : ctx.t('account.invalid');
      if (error instanceof RateLimitedError) c.header('retry-after', String(error.retryAfterSeconds));
      const errors: FieldError[] = [{ field: 'email', label: ctx.t('account.email'), message }];
      c.status(error.status as 401 | 429);
      c.header('cache-control', 'no-store');
      return c.html(<SignInPage ctx={ctx} email={email} errors={errors} next={next} />);
    }
  });

  app.post('/sign-out', async (c) => {
    requireUser(c);
    const sessionId = c.get('sessionId');
    if (sessionId) await signOut(c.get('deps').db, sessionId);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });

  app.get('/editor', editorPage);
}

export { SESSION_COOKIE };
