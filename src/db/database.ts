/**
 * Opens the database named by the config: embedded SQLite (default) or PostgreSQL.
 *
 * @example
 * const database = await openDatabase(config.database);
 * await database.db.selectFrom('compacts').selectAll().execute();
 * await database.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { DatabaseError } from '../errors.ts';
import type { Database } from './schema.ts';

export type Engine = DatabaseConfig['engine'];

export type OpenDatabase = {
  db: Kysely<Database>;
  engine: Engine;
  close: () => Promise<void>;
};

export async function openDatabase(
  config: DatabaseConfig,
  options: { readOnly?: boolean } = {},
): Promise<OpenDatabase> {
  if (config.engine === 'sqlite') return openSqlite(config.file, options.readOnly === true);
  return openPostgres(config.url, config.schema);
}

function openSqlite(file: string, readOnly: boolean): OpenDatabase {
  if (file !== ':memory:' && !readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let native: SQLite.Database;
  try {
    native = new SQLite(file, readOnly ? { readonly: true, fileMustExist: true } : {});
  } catch (err) {
    throw new DatabaseError(`Cannot open the SQLite database at ${file}.`, err);
  }
  if (readOnly) {
    native.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
    return { db, engine: 'sqlite', close: async () => db.destroy() };
  }
  // WAL lets readers run beside the single writer; FULL syncs every commit so an
  // acknowledged write survives a power cut, not just a process crash.
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return {
    db,
    engine: 'sqlite',
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, schema?: string): Promise<OpenDatabase> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new DatabaseError(`Invalid PostgreSQL schema name "${schema}".`);
  }
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(`create schema if not exists ${schema}`);
    } catch (err) {
      // Two instances creating the schema at once: the loser sees a unique violation.
      if ((err as { code?: string }).code === '23505') return openPostgres(url, schema);
      throw new DatabaseError(`Cannot reach PostgreSQL at ${redactUrl(url)}.`, err);
    } finally {
      await client.end().catch(() => {});
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw new DatabaseError(`Cannot reach PostgreSQL at ${redactUrl(url)}.`, err);
  }
  return {
    db,
    engine: 'postgres',
    close: async () => {
      await db.destroy();
    },
  };
}

/** Hides the password of a connection URL so it can be logged or shown. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}

/** Answers true when the database responds to a trivial query. */
export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
