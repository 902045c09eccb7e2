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

/**
 * Memoises a read of the whole database per data version: the value is
 * loaded again only after a write has raised the version. For data that many
 * requests derive from (all position events, all States).
 *
 * @example
 * const allStates = memoByDataVersion((db) => db.selectFrom('states').selectAll().execute());
 * await allStates(db); // loads
 * await allStates(db); // one version check, no load
 */
export function memoByDataVersion<T>(
  load: (db: Kysely<Database>) => Promise<T>,
): (db: Kysely<Database>) => Promise<T> {
  const cache = new WeakMap<Kysely<Database>, { version: number; value: Promise<T> }>();
  return async (db) => {
    const version = await readDataVersion(db);
    const hit = cache.get(db);
    if (hit && hit.version === version) return hit.value;
    const value = load(db);
    cache.set(db, { version, value });
    // A failed load is not kept: the next call tries again.
    value.catch(() => {
      if (cache.get(db)?.value === value) cache.delete(db);
    });
    return value;
  };
}
