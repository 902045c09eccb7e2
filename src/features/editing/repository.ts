/**
 * Drafts, published versions and idempotency keys as stored. No access
 * checks here: the service checks first, then calls these.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RecordDraftsTable } from '../../db/schema.ts';
import type { EditRecord } from './resources.ts';

export type DraftRow = RecordDraftsTable;

/** Digest of a record's canonical JSON: the published record's ETag and a draft's base. */
export function recordHash(record: EditRecord): string {
  return crypto.createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 24);
}

/** A fresh draft revision: random, so a stale ETag can never match a later draft by chance. */
export const newRevision = () => crypto.randomBytes(12).toString('hex');

export function findDraft(db: Kysely<Database>, resource: string, id: string): Promise<DraftRow | undefined> {
  return db
    .selectFrom('record_drafts')
    .selectAll()
    .where('resource', '=', resource)
    .where('record_id', '=', id)
    .executeTakeFirst();
}

/** Open drafts, oldest change first (a moderation queue is worked in order of arrival). */
export function listDraftRows(
  db: Kysely<Database>,
  filter: { resources?: readonly string[]; workflow?: string },
): Promise<DraftRow[]> {
  let q = db.selectFrom('record_drafts').selectAll();
  if (filter.resources?.length) q = q.where('resource', 'in', filter.resources);
  if (filter.workflow) q = q.where('workflow', '=', filter.workflow);
  return q.orderBy('updated_at').orderBy('resource').orderBy('record_id').execute();
}

/** Replaces a draft's fields if its revision is still `revision`; false when someone changed it first. */
export async function swapDraft(
  trx: Kysely<Database>,
  key: { resource: string; id: string; revision: string },
  set: Partial<DraftRow>,
): Promise<boolean> {
  const result = await trx
    .updateTable('record_drafts')
    .set(set)
    .where('resource', '=', key.resource)
    .where('record_id', '=', key.id)
    .where('revision', '=', key.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a draft if its revision is still `revision`. */
export async function deleteDraft(
  trx: Kysely<Database>,
  key: { resource: string; id: string; revision: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom('record_drafts')
    .where('resource', '=', key.resource)
    .where('record_id', '=', key.id)
    .where('revision', '=', key.revision)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export type VersionRow = {
  version: number;
  record: EditRecord;
  publishedAt: string;
  publishedBy: string | null;
  note: string | null;
};

export async function listVersionRows(
  db: Kysely<Database>,
  resource: string,
  id: string,
): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('record_versions')
    .selectAll()
    .where('resource', '=', resource)
    .where('record_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    record: JSON.parse(r.data_json),
    publishedAt: r.published_at,
    publishedBy: r.published_by_email,
    note: r.note,
  }));
}

/**
 * Appends the published version. The first edit of a record that was
 * published before versions were kept (an import) first records that
 * earlier state as version 1, so every correction has its predecessor.
 */
export async function appendVersion(
  trx: Kysely<Database>,
  entry: {
    resource: string;
    id: string;
    before: EditRecord | null;
    after: EditRecord;
    at: string;
    by: string | null;
  },
): Promise<number> {
  const last = await trx
    .selectFrom('record_versions')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('resource', '=', entry.resource)
    .where('record_id', '=', entry.id)
    .executeTakeFirst();
  let version = Number(last?.v ?? 0);
  if (version === 0 && entry.before) {
    version = 1;
    await trx
      .insertInto('record_versions')
      .values({
        resource: entry.resource,
        record_id: entry.id,
        version,
        data_json: JSON.stringify(entry.before),
        published_at: entry.at,
        published_by_email: null,
        note: 'as published before its first edit',
      })
      .execute();
  }
  version++;
  await trx
    .insertInto('record_versions')
    .values({
      resource: entry.resource,
      record_id: entry.id,
      version,
      data_json: JSON.stringify(entry.after),
      published_at: entry.at,
      published_by_email: entry.by,
      note: null,
    })
    .execute();
  return version;
}

export function findIdempotencyKey(db: Kysely<Database>, userId: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}
