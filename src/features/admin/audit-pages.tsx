/** @jsxImportSource hono/jsx */
/**
 * The audit viewer (administrators and reviewers): every change, newest
 * first, with what it changed field by field, filtered by who, what and when
 * (a GET form); and the security events (sign-ins, failures, throttling,
 * refusals) at `?log=security`. Both page by cursor and link to the same rows
 * as JSON and CSV from the API.
 */

import { z } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { ColumnHeads, DataLinks, ScrollRegion } from '../../web/components.tsx';
import { type FieldError, FieldMessage, fieldAttrs, HiddenFields } from '../../web/form.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { Pager } from '../pledges/components.tsx';
import {
  type AuditEntry,
  auditFilterChoices,
  auditLog,
  type Paged,
  type SecurityEvent,
  securityFilterChoices,
  securityLog,
} from './audit-service.ts';
import { AdminPage, signInFirst, When } from './components.tsx';
import { diffJson, shortJson } from './diff.ts';
import { auditFilterShape, securityFilterShape } from './schemas.ts';

const PAGE_SIZE = 50;
const fieldId = (name: string) => `f-${name}`;

/** Reads a GET filter form: empty fields are no filter; a bad value becomes a field error. */
function readFilter<S extends z.ZodRawShape>(
  c: Context<AppEnv>,
  shape: S,
  labels: Record<string, string>,
): { filter: Partial<z.infer<z.ZodObject<S>>>; values: Record<string, string>; errors: FieldError[] } {
  const names = Object.keys(shape);
  const values = Object.fromEntries(names.map((n) => [n, c.req.query(n) ?? '']));
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const parsed = z.object(shape).safeParse(given);
  if (parsed.success) {
    const { from, to } = parsed.data as { from?: string; to?: string };
    if (from && to && from > to)
      return {
        filter: {},
        values,
        errors: [
          {
            field: fieldId('from'),
            label: labels.from ?? 'from',
            message: c.get('t')('positions.error.range'),
          },
        ],
      };
    return { filter: parsed.data as Partial<z.infer<z.ZodObject<S>>>, values, errors: [] };
  }
  const errors = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    return {
      field: fieldId(name),
      label: labels[name] ?? name,
      message: name === 'from' || name === 'to' ? c.get('t')('positions.error.date') : issue.message,
    };
  });
  return { filter: {}, values, errors };
}

function LogTabs({ ctx, security }: { ctx: PageCtx; security: boolean }) {
  const { t } = ctx;
  return (
    <nav aria-label={t('admin.audit.logs')} class="active-filters">
      <p>
        <a href={ctx.href('/editor/audit')} aria-current={security ? undefined : 'page'}>
          {t('admin.audit.changes')}
        </a>{' '}
        <a href={ctx.href('/editor/audit?log=security')} aria-current={security ? 'page' : undefined}>
          {t('admin.audit.security')}
        </a>
      </p>
    </nav>
  );
}

function TextField({
  name,
  label,
  value,
  errors,
  type = 'text',
}: {
  name: string;
  label: string;
  value: string;
  errors: FieldError[];
  type?: 'text' | 'date' | 'email';
}) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} value={value} {...fieldAttrs(errors, id)} />
      <FieldMessage errors={errors} field={id} />
    </div>
  );
}

function SelectField({
  ctx,
  name,
  label,
  value,
  choices,
  errors,
}: {
  ctx: PageCtx;
  name: string;
  label: string;
  value: string;
  choices: string[];
  errors: FieldError[];
}) {
  const id = fieldId(name);
  // A value typed into the address that is not among the choices stays visible and selected.
  const all = value && !choices.includes(value) ? [...choices, value] : choices;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} {...fieldAttrs(errors, id)}>
        <option value="">{ctx.t('admin.audit.any')}</option>
        {all.map((v) => (
          <option value={v} selected={v === value}>
            {v}
          </option>
        ))}
      </select>
      <FieldMessage errors={errors} field={id} />
    </div>
  );
}

/** The change an audit row records, field by field. */
function Change({ ctx, entry }: { ctx: PageCtx; entry: AuditEntry }) {
  const { t } = ctx;
  const changes = diffJson(entry.before, entry.after);
  if (changes.length === 0) return <span class="muted">{t('admin.audit.noFields')}</span>;
  return (
    <ul class="diff">
      {changes.map((ch) => (
        <li>
          <code>{ch.path.join('.') || t('admin.audit.value')}</code>
          {': '}
          {ch.kind === 'changed'
            ? `${shortJson(ch.before)} → ${shortJson(ch.after)}`
            : ch.kind === 'added'
              ? t('admin.audit.added', { value: shortJson(ch.after) })
              : t('admin.audit.removed', { value: shortJson(ch.before) })}
        </li>
      ))}
    </ul>
  );
}

const queryOf = (values: Record<string, string>, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== '') q.set(k, v);
  return q.toString();
};

function pagerLinks(
  ctx: PageCtx,
  base: string,
  values: Record<string, string>,
  cursor: string,
  page: Paged<unknown>,
) {
  const at = (extra: Record<string, string>) => {
    const q = queryOf(values, extra);
    return ctx.href(q ? `${base}?${q}` : base);
  };
  return {
    first: cursor ? at({}) : null,
    next: page.nextCursor ? at({ cursor: page.nextCursor }) : null,
  };
}

async function auditPage(c: Context<AppEnv>) {
  const user = c.get('user');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const { db } = c.get('deps');
  const choices = await auditFilterChoices(db, user);
  const labels = {
    user: t('admin.audit.user'),
    resource: t('admin.audit.resource'),
    action: t('admin.audit.action'),
    recordId: t('admin.audit.record'),
    from: t('positions.from'),
    to: t('positions.to'),
  };
  const { filter, values, errors } = readFilter(c, auditFilterShape, labels);
  const cursor = c.req.query('cursor') ?? '';
  const page: Paged<AuditEntry> =
    errors.length > 0
      ? { items: [], nextCursor: null }
      : await auditLog(db, user, filter, { cursor: cursor || undefined, limit: PAGE_SIZE });
  const api = `/api/v1/audit?${queryOf(values, { cursor, limit: '500' })}`;
  const links = pagerLinks(ctx, '/editor/audit', values, cursor, page);
  return c.html(
    <AdminPage ctx={ctx} user={user!} title={t('admin.audit.title')} errors={errors}>
      <LogTabs ctx={ctx} security={false} />
      <form class="filter-form form-controls" method="get" action={ctx.href('/editor/audit')}>
        <fieldset>
          <legend>{t('admin.audit.filter')}</legend>
          <HiddenFields values={c.get('explicitLocale') ? [['lang', ctx.locale]] : []} />
          <div class="form-row">
            <TextField
              name="user"
              label={labels.user}
              value={values.user ?? ''}
              errors={errors}
              type="email"
            />
            <SelectField
              ctx={ctx}
              name="resource"
              label={labels.resource}
              value={values.resource ?? ''}
              choices={choices.resources}
              errors={errors}
            />
            <SelectField
              ctx={ctx}
              name="action"
              label={labels.action}
              value={values.action ?? ''}
              choices={choices.actions}
              errors={errors}
            />
            <TextField
              name="recordId"
              label={labels.recordId}
              value={values.recordId ?? ''}
              errors={errors}
            />
            <TextField
              name="from"
              label={labels.from}
              value={values.from ?? ''}
              errors={errors}
              type="date"
            />
            <TextField name="to" label={labels.to} value={values.to ?? ''} errors={errors} type="date" />
          </div>
          <p>
            <button type="submit">{t('positions.apply')}</button>{' '}
            <a href={ctx.href('/editor/audit')}>{t('positions.reset')}</a>
          </p>
        </fieldset>
      </form>
      <DataLinks ctx={ctx} json={api} csv={`${api}&format=csv`} />
      {page.items.length === 0 ? (
        <p>{t('admin.audit.none')}</p>
      ) : (
        <ScrollRegion label={t('admin.audit.caption')}>
          <table class="audit">
            <caption>{t('admin.audit.caption')}</caption>
            <ColumnHeads
              labels={[
                t('admin.audit.when'),
                t('admin.audit.user'),
                t('admin.audit.action'),
                t('admin.audit.resource'),
                t('admin.audit.record'),
                t('admin.audit.change'),
              ]}
            />
            <tbody>
              {page.items.map((e) => (
                <tr>
                  <td>
                    <When at={e.at} />
                  </td>
                  <td>{e.userEmail ?? '—'}</td>
                  <td>{e.action}</td>
                  <td>{e.resource}</td>
                  <td>
                    <a
                      href={ctx.href(
                        `/editor/audit?${queryOf({ resource: e.resource, recordId: e.recordId })}`,
                      )}
                    >
                      {e.recordId}
                    </a>
                  </td>
                  <td>
                    <Change ctx={ctx} entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager ctx={ctx} first={links.first} next={links.next} />
    </AdminPage>,
    errors.length > 0 ? 400 : 200,
  );
}

function Detail({ detail }: { detail: Record<string, unknown> }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return <span>—</span>;
  return (
    <ul class="diff">
      {entries.map(([k, v]) => (
        <li>
          <code>{k}</code>: {typeof v === 'string' ? v : shortJson(v)}
        </li>
      ))}
    </ul>
  );
}

async function securityPage(c: Context<AppEnv>) {
  const user = c.get('user');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const { db } = c.get('deps');
  const kinds = await securityFilterChoices(db, user);
  const labels = { kind: t('admin.security.kind'), from: t('positions.from'), to: t('positions.to') };
  const { filter, values, errors } = readFilter(c, securityFilterShape, labels);
  const cursor = c.req.query('cursor') ?? '';
  const page: Paged<SecurityEvent> =
    errors.length > 0
      ? { items: [], nextCursor: null }
      : await securityLog(db, user, filter, { cursor: cursor || undefined, limit: PAGE_SIZE });
  const api = `/api/v1/security-events?${queryOf(values, { cursor, limit: '500' })}`;
  const links = pagerLinks(ctx, '/editor/audit', { log: 'security', ...values }, cursor, page);
  return c.html(
    <AdminPage ctx={ctx} user={user!} title={t('admin.security.title')} errors={errors}>
      <LogTabs ctx={ctx} security={true} />
      <form class="filter-form form-controls" method="get" action={ctx.href('/editor/audit')}>
        <fieldset>
          <legend>{t('admin.audit.filter')}</legend>
          <HiddenFields
            values={[
              ['log', 'security'],
              ...(c.get('explicitLocale') ? [['lang', ctx.locale] as [string, string]] : []),
            ]}
          />
          <div class="form-row">
            <SelectField
              ctx={ctx}
              name="kind"
              label={labels.kind}
              value={values.kind ?? ''}
              choices={kinds}
              errors={errors}
            />
            <TextField
              name="from"
              label={labels.from}
              value={values.from ?? ''}
              errors={errors}
              type="date"
            />
            <TextField name="to" label={labels.to} value={values.to ?? ''} errors={errors} type="date" />
          </div>
          <p>
            <button type="submit">{t('positions.apply')}</button>{' '}
            <a href={ctx.href('/editor/audit?log=security')}>{t('positions.reset')}</a>
          </p>
        </fieldset>
      </form>
      <DataLinks ctx={ctx} json={api} csv={`${api}&format=csv`} />
      {page.items.length === 0 ? (
        <p>{t('admin.security.none')}</p>
      ) : (
        <ScrollRegion label={t('admin.security.caption')}>
          <table class="audit">
            <caption>{t('admin.security.caption')}</caption>
            <ColumnHeads
              labels={[
                t('admin.audit.when'),
                t('admin.security.kind'),
                t('admin.security.account'),
                t('admin.security.detail'),
              ]}
            />
            <tbody>
              {page.items.map((e) => (
                <tr>
                  <td>
                    <When at={e.at} />
                  </td>
                  <td>{e.kind}</td>
                  <td>{e.userEmail ?? '—'}</td>
                  <td>
                    <Detail detail={e.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager ctx={ctx} first={links.first} next={links.next} />
    </AdminPage>,
    errors.length > 0 ? 400 : 200,
  );
}

export function registerAuditPages(app: Hono<AppEnv>): void {
  app.get('/editor/audit', async (c) => {
    const redirect = signInFirst(c);
    if (redirect) return redirect;
    return c.req.query('log') === 'security' ? securityPage(c) : auditPage(c);
  });
}
