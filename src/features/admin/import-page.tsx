/** @jsxImportSource hono/jsx */
/**
 * The web import (administrators and reviewers): upload one CSV, JSON or
 * XLSX file, read the dry run's report (what would change per record kind,
 * or every problem with its file, row and column), then import it with one
 * more button. Works without JavaScript: a multipart form, then plain
 * post/redirect/get.
 */

import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { ScrollRegion } from '../../web/components.tsx';
import type { FieldError } from '../../web/form.tsx';
import { fieldAttrs } from '../../web/form.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../pledges/records.ts';
import { formatProblem } from '../transfer/problems.ts';
import { AdminPage, Breakable, Done, Field, formErrors, signInFirst, When } from './components.tsx';
import { commitImport, type ImportReview, reviewImport, uploadImport } from './import-service.ts';
import { MAX_IMPORT_RECORDS } from './limits.ts';
import { authorize } from './service.ts';

const KIND_KEYS: Record<RegistryKind, MessageKey> = {
  actors: 'admin.import.kind.actors',
  pledges: 'admin.import.kind.pledges',
  updates: 'admin.import.kind.updates',
  assessments: 'admin.import.kind.assessments',
  nationalReviews: 'admin.import.kind.nationalReviews',
};

const number = (ctx: PageCtx, n: number) => new Intl.NumberFormat(ctx.locale).format(n);

function uploadPage(c: Context<AppEnv>, errors: FieldError[] = [], status: 200 | 400 | 409 | 413 = 200) {
  const user = authorize(c.get('user'), 'create', 'import');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const done =
    c.req.query('done') === 'imported'
      ? t(c.req.query('records') === '1' ? 'admin.import.doneOne' : 'admin.import.done', {
          file: c.req.query('file') ?? '',
          n: number(ctx, Number(c.req.query('records') ?? 0)),
        })
      : null;
  return c.html(
    <AdminPage ctx={ctx} user={user} title={t('admin.import.title')} errors={errors}>
      <Done message={done} />
      {done ? (
        <p>
          <a href={ctx.href('/editor/audit?resource=import')}>{t('admin.import.auditLink')}</a>
        </p>
      ) : null}
      <p>{t('admin.import.lead')}</p>
      <ul>
        <li>{t('admin.import.formats')}</li>
        <li>{t('admin.import.limits', { records: number(ctx, MAX_IMPORT_RECORDS) })}</li>
        <li>{t('admin.import.allOrNothing')}</li>
      </ul>
      <form
        method="post"
        action={ctx.href('/editor/import')}
        enctype="multipart/form-data"
        class="edit-form form-controls"
        novalidate
      >
        <fieldset>
          <legend>{t('admin.import.upload')}</legend>
          <input type="hidden" name="_csrf" value={c.get('csrfToken') ?? ''} />
          <Field id="file" label={t('admin.import.file')} hint={t('admin.import.fileHint')} errors={errors}>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.json,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              {...fieldAttrs(errors, 'file', ['file-hint'])}
            />
          </Field>
          <p>
            <button type="submit">{t('admin.import.check')}</button>
          </p>
        </fieldset>
      </form>
    </AdminPage>,
    status,
  );
}

function ReportView({
  ctx,
  review,
  csrf,
  committedNow,
}: {
  ctx: PageCtx;
  review: ImportReview;
  csrf: string;
  committedNow: false | 'refused';
}) {
  const { t } = ctx;
  const { pending, report, changes } = review;
  const more = report.problemCount - report.problems.length;
  return (
    <>
      {committedNow === 'refused' ? (
        <p class="notice" role="alert">
          {t('admin.import.refused')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('admin.import.file')}</dt>
        <dd>
          <Breakable text={pending.fileName} />
        </dd>
        <dt>{t('admin.import.size')}</dt>
        <dd>{t('admin.import.bytes', { n: number(ctx, pending.size) })}</dd>
        <dt>{t('admin.import.sha256')}</dt>
        <dd>
          {/* 64 hex digits would not fit a narrow screen on one line: allow a break every 16. */}
          <code>{pending.sha256.match(/.{1,16}/g)?.map((part) => [part, <wbr />])}</code>
        </dd>
        <dt>{t('admin.import.uploaded')}</dt>
        <dd>
          <When at={pending.createdAt} />
        </dd>
        <dt>{t('admin.import.records')}</dt>
        <dd>{number(ctx, report.records)}</dd>
      </dl>
      {report.problemCount > 0 ? (
        <>
          <h2>{t('admin.import.problems', { n: number(ctx, report.problemCount) })}</h2>
          <p>{t('admin.import.problemsLead')}</p>
          <ul class="problems">
            {report.problems.map((p) => (
              <li>
                <code>
                  <Breakable text={formatProblem(p)} />
                </code>
              </li>
            ))}
          </ul>
          {more > 0 ? (
            <p>
              {t('admin.import.moreProblems', {
                shown: number(ctx, report.problems.length),
                n: number(ctx, report.problemCount),
              })}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <ScrollRegion label={t('admin.import.countsCaption')}>
            <table>
              <caption>{t('admin.import.countsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.import.kind')}</th>
                  <th scope="col" class="num">
                    {t('admin.import.inserted')}
                  </th>
                  <th scope="col" class="num">
                    {t('admin.import.updated')}
                  </th>
                  <th scope="col" class="num">
                    {t('admin.import.unchanged')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {REGISTRY_KINDS.map((k) => (
                  <tr>
                    <th scope="row">{t(KIND_KEYS[k])}</th>
                    <td class="num">{number(ctx, report.counts[k].inserted)}</td>
                    <td class="num">{number(ctx, report.counts[k].updated)}</td>
                    <td class="num">{number(ctx, report.counts[k].unchanged)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {changes > 0 ? (
            <form
              method="post"
              action={ctx.href(`/editor/import/${pending.id}/commit`)}
              class="edit-form form-controls"
            >
              <fieldset>
                <legend>{t('admin.import.commitLegend')}</legend>
                <input type="hidden" name="_csrf" value={csrf} />
                <p>{t('admin.import.commitLead', { n: number(ctx, changes) })}</p>
                <p>
                  <button type="submit">
                    {report.records === 1
                      ? t('admin.import.commitOne')
                      : t('admin.import.commit', { n: number(ctx, report.records) })}
                  </button>
                </p>
              </fieldset>
            </form>
          ) : (
            <p>{t('admin.import.nothingToDo')}</p>
          )}
        </>
      )}
      <p>
        <a href={ctx.href('/editor/import')}>{t('admin.import.another')}</a>
      </p>
    </>
  );
}

async function reportPage(c: Context<AppEnv>, review: ImportReview, committedNow: false | 'refused' = false) {
  const user = c.get('user')!;
  const ctx = pageCtx(c);
  return c.html(
    <AdminPage
      ctx={ctx}
      user={user}
      title={ctx.t('admin.import.reportTitle', { file: review.pending.fileName })}
    >
      <ReportView ctx={ctx} review={review} csrf={c.get('csrfToken') ?? ''} committedNow={committedNow} />
    </AdminPage>,
    committedNow === 'refused' ? 409 : 200,
  );
}

export function registerImportPages(app: Hono<AppEnv>): void {
  app.get('/editor/import', (c) => signInFirst(c) ?? uploadPage(c));

  app.post('/editor/import', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file instanceof File ? form.file : null;
    try {
      const id = await uploadImport(
        c.get('deps').db,
        c.get('user'),
        file && { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      );
      return c.redirect(pageCtx(c).href(`/editor/import/${id}`), 303);
    } catch (e) {
      const ctx = pageCtx(c);
      const label = ctx.t('admin.import.file');
      if (e instanceof Error && (e as { status?: number }).status === 413)
        return uploadPage(c, [{ field: 'file', label, message: e.message }], 413);
      const refused = formErrors(e, {}, { id: 'file', label });
      if (!refused) throw e;
      return uploadPage(c, refused.errors, refused.status);
    }
  });

  app.get('/editor/import/:id{[0-9a-f]{32}}', async (c) => {
    const redirect = signInFirst(c);
    if (redirect) return redirect;
    return reportPage(c, await reviewImport(c.get('deps').db, c.get('user'), c.req.param('id')));
  });

  app.post('/editor/import/:id{[0-9a-f]{32}}/commit', async (c) => {
    const result = await commitImport(c.get('deps').db, c.get('user'), c.req.param('id'));
    if (!result.committed) return reportPage(c, result, 'refused');
    const q = new URLSearchParams({
      done: 'imported',
      file: result.pending.fileName,
      records: String(result.report.records),
    });
    return c.redirect(pageCtx(c).href(`/editor/import?${q.toString()}`), 303);
  });
}
