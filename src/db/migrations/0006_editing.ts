import type { Kysely } from 'kysely';

/**
 * Editing: the registry tables hold only published records; work in progress
 * lives beside them.
 *
 * - `record_drafts`: at most one open draft (new record or correction) per
 *   record, in workflow `draft` (returned ones carry the reviewer's comment)
 *   or `submitted`. `revision` is a random value replaced on every change: the
 *   draft's ETag, compared and swapped in one UPDATE so concurrent writers
 *   cannot both win. `base_hash` is the digest of the published record the
 *   correction started from, so publishing over a record changed meanwhile
 *   is refused.
 * - `record_versions`: every published version of an edited record, never
 *   changed once written.
 * - `idempotency_keys`: the answer to a create, replayed when the same caller
 *   sends the same `Idempotency-Key` again.
 * - `position_events.origin`: `reference` (the reference file) or `editor`.
 *   Reference sync leaves events taken over by the editor alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_drafts')
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('base_hash', 'text')
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('owner_states', 'text', (c) => c.notNull())
    .addColumn('owner_actor_id', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_by_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addPrimaryKeyConstraint('record_drafts_pk', ['resource', 'record_id'])
    .execute();
  await db.schema.createIndex('record_drafts_workflow').on('record_drafts').columns(['workflow']).execute();

  await db.schema
    .createTable('record_versions')
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_email', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('record_versions_pk', ['resource', 'record_id', 'version'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();

  await db.schema
    .alterTable('position_events')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('reference'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('position_events').dropColumn('origin').execute();
  for (const table of ['idempotency_keys', 'record_versions', 'record_drafts']) {
    await db.schema.dropTable(table).execute();
  }
}
