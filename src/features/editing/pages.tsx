/** @jsxImportSource hono/jsx */
/**
 * The editor in the browser, without JavaScript: a form per kind to create
 * a record, the record page to change it and move it through the workflow,
 * and the moderation queue. Every form is a POST carrying the session's
 * CSRF token (checked centrally) and answered by post/redirect/get: 303 to
 * the record page with `?done=…`. A form with problems comes back (400) with
 * what was typed and each problem tied to its field; a form based on a
 * version someone has since changed comes back as 409.
 *
 * Routes: GET|POST /editor/{kind}/new, GET|POST /editor/{kind}/{id},
 * POST /editor/{kind}/{id}/(submit|publish|return|discard), GET /editor/queue.
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import {
  AppError,
  ConflictError,
  type ErrorDetail,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import { bodyToValues, formToRecord, problemsToFields, recordToValues } from './codec.ts';
import { type FieldProblem, FORM_ID, type FormValues, fieldId, initialValues } from './fields.ts';
import { loadFormOptions } from './forms.tsx';
import { queuePage } from './queue.tsx';
import { NewRecordPage, RETURN_COMMENT_ID, RecordPage } from './record-page.tsx';
import { EDIT_KINDS, EDITABLE, type EditKind } from './resources.ts';
import {
  createRecord,
  discardDraft,
  getWorkingCopy,
  listVersions,
  saveRecord,
  transition,
  type WorkingCopy,
} from './service.ts';
import { editorPath, KIND_LABEL, mayCreate } from './view.tsx';

const KIND = `:kind{${EDIT_KINDS.join('|')}}`;
const ACTIONS = ['submit', 'publish', 'return', 'discard'] as const;
type FormAction = (typeof ACTIONS)[number];

/** The field that decides who owns a record of the kind (a refusal is shown there). */
const OWNER_FIELD: Record<EditKind, string> = {
  pledges: 'actorId',
  updates: 'pledgeId',
  'national-reviews': 'iso3',
  'position-events': 'state',
};

function toSignIn(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  return c.redirect(
    `/sign-in?next=${encodeURIComponent(c.req.method === 'GET' ? url.pathname + url.search : '/editor')}`,
    303,
  );
}

const kindOf = (c: Context<AppEnv>) => c.req.param('kind') as EditKind;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

async function formBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  return (await c.req.parseBody({ all: true })) as Record<string, unknown>;
}

/** Problems the form itself found, plus what the record's schema says about the other fields. */
async function localProblems(
  c: Context<AppEnv>,
  kind: EditKind,
  record: Record<string, unknown>,
  problems: ErrorDetail[],
  id: string,
): Promise<ErrorDetail[]> {
  // A new record's id may be left empty (one is made): check the rest with a stand-in.
  const parsed = await EDITABLE[kind].parse(c.var.deps.db, { id, ...record });
  const seen = new Set(problems.map((p) => p.location));
  const more =
    'problems' in parsed ? parsed.problems.filter((p) => !seen.has(p.location?.split('.')[0])) : [];
  return [...problems, ...more];
}

function ownerProblem(ctx: PageCtx, kind: EditKind, err: ForbiddenError): FieldProblem[] {
  const field = OWNER_FIELD[kind];
  return [
    {
      field: fieldId(field),
      label: ctx.t(`editing.field.${field}` as 'editing.field.actorId'),
      message: `${err.message} ${ctx.t('editing.notYours')}`,
    },
  ];
}

async function renderNew(
  c: Context<AppEnv>,
  user: User,
  kind: EditKind,
  values: FormValues,
  errors: FieldProblem[],
  formKey: string,
  status: 200 | 400 | 403 | 409 | 422 = 200,
) {
  const ctx = pageCtx(c);
  const options = await loadFormOptions(c.var.deps.db, ctx, user, kind);
  return c.html(
    <NewRecordPage
      ctx={ctx}
      user={user}
      kind={kind}
      values={values}
      errors={errors}
      options={options}
      csrfToken={c.get('csrfToken') ?? ''}
      formKey={formKey}
    />,
    status,
  );
}

type RecordState = {
  values?: FormValues;
  errors?: FieldProblem[];
  stale?: boolean;
  formEtag?: string;
  returnComment?: string;
  status?: 200 | 400 | 403 | 409;
};

async function renderRecord(
  c: Context<AppEnv>,
  user: User,
  kind: EditKind,
  id: string,
  state: RecordState = {},
) {
  const { db } = c.var.deps;
  const ctx = pageCtx(c);
  const copy = await getWorkingCopy(db, user, kind, id);
  const published = copy.workflow === 'published' ? copy.record : await EDITABLE[kind].loadPublished(db, id);
  const versions = published
    ? await listVersions(db, kind, id).catch((err) => {
        if (err instanceof NotFoundError) return [];
        throw err;
      })
    : [];
  const options = await loadFormOptions(db, ctx, user, kind);
  return c.html(
    <RecordPage
      ctx={ctx}
      user={user}
      kind={kind}
      copy={copy}
      published={published}
      versions={versions}
      values={state.values ?? recordToValues(kind, copy.record)}
      errors={state.errors ?? []}
      options={options}
      csrfToken={c.get('csrfToken') ?? ''}
      done={c.req.method === 'GET' ? c.req.query('done') : undefined}
      stale={state.stale ?? false}
      formEtag={state.formEtag ?? copy.etag}
      {...(state.returnComment !== undefined ? { returnComment: state.returnComment } : {})}
    />,
    state.status ?? 200,
  );
}

/** A general problem (not tied to one field) shown at the top of the form. */
const general = (ctx: PageCtx, message: string): FieldProblem[] => [
  { field: FORM_ID, label: ctx.t('editing.record'), message },
];

async function createFromForm(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) return toSignIn(c);
  const kind = kindOf(c);
  if (!mayCreate(user, kind))
    throw new ForbiddenError(`You may not create a ${c.get('t')(KIND_LABEL[kind]).toLowerCase()}.`);
  const ctx = pageCtx(c);
  const body = await formBody(c);
  const values = bodyToValues(kind, body);
  const formKey = str(body._key) || crypto.randomUUID();
  const { record, problems } = formToRecord(kind, values, true);
  if (problems.length > 0) {
    const all = await localProblems(c, kind, record, problems, 'new-record');
    return renderNew(c, user, kind, values, problemsToFields(kind, all, record, ctx.t), formKey, 400);
  }
  try {
    const { copy } = await createRecord(c.var.deps.db, user, kind, record, {
      idempotencyKey: `form-${formKey}`,
    });
    return c.redirect(ctx.href(`${editorPath(kind, copy.id)}?done=created`), 303);
  } catch (err) {
    if (err instanceof ValidationError)
      return renderNew(
        c,
        user,
        kind,
        values,
        problemsToFields(kind, err.details ?? [], record, ctx.t),
        formKey,
        400,
      );
    if (err instanceof ForbiddenError)
      return renderNew(c, user, kind, values, ownerProblem(ctx, kind, err), formKey, 403);
    if (err instanceof ConflictError) {
      const errors = values.id
        ? problemsToFields(kind, [{ location: 'id', message: err.message }], record, ctx.t)
        : general(ctx, err.message);
      return renderNew(c, user, kind, values, errors, formKey, 409);
    }
    // The same form sent again with other values after it made a record: a fresh form key.
    if (err instanceof AppError && err.status === 422)
      return renderNew(
        c,
        user,
        kind,
        values,
        general(ctx, ctx.t('editing.resent')),
        crypto.randomUUID(),
        422,
      );
    throw err;
  }
}

async function saveFromForm(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) return toSignIn(c);
  const kind = kindOf(c);
  const id = c.req.param('id') as string;
  const ctx = pageCtx(c);
  const body = await formBody(c);
  const values = bodyToValues(kind, body);
  const etag = str(body._etag);
  const { record, problems } = formToRecord(kind, values, false);
  const again = (state: RecordState) => renderRecord(c, user, kind, id, { values, formEtag: etag, ...state });
  if (problems.length > 0) {
    const all = await localProblems(c, kind, record, problems, id);
    return again({ errors: problemsToFields(kind, all, record, ctx.t), status: 400 });
  }
  try {
    await saveRecord(c.var.deps.db, user, kind, id, record, etag);
    return c.redirect(ctx.href(`${editorPath(kind, id)}?done=saved`), 303);
  } catch (err) {
    if (err instanceof ValidationError)
      return again({ errors: problemsToFields(kind, err.details ?? [], record, ctx.t), status: 400 });
    if (err instanceof PreconditionFailedError) return again({ stale: true, status: 409 });
    if (err instanceof ForbiddenError) {
      // Allowed to change the record, but not to give it to someone else: say so at the owner field.
      const copy = await getWorkingCopy(c.var.deps.db, user, kind, id);
      if (copy.allowedActions.includes('update'))
        return again({ errors: ownerProblem(ctx, kind, err), status: 403 });
    }
    if (err instanceof ConflictError) return again({ errors: general(ctx, err.message), status: 409 });
    throw err;
  }
}

async function actOnRecord(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) return toSignIn(c);
  const kind = kindOf(c);
  const id = c.req.param('id') as string;
  const action = c.req.param('action') as FormAction;
  const ctx = pageCtx(c);
  const body = await formBody(c);
  const etag = str(body._etag);
  const comment = str(body.comment);
  const { db } = c.var.deps;
  let copy: WorkingCopy | null = null;
  try {
    if (action === 'discard') await discardDraft(db, user, kind, id, etag);
    else copy = await transition(db, user, kind, id, action, etag, action === 'return' ? comment : null);
  } catch (err) {
    const again = (state: RecordState) =>
      renderRecord(c, user, kind, id, { returnComment: comment, ...state });
    if (err instanceof ValidationError) {
      const errors = (err.details ?? []).map((d) =>
        d.location === 'comment'
          ? { field: RETURN_COMMENT_ID, label: ctx.t('editing.returnComment'), message: d.message }
          : null,
      );
      const rest = (err.details ?? []).filter((d) => d.location !== 'comment');
      return again({
        errors: [
          ...errors.filter((e): e is FieldProblem => e !== null),
          ...problemsToFields(kind, rest, {}, ctx.t),
          ...(err.details?.length ? [] : general(ctx, err.message)),
        ],
        status: 400,
      });
    }
    if (err instanceof PreconditionFailedError) return again({ stale: true, status: 409 });
    if (err instanceof ConflictError) return again({ errors: general(ctx, err.message), status: 409 });
    throw err;
  }
  const done = { submit: 'submitted', publish: 'published', return: 'returned', discard: 'discarded' }[
    action
  ];
  // A discarded new record is gone: back to the dashboard. A discarded correction leaves the published record.
  if (action === 'discard') {
    const stillThere = await EDITABLE[kind].loadPublished(db, id);
    if (!stillThere) return c.redirect(ctx.href(`/editor?done=${done}`), 303);
  }
  return c.redirect(ctx.href(`${editorPath(kind, copy?.id ?? id)}?done=${done}`), 303);
}

export function registerEditingPages(app: Hono<AppEnv>): void {
  app.get('/editor/queue', queuePage);

  app.get(`/editor/${KIND}/new`, async (c) => {
    const user = c.get('user');
    if (!user) return toSignIn(c);
    const kind = kindOf(c);
    if (!mayCreate(user, kind))
      throw new ForbiddenError(`You may not create a ${c.get('t')(KIND_LABEL[kind]).toLowerCase()}.`);
    const values = initialValues(kind, user, { pledge: c.req.query('pledge') });
    return renderNew(c, user, kind, values, [], crypto.randomUUID());
  });
  app.post(`/editor/${KIND}/new`, createFromForm);

  app.get(`/editor/${KIND}/:id`, async (c) => {
    const user = c.get('user');
    if (!user) return toSignIn(c);
    return renderRecord(c, user, kindOf(c), c.req.param('id') as string);
  });
  app.post(`/editor/${KIND}/:id`, saveFromForm);
  app.post(`/editor/${KIND}/:id/:action{${ACTIONS.join('|')}}`, actOnRecord);
}
