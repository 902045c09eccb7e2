/**
 * Schema migrations. On PostgreSQL, migrating and loading reference data run
 * under a session advisory lock so that any number of instances may start at
 * once; on SQLite the data-folder lock already makes the process exclusive.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { DatabaseError } from '../errors.ts';
import type { Engine } from './database.ts';
import * as m0001 from './migrations/0001_reference.ts';
import * as m0002 from './migrations/0002_data_version.ts';
import * as m0003 from './migrations/0003_states_positions.ts';
import * as m0004 from './migrations/0004_pledges_reviews.ts';
import * as m0005 from './migrations/0005_accounts_audit.ts';
import * as m0006 from './migrations/0006_editing.ts';
import * as m0007 from './migrations/0007_pending_imports.ts';
import * as m0008 from './migrations/0008_crosswalk.ts';
import type { Database } from './schema.ts';

const migrations: Record<string, Migration> = {
  '0001_reference': m0001,
  '0002_data_version': m0002,
  '0003_states_positions': m0003,
  '0004_pledges_reviews': m0004,
  '0005_accounts_audit': m0005,
  '0006_editing': m0006,
  '0007_pending_imports': m0007,
  '0008_crosswalk': m0008,
};

/** An arbitrary constant shared by every instance: the advisory lock's key. */
const ADVISORY_LOCK_KEY = 72_190_2018;

export type MigrationResult = { applied: string[] };

export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<MigrationResult> {
  const schema = engine === 'postgres' ? await currentSchema(db) : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables across every schema it can see;
    // pinning them to the current schema keeps two deployments (or two test
    // runs) in one PostgreSQL database from mistaking each other's tables.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new DatabaseError(`Migration ${failed ?? ''} failed: ${(error as Error).message}`.trim(), error);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

/**
 * Runs `fn` while holding the cluster-wide startup lock (PostgreSQL), with a
 * Kysely bound to the single connection that holds it.
 */
export async function withStartupLock<T>(
  db: Kysely<Database>,
  engine: Engine,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (engine === 'sqlite') return fn(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${ADVISORY_LOCK_KEY})`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${ADVISORY_LOCK_KEY})`.execute(conn);
    }
  });
}
