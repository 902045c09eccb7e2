import type { Kysely } from 'kysely';

/**
 * A single counter that every write transaction increments, so readers can
 * tell cheaply whether anything changed (read caches key on it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ data_version: { id: number; version: number; changed_at: string } }>)
    .insertInto('data_version')
    .values({ id: 1, version: 0, changed_at: new Date(0).toISOString() })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_version').execute();
}
