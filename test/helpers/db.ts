/**
 * Real databases for tests: a fresh SQLite file per test database, and a
 * fresh PostgreSQL schema (dropped afterwards) on TEST_DATABASE_URL.
 *
 * @example
 * forEachEngine((engine) => {
 *   let t: TestDatabase;
 *   beforeAll(async () => { t = await openTestDatabase(engine, { load: true }); });
 *   afterAll(() => t.close());
 * });
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import type { Config, DatabaseConfig } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { type OpenDatabase, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadReferenceData } from '../../src/features/reference/sync.ts';
import { testDatabaseUrl } from './environment.ts';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: EngineName[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = OpenDatabase & { config: Config; databaseConfig: DatabaseConfig; dataDir: string };

export function tempDir(prefix = 'cw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A database config for a brand-new, empty database on the given engine. */
export function freshDatabaseConfig(engine: EngineName): {
  database: DatabaseConfig;
  dataDir: string;
  env: Record<string, string>;
} {
  const dataDir = tempDir();
  if (engine === 'sqlite') {
    return {
      database: { engine: 'sqlite', file: path.join(dataDir, 'compact-watch.sqlite') },
      dataDir,
      env: { DATA_DIR: dataDir },
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  return {
    database: { engine: 'postgres', url: testDatabaseUrl!, schema },
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: testDatabaseUrl!, DATABASE_SCHEMA: schema },
  };
}

export async function openTestDatabase(
  engine: EngineName,
  opts: { load?: boolean } = {},
): Promise<TestDatabase> {
  const { database: databaseConfig, dataDir, env } = freshDatabaseConfig(engine);
  const config = { ...loadConfig({ ...env, LOG_LEVEL: 'silent', PORT: '0' }), database: databaseConfig };
  const database = await openDatabase(databaseConfig);
  await migrateToLatest(database.db, database.engine);
  if (opts.load) await loadReferenceData(database.db, database.engine);
  return {
    ...database,
    config,
    databaseConfig,
    dataDir,
    close: async () => {
      await database.close();
      await dropSchema(databaseConfig);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropSchema(databaseConfig: DatabaseConfig): Promise<void> {
  if (databaseConfig.engine !== 'postgres' || !databaseConfig.schema) return;
  const client = new pg.Client({ connectionString: databaseConfig.url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${databaseConfig.schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Runs a describe block once per available engine. */
export function forEachEngine(fn: (engine: EngineName) => void): void {
  for (const engine of ENGINES) describe(`on ${engine}`, () => fn(engine));
}
