/**
 * Editing with moderation: records move draft → submitted → published, or
 * back to draft with a reviewer's comment ("returned"). The registry and
 * position-event tables hold only published records, so every public page,
 * API answer, export, feed and analysis shows published data and nothing
 * else; work in progress lives in `record_drafts`.
 *
 * Every method checks access first (the policy in src/domain/access-policy.ts),
 * then works in one transaction that also writes exactly one audit row.
 * Changes to an existing record need the ETag the caller read (`ifMatch`):
 * a draft's ETag is its revision, swapped in one conditional UPDATE, so of
 * concurrent writers holding the same ETag exactly one wins.
 *
 * @example
 * const copy = await createRecord(db, user, 'pledges', body, { idempotencyKey: 'k1' });
 * const sent = await transition(db, user, 'pledges', copy.id, 'submit', copy.etag);
 * await transition(db, reviewer, 'pledges', copy.id, 'publish', sent.etag);
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  type Action,
  allowedActions,
  can,
  type Ownership,
  type Principal,
  type WorkflowState,
} from '../../domain/access-policy.ts';
import {
  AppError,
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '../../errors.ts';
import { type ChangeAuthor, writeAudit } from '../accounts/audit.ts';
import type { User } from '../accounts/service.ts';
import {
  appendVersion,
  type DraftRow,
  deleteDraft,
  findDraft,
  findIdempotencyKey,
  listDraftRows,
  listVersionRows,
  newRevision,
  recordHash,
  swapDraft,
  type VersionRow,
} from './repository.ts';
import { EDITABLE, type EditKind, type EditRecord, newRecordId, type Owners } from './resources.ts';

/** What the editor shows and the API answers for one record: its open draft, else its published version. */
export type WorkingCopy = {
  kind: EditKind;
  id: string;
  workflow: WorkflowState;
  /** True while the record has never been published. */
  isNew: boolean;
  record: EditRecord;
  /** The value to send back in `If-Match` to change this copy. */
  etag: string;
  /** A reviewer's comment when the draft was returned. */
  comment: string | null;
  updatedAt: string | null;
  createdBy: string | null;
  submittedAt: string | null;
  allowedActions: Action[];
};

export type Transition = 'submit' | 'publish' | 'return';

const authorOf = (user: User): ChangeAuthor => ({ id: user.id, email: user.email });
const nowIso = () => new Date().toISOString();

/** The signed-in caller, or 401. */
function requireCaller(user: User | null): User {
  if (!user) throw new AuthenticationError();
  return user;
}

/** 403 unless the policy allows it. The one access gate of this service. */
function authorize(user: Principal, action: Action, def: (typeof EDITABLE)[EditKind], record: Ownership) {
  if (!can(user, action, def.resource, record))
    throw new ForbiddenError(`You may not ${action} this ${def.resource.replace('_', ' ')}.`);
}

/** What the caller answers for: the scope a record must fall in for them to own it. */
function ownScope(user: User): Omit<Ownership, 'workflow'> {
  return { ownerStates: [...user.states], ownerActorId: user.actorId };
}

function ownershipOfDraft(row: DraftRow): Ownership {
  return {
    ownerStates: JSON.parse(row.owner_states) as string[],
    ownerActorId: row.owner_actor_id,
    workflow: row.workflow as WorkflowState,
  };
}

function draftCopy(user: Principal | null, kind: EditKind, row: DraftRow, isNew: boolean): WorkingCopy {
  return {
    kind,
    id: row.record_id,
    workflow: row.workflow as WorkflowState,
    isNew,
    record: JSON.parse(row.data_json),
    etag: `"d-${row.revision}"`,
    comment: row.comment,
    updatedAt: row.updated_at,
    createdBy: row.created_by_email,
    submittedAt: row.submitted_at,
    allowedActions: allowedActions(user, EDITABLE[kind].resource, ownershipOfDraft(row)),
  };
}

function publishedCopy(
  user: Principal | null,
  kind: EditKind,
  record: EditRecord,
  owners: Owners,
): WorkingCopy {
  return {
    kind,
    id: record.id,
    workflow: 'published',
    isNew: false,
    record,
    etag: `"p-${recordHash(record)}"`,
    comment: null,
    updatedAt: null,
    createdBy: null,
    submittedAt: null,
    allowedActions: allowedActions(user, EDITABLE[kind].resource, { ...owners, workflow: 'published' }),
  };
}

/** The ETag as sent (a list or weak form is not a match for a write). */
function requireIfMatch(ifMatch: string | null | undefined): string {
  if (!ifMatch) throw new PreconditionRequiredError();
  return ifMatch.trim();
}

async function parseOrThrow(db: Kysely<Database>, kind: EditKind, input: unknown): Promise<EditRecord> {
  const parsed = await EDITABLE[kind].parse(db, input);
  if ('problems' in parsed) throw invalid(parsed.problems);
  return parsed.record;
}

function invalid(problems: { location?: string; message: string }[]) {
  const what = problems.map((p) => `${p.location}: ${p.message}`).join('; ');
  return new ValidationError(`The record is not valid: ${what}`, problems);
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The record's working copy: its open draft if the caller may see it, else
 * its published version. 404 when neither exists for this caller.
 */
export async function getWorkingCopy(
  db: Kysely<Database>,
  user: User | null,
  kind: EditKind,
  id: string,
): Promise<WorkingCopy> {
  const caller = requireCaller(user);
  const def = EDITABLE[kind];
  const draft = await findDraft(db, def.resource, id);
  const published = await def.loadPublished(db, id);
  if (draft && can(caller, 'read', def.resource, ownershipOfDraft(draft)))
    return draftCopy(caller, kind, draft, published === null);
  if (published) return publishedCopy(caller, kind, published, await def.owners(db, published));
  throw new NotFoundError(def.resource.replace('_', ' '), id);
}

/** Open drafts the caller may read, optionally of one kind and workflow state, oldest change first. */
export async function listDrafts(
  db: Kysely<Database>,
  user: User | null,
  filter: { kind?: EditKind; workflow?: 'draft' | 'submitted' } = {},
): Promise<WorkingCopy[]> {
  const caller = requireCaller(user);
  const kinds = filter.kind ? [filter.kind] : (Object.keys(EDITABLE) as EditKind[]);
  const byResource = new Map(kinds.map((k) => [EDITABLE[k].resource as string, k]));
  const rows = await listDraftRows(db, { resources: [...byResource.keys()], workflow: filter.workflow });
  const visible = rows.filter((r) => can(caller, 'read', r.resource as never, ownershipOfDraft(r)));
  // A draft is new when no published record has its id: one query per kind.
  const copies: WorkingCopy[] = [];
  for (const row of visible) {
    const kind = byResource.get(row.resource) as EditKind;
    copies.push(draftCopy(caller, kind, row, row.base_hash === null));
  }
  return copies;
}

/**
 * Creates a record as a draft. With an idempotency key, the same request
 * sent again answers with the record it made the first time instead of
 * making another; the same key with a different request is refused.
 */
export async function createRecord(
  db: Kysely<Database>,
  user: User | null,
  kind: EditKind,
  input: unknown,
  options: { idempotencyKey?: string | null } = {},
): Promise<{ copy: WorkingCopy; replayed: boolean }> {
  const caller = requireCaller(user);
  const def = EDITABLE[kind];
  // Before reading the body: may this role create such records at all, even its own?
  authorize(caller, 'create', def, { ...ownScope(caller), workflow: 'draft' });
  const key = options.idempotencyKey?.trim() || null;
  if (key !== null && (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)))
    throw new ValidationError('Idempotency-Key must be 1 to 200 visible ASCII characters.', [
      { location: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
    ]);
  const requestHash = crypto
    .createHash('sha256')
    .update(`${kind}\n${JSON.stringify(input)}`)
    .digest('hex');
  const replay = async () => {
    if (key === null) return null;
    const seen = await findIdempotencyKey(db, caller.id, key);
    if (!seen) return null;
    if (seen.request_hash !== requestHash)
      throw new AppError('This Idempotency-Key was used for a different request.', {
        code: 'conflict',
        status: 422,
        exitCode: 2,
        details: [{ location: 'Idempotency-Key', message: 'already used with another request body' }],
      });
    return {
      copy: await getWorkingCopy(db, caller, seen.resource as EditKind, seen.record_id),
      replayed: true,
    };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const withId =
    input && typeof input === 'object' && !Array.isArray(input) && !('id' in input)
      ? { ...input, id: newRecordId(def.idPrefix) }
      : input;
  const record = await parseOrThrow(db, kind, withId);
  const owners = await def.owners(db, record);
  authorize(caller, 'create', def, { ...owners, workflow: 'draft' });

  try {
    const row = await db.transaction().execute(async (trx) => {
      if (await def.loadPublished(trx, record.id))
        throw new ConflictError(
          `A ${def.resource.replace('_', ' ')} with id "${record.id}" exists: change it instead.`,
        );
      if (await findDraft(trx, def.resource, record.id))
        throw new ConflictError(`A draft with id "${record.id}" exists already.`);
      const problems = await def.check(trx, record);
      if (problems.length) throw invalid(problems);
      const at = nowIso();
      const draft: DraftRow = {
        resource: def.resource,
        record_id: record.id,
        workflow: 'draft',
        revision: newRevision(),
        base_hash: null,
        data_json: JSON.stringify(record),
        owner_states: JSON.stringify(owners.ownerStates),
        owner_actor_id: owners.ownerActorId,
        comment: null,
        created_by: caller.id,
        created_by_email: caller.email,
        created_at: at,
        updated_at: at,
        submitted_at: null,
      };
      await trx.insertInto('record_drafts').values(draft).execute();
      if (key !== null) {
        await trx
          .deleteFrom('idempotency_keys')
          .where('created_at', '<', new Date(Date.now() - 24 * 3600_000).toISOString())
          .execute();
        await trx
          .insertInto('idempotency_keys')
          .values({
            user_id: caller.id,
            key,
            request_hash: requestHash,
            resource: kind,
            record_id: record.id,
            created_at: at,
          })
          .execute();
      }
      await writeAudit(trx, {
        author: authorOf(caller),
        action: 'create',
        resource: def.resource,
        recordId: record.id,
        before: null,
        after: record,
      });
      return draft;
    });
    return { copy: draftCopy(caller, kind, row, true), replayed: false };
  } catch (err) {
    // The same key sent twice at once: the second insert of the key lost; answer as the first did.
    if (isUniqueViolation(err)) {
      const again = await replay();
      if (again) return again;
      throw new ConflictError(`A record with id "${record.id}" was created at the same time.`);
    }
    throw err;
  }
}

/**
 * Replaces the record's working copy. On a published record this opens a
 * correction (a draft based on it); on a draft it changes the draft.
 */
export async function saveRecord(
  db: Kysely<Database>,
  user: User | null,
  kind: EditKind,
  id: string,
  input: unknown,
  ifMatch: string | null | undefined,
): Promise<WorkingCopy> {
  const caller = requireCaller(user);
  const def = EDITABLE[kind];
  const withId = input && typeof input === 'object' && !Array.isArray(input) ? { id, ...input } : input;

  try {
    return await db.transaction().execute(async (trx) => {
      const current = await currentState(trx, caller, kind, id);
      authorize(caller, 'update', def, current.ownership);
      const sentTag = requireIfMatch(ifMatch);
      const record = await parseOrThrow(trx, kind, withId);
      if (record.id !== id)
        throw new ValidationError('The id in the body differs from the id in the address.', [
          { location: 'id', message: `must be "${id}" (ids cannot change)` },
        ]);
      const newOwners = await def.owners(trx, record);
      // Nobody moves a record out of reach: the changed record must be theirs to edit too.
      authorize(caller, 'update', def, { ...newOwners, workflow: current.ownership.workflow });
      if (current.etag !== sentTag) throw new PreconditionFailedError();
      const problems = await def.check(trx, record);
      if (problems.length) throw invalid(problems);
      const at = nowIso();
      const changes = {
        data_json: JSON.stringify(record),
        owner_states: JSON.stringify(newOwners.ownerStates),
        owner_actor_id: newOwners.ownerActorId,
        updated_at: at,
      };
      let row: DraftRow;
      if (current.draft) {
        const revision = newRevision();
        const swapped = await swapDraft(
          trx,
          { resource: def.resource, id, revision: current.draft.revision },
          { ...changes, revision },
        );
        if (!swapped) throw new PreconditionFailedError();
        row = { ...current.draft, ...changes, revision };
      } else {
        row = {
          resource: def.resource,
          record_id: id,
          workflow: 'draft',
          revision: newRevision(),
          base_hash: recordHash(current.published as EditRecord),
          ...changes,
          comment: null,
          created_by: caller.id,
          created_by_email: caller.email,
          created_at: at,
          submitted_at: null,
        };
        await trx.insertInto('record_drafts').values(row).execute();
      }
      await writeAudit(trx, {
        author: authorOf(caller),
        action: current.draft ? 'update' : 'correct',
        resource: def.resource,
        recordId: id,
        before: current.draft ? JSON.parse(current.draft.data_json) : current.published,
        after: record,
      });
      return draftCopy(caller, kind, row, current.published === null);
    });
  } catch (err) {
    // Two writers opened a correction of the same published record at once: the later one is stale.
    if (isUniqueViolation(err)) throw new PreconditionFailedError();
    throw err;
  }
}

type CurrentState = {
  draft: DraftRow | null;
  published: EditRecord | null;
  ownership: Ownership;
  etag: string;
};

/** The record as it stands inside the transaction; 404 when the caller may not see any of it. */
async function currentState(
  trx: Kysely<Database>,
  caller: User,
  kind: EditKind,
  id: string,
): Promise<CurrentState> {
  const def = EDITABLE[kind];
  const draft = (await findDraft(trx, def.resource, id)) ?? null;
  const published = await def.loadPublished(trx, id);
  if (draft) {
    const ownership = ownershipOfDraft(draft);
    if (!can(caller, 'read', def.resource, ownership)) {
      // Someone else's draft of a published record: they see (and may correct) only the published one.
      if (!published) throw new NotFoundError(def.resource.replace('_', ' '), id);
      authorize(caller, 'update', def, { ...(await def.owners(trx, published)), workflow: 'published' });
      throw new ConflictError('A correction of this record is already in progress.');
    }
    return { draft, published, ownership, etag: `"d-${draft.revision}"` };
  }
  if (!published) throw new NotFoundError(def.resource.replace('_', ' '), id);
  const owners = await def.owners(trx, published);
  return {
    draft: null,
    published,
    ownership: { ...owners, workflow: 'published' },
    etag: `"p-${recordHash(published)}"`,
  };
}

/** Submits a draft, publishes it, or returns it to its author with a comment. */
export async function transition(
  db: Kysely<Database>,
  user: User | null,
  kind: EditKind,
  id: string,
  action: Transition,
  ifMatch: string | null | undefined,
  comment?: string | null,
): Promise<WorkingCopy> {
  const caller = requireCaller(user);
  const def = EDITABLE[kind];
  const note = comment?.trim() ?? '';
  if (action === 'return' && note === '')
    throw new ValidationError('Say why the record is returned.', [
      { location: 'comment', message: 'is required when returning a record' },
    ]);
  if (note.length > 5000)
    throw new ValidationError('The comment is too long.', [
      { location: 'comment', message: 'at most 5,000 characters' },
    ]);

  return db.transaction().execute(async (trx) => {
    const current = await currentState(trx, caller, kind, id);
    authorize(caller, action, def, current.ownership);
    if (current.etag !== requireIfMatch(ifMatch)) throw new PreconditionFailedError();
    const draft = current.draft as DraftRow;
    const key = { resource: def.resource, id, revision: draft.revision };
    const at = nowIso();
    const record = JSON.parse(draft.data_json) as EditRecord;

    if (action === 'publish') {
      if (!(await deleteDraft(trx, key))) throw new PreconditionFailedError();
      const base = current.published ? recordHash(current.published) : null;
      if (base !== draft.base_hash)
        throw new ConflictError(
          'The published record changed after this correction began; discard the draft and start again from the published record.',
        );
      await def.publish(trx, record);
      const published = (await def.loadPublished(trx, id)) as EditRecord;
      await appendVersion(trx, {
        resource: def.resource,
        id,
        before: current.published,
        after: published,
        at,
        by: caller.email,
      });
      await writeAudit(trx, {
        author: authorOf(caller),
        action: 'publish',
        resource: def.resource,
        recordId: id,
        before: current.published,
        after: published,
      });
      return publishedCopy(caller, kind, published, await def.owners(trx, published));
    }

    const set =
      action === 'submit'
        ? { workflow: 'submitted', submitted_at: at, comment: note || null }
        : { workflow: 'draft', comment: note };
    const revision = newRevision();
    if (!(await swapDraft(trx, key, { ...set, revision, updated_at: at })))
      throw new PreconditionFailedError();
    await writeAudit(trx, {
      author: authorOf(caller),
      action,
      resource: def.resource,
      recordId: id,
      before: { workflow: draft.workflow },
      after: { workflow: set.workflow, ...(note ? { comment: note } : {}) },
    });
    return draftCopy(
      caller,
      kind,
      { ...draft, ...set, revision, updated_at: at },
      current.published === null,
    );
  });
}

/** Discards a draft (a new record disappears; a correction leaves the published version as it was). */
export async function discardDraft(
  db: Kysely<Database>,
  user: User | null,
  kind: EditKind,
  id: string,
  ifMatch: string | null | undefined,
): Promise<void> {
  const caller = requireCaller(user);
  const def = EDITABLE[kind];
  await db.transaction().execute(async (trx) => {
    const current = await currentState(trx, caller, kind, id);
    authorize(caller, 'delete', def, current.ownership);
    if (!current.draft) throw new ConflictError('Published records are corrected, not deleted.');
    if (current.etag !== requireIfMatch(ifMatch)) throw new PreconditionFailedError();
    if (!(await deleteDraft(trx, { resource: def.resource, id, revision: current.draft.revision })))
      throw new PreconditionFailedError();
    await writeAudit(trx, {
      author: authorOf(caller),
      action: 'discard',
      resource: def.resource,
      recordId: id,
      before: JSON.parse(current.draft.data_json),
      after: null,
    });
  });
}

/** Every published version of a record kept by the editor, oldest first (public: published data only). */
export async function listVersions(db: Kysely<Database>, kind: EditKind, id: string): Promise<VersionRow[]> {
  const def = EDITABLE[kind];
  const versions = await listVersionRows(db, def.resource, id);
  if (versions.length === 0 && !(await def.loadPublished(db, id)))
    throw new NotFoundError(def.resource.replace('_', ' '), id);
  return versions;
}
