/** @jsxImportSource hono/jsx */
/**
 * One record in the editor: its workflow state in words (a returned draft
 * shows the reviewer's comment first), what changed against the published
 * version, the edit form when the user may change it, one small form per
 * allowed transition, the public page once published and the published
 * versions. And the form that creates a record of a kind.
 */
import type { Child } from 'hono/jsx';
import type { Action } from '../../domain/access-policy.ts';
import { ScrollRegion } from '../../web/components.tsx';
import { EditorNav } from '../../web/editor-nav.tsx';
import { FieldMessage, fieldAttrs } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import { diffJson } from '../admin/diff.ts';
import { FIELDS, type FieldProblem, type FormOptions, type FormValues } from './fields.ts';
import { EditErrorSummary, EditForm } from './forms.tsx';
import type { VersionRow } from './repository.ts';
import type { EditKind, EditRecord } from './resources.ts';
import type { WorkingCopy } from './service.ts';
import {
  DoneMessage,
  editorPath,
  KIND_LABEL,
  Moment,
  NEW_LABEL,
  publicPath,
  recordTitle,
  showValue,
  workflowLabel,
} from './view.tsx';

/** The id of the return form's comment box (problems with `comment` point to it). */
export const RETURN_COMMENT_ID = 'return-comment';

export type NewPageProps = {
  ctx: PageCtx;
  user: User;
  kind: EditKind;
  values: FormValues;
  errors: FieldProblem[];
  options: FormOptions;
  csrfToken: string;
  formKey: string;
};

export function NewRecordPage(p: NewPageProps) {
  const { t } = p.ctx;
  const title = t(NEW_LABEL[p.kind]);
  return (
    <Layout ctx={p.ctx} title={p.errors.length ? `${t('editing.errorTitle')} ${title}` : title}>
      <EditorNav ctx={p.ctx} user={p.user} />
      <h1>{title}</h1>
      <p class="lead">{t('editing.newLead')}</p>
      <EditErrorSummary ctx={p.ctx} errors={p.errors} />
      <EditForm
        ctx={p.ctx}
        kind={p.kind}
        action={`/editor/${p.kind}/new`}
        values={p.values}
        errors={p.errors}
        options={p.options}
        isNew
        csrfToken={p.csrfToken}
        hidden={[['_key', p.formKey]]}
        submitLabel={t('editing.action.create')}
      />
    </Layout>
  );
}

export type RecordPageProps = {
  ctx: PageCtx;
  user: User;
  kind: EditKind;
  copy: WorkingCopy;
  /** The published record, when there is one (the base of a correction). */
  published: EditRecord | null;
  versions: VersionRow[];
  values: FormValues;
  errors: FieldProblem[];
  options: FormOptions;
  csrfToken: string;
  done?: string | undefined;
  /** The form was based on an ETag that is no longer current. */
  stale?: boolean;
  /** The ETag the form carries (the one it was opened with, when stale). */
  formEtag: string;
  returnComment?: string;
};

/** Field-by-field, what the working copy changes in the published record. */
function Changes({
  ctx,
  kind,
  copy,
  published,
}: Pick<RecordPageProps, 'ctx' | 'kind' | 'copy' | 'published'>) {
  const { t } = ctx;
  if (copy.workflow === 'published') return null;
  if (!published)
    return (
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">{t('editing.changes')}</h2>
        <p>{t('editing.newRecord')}</p>
      </section>
    );
  const label = (name: string) => {
    const f = FIELDS[kind].find((x) => x.name === name);
    return f ? t(f.label) : name;
  };
  const changes = diffJson(published, copy.record).filter((c) => c.path.length > 0);
  return (
    <section aria-labelledby="changes-h">
      <h2 id="changes-h">{t('editing.changes')}</h2>
      {changes.length === 0 ? (
        <p>{t('editing.noChanges')}</p>
      ) : (
        <ScrollRegion label={t('editing.changes')}>
          <table class="changes-table">
            <caption>{t('editing.changesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editing.col.field')}</th>
                <th scope="col">{t('editing.col.before')}</th>
                <th scope="col">{t('editing.col.after')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr>
                  <th scope="row">{label(c.path[0] ?? '')}</th>
                  <td>
                    <del>{showValue(c.before)}</del>
                  </td>
                  <td>
                    <ins>{showValue(c.after)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** The record as stored, for someone who may read it but not change it. */
function ReadOnly({ ctx, kind, record }: { ctx: PageCtx; kind: EditKind; record: Record<string, unknown> }) {
  return (
    <dl class="facts">
      {FIELDS[kind].map((f) => (
        <>
          <dt>{ctx.t(f.label)}</dt>
          <dd>{showValue(record[f.name])}</dd>
        </>
      ))}
    </dl>
  );
}

function ActionForm({
  ctx,
  kind,
  copy,
  action,
  csrfToken,
  label,
  children,
}: {
  ctx: PageCtx;
  kind: EditKind;
  copy: WorkingCopy;
  action: 'submit' | 'publish' | 'return' | 'discard';
  csrfToken: string;
  label: string;
  children?: Child;
}) {
  return (
    <form
      method="post"
      action={ctx.href(`${editorPath(kind, copy.id)}/${action}`)}
      class={`form-controls action-form action-${action}`}
      novalidate
    >
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="_etag" value={copy.etag} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

/** One small form per transition the user may make now. */
function Actions(p: RecordPageProps) {
  const { t } = p.ctx;
  const allowed = (a: Action) => p.copy.allowedActions.includes(a);
  const isDraft = p.copy.workflow !== 'published';
  const forms = [
    allowed('submit') ? (
      <ActionForm {...p} action="submit" label={t('editing.action.submit')}>
        <p class="hint">{t('editing.submitHint')}</p>
      </ActionForm>
    ) : null,
    allowed('publish') ? (
      <ActionForm {...p} action="publish" label={t('editing.action.publish')}>
        <p class="hint">{t('editing.publishHint')}</p>
      </ActionForm>
    ) : null,
    allowed('return') ? (
      <ActionForm {...p} action="return" label={t('editing.action.return')}>
        <div class="field">
          <label for={RETURN_COMMENT_ID}>
            {t('editing.returnComment')}
            <span class="required"> {t('editing.required')}</span>
          </label>
          <p class="hint" id={`${RETURN_COMMENT_ID}-hint`}>
            {t('editing.returnHint')}
          </p>
          <FieldMessage errors={p.errors} field={RETURN_COMMENT_ID} />
          <textarea
            id={RETURN_COMMENT_ID}
            name="comment"
            rows={4}
            required
            {...fieldAttrs(p.errors, RETURN_COMMENT_ID, [`${RETURN_COMMENT_ID}-hint`])}
          >
            {p.returnComment ?? ''}
          </textarea>
        </div>
      </ActionForm>
    ) : null,
    allowed('delete') && isDraft ? (
      <ActionForm
        {...p}
        action="discard"
        label={t(p.copy.isNew ? 'editing.action.discard' : 'editing.action.discardCorrection')}
      >
        <p class="hint">{t(p.copy.isNew ? 'editing.discardHint' : 'editing.discardCorrectionHint')}</p>
      </ActionForm>
    ) : null,
  ].filter(Boolean);
  if (forms.length === 0) return null;
  return (
    <section aria-labelledby="actions-h" class="record-actions">
      <h2 id="actions-h">{t('editing.actions')}</h2>
      {forms}
    </section>
  );
}

function Versions({ ctx, versions }: { ctx: PageCtx; versions: VersionRow[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="versions-h">
      <h2 id="versions-h">{t('editing.versions')}</h2>
      {versions.length === 0 ? (
        <p>{t('editing.noVersions')}</p>
      ) : (
        <ol class="versions">
          {versions.map((v) => (
            <li>
              {t('editing.versionItem', { n: v.version })} <Moment iso={v.publishedAt} />
              {v.publishedBy ? ` — ${v.publishedBy}` : ''}
              {v.note ? ` (${v.note})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RecordPage(p: RecordPageProps) {
  const { ctx, kind, copy } = p;
  const { t } = ctx;
  const name = recordTitle(ctx, kind, copy.record);
  const mayEdit = copy.allowedActions.includes('update');
  const title = `${t(KIND_LABEL[kind])}: ${name}`;
  const returned = copy.workflow === 'draft' && copy.comment;
  return (
    <Layout ctx={ctx} title={p.errors.length || p.stale ? `${t('editing.errorTitle')} ${title}` : title}>
      <EditorNav ctx={ctx} user={p.user} />
      <p class="sources">{t(KIND_LABEL[kind])}</p>
      <h1>{name}</h1>
      <DoneMessage ctx={ctx} done={p.done} />
      {p.stale ? (
        <div class="notice error-summary" role="alert">
          <p>
            <strong>{t('editing.stale')}</strong>
          </p>
          <p>
            {t('editing.staleHelp')} <a href={ctx.href(editorPath(kind, copy.id))}>{t('editing.reload')}</a>
          </p>
        </div>
      ) : null}
      <EditErrorSummary ctx={ctx} errors={p.errors} />
      {returned ? (
        <div class="notice returned" role="note" aria-labelledby="comment-h">
          <h2 id="comment-h">{t('editing.reviewerComment')}</h2>
          <p class="comment">{copy.comment}</p>
          <p>{t('editing.returnedHelp')}</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>{t('editing.workflow')}</dt>
        <dd>
          <strong class={`workflow workflow-${returned ? 'returned' : copy.workflow}`}>
            {workflowLabel(ctx, copy)}
          </strong>
          {copy.workflow !== 'published' && !copy.isNew ? ` (${t('editing.correction')})` : ''}
        </dd>
        <dt>{t('editing.field.id')}</dt>
        <dd>
          <code>{copy.id}</code>
        </dd>
        {copy.createdBy ? (
          <>
            <dt>{t('editing.author')}</dt>
            <dd>{copy.createdBy}</dd>
          </>
        ) : null}
        {copy.updatedAt ? (
          <>
            <dt>{t('editing.lastChange')}</dt>
            <dd>
              <Moment iso={copy.updatedAt} />
            </dd>
          </>
        ) : null}
        {copy.workflow === 'submitted' && copy.submittedAt ? (
          <>
            <dt>{t('editing.submittedAt')}</dt>
            <dd>
              <Moment iso={copy.submittedAt} />
            </dd>
          </>
        ) : null}
        {!copy.isNew ? (
          <>
            <dt>{t('editing.publicPage')}</dt>
            <dd>
              <a href={ctx.href(publicPath(kind, p.published ?? copy.record))}>{t('editing.publicLink')}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>{t(`editing.explain.${copy.workflow}` as 'editing.explain.draft')}</p>
      <Changes ctx={ctx} kind={kind} copy={copy} published={p.published} />
      {p.stale ? null : <Actions {...p} />}
      <section aria-labelledby="record-h">
        <h2 id="record-h">{mayEdit ? t('editing.editHeading') : t('editing.recordHeading')}</h2>
        {mayEdit ? (
          <>
            {copy.workflow === 'published' ? <p>{t('editing.correctionHint')}</p> : null}
            <EditForm
              ctx={ctx}
              kind={kind}
              action={editorPath(kind, copy.id)}
              values={p.values}
              errors={p.errors}
              options={p.options}
              isNew={false}
              csrfToken={p.csrfToken}
              hidden={[['_etag', p.formEtag]]}
              submitLabel={t(
                copy.workflow === 'published' ? 'editing.action.correct' : 'editing.action.save',
              )}
            />
          </>
        ) : (
          <ReadOnly ctx={ctx} kind={kind} record={copy.record} />
        )}
      </section>
      {copy.isNew ? null : <Versions ctx={ctx} versions={p.versions} />}
    </Layout>
  );
}
