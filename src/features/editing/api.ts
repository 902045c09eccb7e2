/**
 * API v1 writes: `/editor/{kind}` for pledges, progress updates, national
 * reviews and position events. Creates honour `Idempotency-Key`; every
 * change to an existing record needs `If-Match` with the ETag last read
 * (428 without it, 412 when the record changed since). Answers carry the
 * record's `workflow` state and the caller's `allowedActions`.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ACTIONS, WORKFLOW_STATES } from '../../domain/access-policy.ts';
import { ValidationError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { type CsvColumn, decodeCursor, listQuerySchema, pageOf, sendList } from '../../http/list.ts';
import { listResponse, problemSchema } from '../../http/openapi.ts';
import type { VersionRow } from './repository.ts';
import { EDIT_KINDS } from './resources.ts';
import {
  createRecord,
  discardDraft,
  getWorkingCopy,
  listDrafts,
  listVersions,
  saveRecord,
  type Transition,
  transition,
  type WorkingCopy,
} from './service.ts';

const kindParam = z.enum(EDIT_KINDS).openapi({ param: { name: 'kind', in: 'path' }, example: 'pledges' });
const idParam = z
  .string()
  .min(1)
  .max(80)
  .openapi({ param: { name: 'id', in: 'path' }, example: 'PL-7K3M9Q2XWD' });
const params = z.object({ kind: kindParam, id: idParam });

const workingCopySchema = z
  .object({
    kind: z.enum(EDIT_KINDS),
    id: z.string(),
    workflow: z.enum(WORKFLOW_STATES),
    isNew: z.boolean().openapi({ description: 'True while the record has never been published.' }),
    record: z.record(z.string(), z.unknown()).openapi({
      description: 'The record in its canonical shape (the same as the import format: docs/data-format.md).',
    }),
    etag: z.string().openapi({ description: 'Send back in `If-Match` to change this copy.' }),
    comment: z.string().nullable().openapi({ description: "A reviewer's comment on a returned draft." }),
    updatedAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    allowedActions: z.array(z.enum(ACTIONS)),
  })
  .openapi('WorkingCopy');

const versionSchema = z
  .object({
    version: z.number().int(),
    record: z.record(z.string(), z.unknown()),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('RecordVersion');

const recordBody = {
  content: {
    'application/json': {
      schema: z.record(z.string(), z.unknown()).openapi({
        description:
          'The record (canonical shape of its kind). Lists may be left out (empty), nullable fields too (null).',
        example: {
          actorId: 'BRA',
          compacts: ['gcm'],
          title: 'Regularise migrant workers',
          type: 'policy',
          forum: 'imrf-2022',
        },
      }),
    },
  },
  required: true,
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});
const writeErrors = {
  400: problem('The record or a parameter is not valid; `errors[]` names each field'),
  401: problem('No session or API token'),
  403: problem('The caller may not do this to this record'),
  404: problem('No such record (or none the caller may see)'),
  409: problem('The record exists already, or its state does not allow this'),
};
const preconditionErrors = {
  412: problem('The record changed since the ETag in If-Match was read'),
  428: problem('If-Match is missing'),
};
const copyResponse = (status: 200 | 201, description: string) => ({
  [status]: {
    description: `${description}. The \`ETag\` header carries the copy's ETag.`,
    content: { 'application/json': { schema: z.object({ data: workingCopySchema }) } },
  },
});

/** Answers with the copy and its ETag. (Typed loosely: the record's fields vary by kind.) */
function sendCopy(c: Context<AppEnv>, copy: WorkingCopy, status: 200 | 201): never {
  c.header('etag', copy.etag);
  return c.json({ data: copy }, status) as never;
}

const ifMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'The ETag of the copy being changed (required).', example: '"d-3f2a…"' }),
});

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError('The request body is not valid JSON.', [
      { location: 'body', message: 'must be a JSON object' },
    ]);
  }
}

/** Registers the editor's write API. */
export function registerEditingApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/editor/{kind}',
      tags: ['Editing'],
      summary:
        'Open drafts of a kind that the caller may see (all of them for reviewers), oldest change first',
      request: {
        params: z.object({ kind: kindParam }),
        query: listQuerySchema.extend({ workflow: z.enum(['draft', 'submitted']).optional() }),
      },
      responses: { ...listResponse(workingCopySchema, 'Drafts and submissions'), 401: writeErrors[401] },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { workflow, ...query } = c.req.valid('query');
      const all = await listDrafts(c.var.deps.db, c.var.user, { kind, workflow });
      const after = decodeCursor(query.cursor);
      const rows = all.map((d, sort_key) => ({ ...d, sort_key })).filter((d) => d.sort_key > after);
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...d }) => d), nextCursor },
        { filename: `drafts-${kind}`, columns: DRAFT_COLUMNS },
      ) as never;
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/editor/{kind}',
      tags: ['Editing'],
      summary: 'Create a record as a draft (an id is generated when the body has none)',
      description:
        'Send `Idempotency-Key` to make retries safe: the same key with the same body answers with the record made the first time (header `Idempotent-Replayed: true`); with another body, 422.',
      request: {
        params: z.object({ kind: kindParam }),
        headers: z.object({
          'idempotency-key': z.string().optional().openapi({ example: 'b3c1f7e2-report-2026-11' }),
        }),
        body: recordBody,
      },
      responses: {
        ...copyResponse(201, 'The new draft'),
        ...writeErrors,
        422: problem('The Idempotency-Key was used with another request'),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { copy, replayed } = await createRecord(c.var.deps.db, c.var.user, kind, await jsonBody(c), {
        idempotencyKey: c.req.header('idempotency-key'),
      });
      if (replayed) c.header('idempotent-replayed', 'true');
      c.header('location', `${new URL(c.req.url).pathname}/${encodeURIComponent(copy.id)}`);
      return sendCopy(c, copy, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/editor/{kind}/{id}',
      tags: ['Editing'],
      summary: "A record's working copy: its open draft if the caller may see it, else its published version",
      request: { params },
      responses: { ...copyResponse(200, 'The working copy'), 401: writeErrors[401], 404: writeErrors[404] },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      return sendCopy(c, await getWorkingCopy(c.var.deps.db, c.var.user, kind, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/editor/{kind}/{id}',
      tags: ['Editing'],
      summary: 'Change a draft, or open a correction of a published record (If-Match required)',
      request: { params, headers: ifMatchHeader, body: recordBody },
      responses: { ...copyResponse(200, 'The changed draft'), ...writeErrors, ...preconditionErrors },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      const body = await jsonBody(c);
      return sendCopy(
        c,
        await saveRecord(c.var.deps.db, c.var.user, kind, id, body, c.req.header('if-match')),
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/editor/{kind}/{id}',
      tags: ['Editing'],
      summary: 'Discard a draft (If-Match required); published records are corrected, not deleted',
      request: { params, headers: ifMatchHeader },
      responses: { 204: { description: 'Discarded' }, ...writeErrors, ...preconditionErrors },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      await discardDraft(c.var.deps.db, c.var.user, kind, id, c.req.header('if-match'));
      return c.body(null, 204);
    },
  );

  const transitions: { action: Transition; summary: string }[] = [
    { action: 'submit', summary: 'Submit a draft for review (If-Match required)' },
    {
      action: 'publish',
      summary: 'Publish a submitted record: it becomes public as a new version (reviewers)',
    },
    { action: 'return', summary: 'Return a submitted record to its author with a comment (reviewers)' },
  ];
  for (const { action, summary } of transitions) {
    api.openapi(
      createRoute({
        method: 'post',
        path: `/editor/{kind}/{id}/${action}`,
        tags: ['Editing'],
        summary,
        // The body is optional (a JSON object with `comment`), so it is read by the handler, not a validator.
        description:
          action === 'return'
            ? 'Body: `{"comment": "…"}`, required: why the record goes back to its author.'
            : 'Body (optional): `{"comment": "…"}`, a note kept with the change.',
        request: { params, headers: ifMatchHeader },
        responses: {
          ...copyResponse(200, 'The record after the change'),
          ...writeErrors,
          ...preconditionErrors,
        },
      }),
      async (c) => {
        const { kind, id } = c.req.valid('param');
        const text = await c.req.text();
        const body = (text.trim() === '' ? {} : await jsonBody(c)) as { comment?: unknown } | null;
        const comment = typeof body?.comment === 'string' ? body.comment : null;
        return sendCopy(
          c,
          await transition(c.var.deps.db, c.var.user, kind, id, action, c.req.header('if-match'), comment),
          200,
        );
      },
    );
  }

  api.openapi(
    createRoute({
      method: 'get',
      path: '/editor/{kind}/{id}/versions',
      tags: ['Editing'],
      summary: 'Every published version of a record changed in the editor, oldest first',
      description: 'Public. A record never edited has no versions yet (an empty list).',
      request: { params, query: listQuerySchema },
      responses: { ...listResponse(versionSchema, 'Published versions'), 404: writeErrors[404] },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      const query = c.req.valid('query');
      const after = decodeCursor(query.cursor);
      const rows = (await listVersions(c.var.deps.db, kind, id))
        .map((v) => ({ ...v, sort_key: v.version }))
        .filter((v) => v.sort_key > after);
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...v }) => v), nextCursor },
        { filename: `${kind}-${id}-versions`, columns: VERSION_COLUMNS },
      ) as never;
    },
  );
}

const DRAFT_COLUMNS: CsvColumn<WorkingCopy>[] = [
  { header: 'kind', value: (d) => d.kind },
  { header: 'id', value: (d) => d.id },
  { header: 'workflow', value: (d) => d.workflow },
  { header: 'isNew', value: (d) => d.isNew },
  { header: 'title', value: (d) => (typeof d.record.title === 'string' ? d.record.title : '') },
  { header: 'comment', value: (d) => d.comment },
  { header: 'createdBy', value: (d) => d.createdBy },
  { header: 'updatedAt', value: (d) => d.updatedAt },
  { header: 'submittedAt', value: (d) => d.submittedAt },
];

const VERSION_COLUMNS: CsvColumn<VersionRow>[] = [
  { header: 'version', value: (v) => v.version },
  { header: 'publishedAt', value: (v) => v.publishedAt },
  { header: 'publishedBy', value: (v) => v.publishedBy },
  { header: 'note', value: (v) => v.note },
  { header: 'record', value: (v) => JSON.stringify(v.record) },
];
