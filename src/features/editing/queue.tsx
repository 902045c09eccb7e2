/** @jsxImportSource hono/jsx */
/**
 * The moderation queue (`/editor/queue`, reviewers and administrators):
 * every submitted record, the longest waiting first, with who submitted it
 * and when. Each leads to its record page, which shows the changes and the
 * Publish and Return forms.
 */
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ForbiddenError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { ScrollRegion } from '../../web/components.tsx';
import { EditorNav } from '../../web/editor-nav.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageCtx } from '../../web/page.ts';
import { EDITABLE } from './resources.ts';
import { listDrafts, type WorkingCopy } from './service.ts';
import { editorPath, KIND_LABEL, Moment, mayModerate, recordTitle } from './view.tsx';

/** Who last submitted each record, from the audit trail (one query for the whole queue). */
async function submitters(db: Kysely<Database>, copies: WorkingCopy[]): Promise<Map<string, string>> {
  const ids = [...new Set(copies.map((c) => c.id))];
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('audit_log')
    .select(['resource', 'record_id', 'user_email'])
    .where('action', '=', 'submit')
    .where('record_id', 'in', ids)
    .orderBy('id')
    .execute();
  for (const r of rows) if (r.user_email) found.set(`${r.resource}/${r.record_id}`, r.user_email);
  return found;
}

export async function queuePage(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) return c.redirect(`/sign-in?next=${encodeURIComponent('/editor/queue')}`, 303);
  if (!mayModerate(user)) throw new ForbiddenError('Only reviewers and administrators moderate submissions.');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const { db } = c.var.deps;
  const waiting = (await listDrafts(db, user, { workflow: 'submitted' })).sort((a, b) =>
    (a.submittedAt ?? a.updatedAt ?? '').localeCompare(b.submittedAt ?? b.updatedAt ?? ''),
  );
  const who = await submitters(db, waiting);
  return c.html(
    <Layout ctx={ctx} title={t('editing.queue.title')}>
      <EditorNav ctx={ctx} user={user} />
      <h1>{t('editing.queue.title')}</h1>
      <p class="lead">{t('editing.queue.lead')}</p>
      {waiting.length === 0 ? (
        <p role="status">{t('editing.queue.empty')}</p>
      ) : (
        <ScrollRegion label={t('editing.queue.title')}>
          <table class="queue">
            <caption>
              {waiting.length === 1
                ? t('editing.queue.caption.one')
                : t('editing.queue.caption.many', { n: waiting.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('editing.col.record')}</th>
                <th scope="col">{t('editing.col.kind')}</th>
                <th scope="col">{t('editing.col.change')}</th>
                <th scope="col">{t('editing.col.submittedBy')}</th>
                <th scope="col">{t('editing.col.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((copy) => (
                <tr>
                  <th scope="row">
                    <a href={ctx.href(editorPath(copy.kind, copy.id))}>
                      {recordTitle(ctx, copy.kind, copy.record)}
                    </a>
                    <br />
                    <code>{copy.id}</code>
                  </th>
                  <td>{t(KIND_LABEL[copy.kind])}</td>
                  <td>{copy.isNew ? t('editing.newShort') : t('editing.correction')}</td>
                  <td>{who.get(`${EDITABLE[copy.kind].resource}/${copy.id}`) ?? copy.createdBy ?? '—'}</td>
                  <td>
                    <Moment iso={copy.submittedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>,
  );
}
