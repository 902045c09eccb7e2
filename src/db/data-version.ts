/**
 * The data version: one integer that every committed write raises. Call
 * `bumpDataVersion` inside the write's transaction, so the new version and the
 * new data become visible together.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.insertInto('…').values(…).execute();
 *   await bumpDataVersion(trx);
 * });
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

export async function bumpDataVersion(trx: Kysely<Database>): Promise<void> {
  await trx
    .updateTable('data_version')
    .set({ version: sql`version + 1`, changed_at: new Date().toISOString() })
    .where('id', '=', 1)
    .execute();
}
