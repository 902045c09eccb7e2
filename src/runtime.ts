/**
 * Brings the data layer up: takes the data-folder lock (embedded mode), opens
 * the database, migrates, and loads what changed in the reference data. Shared
 * by the server and the CLI.
 *
 * @example
 * const rt = await startRuntime(loadConfig(), logger);
 * // ... use rt.db ...
 * await rt.close();
 */

import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { type Engine, openDatabase } from './db/database.ts';
import { acquireDataDirLock } from './db/lock.ts';
import { migrateToLatest, withStartupLock } from './db/migrate.ts';
import type { Database } from './db/schema.ts';
import { LockedError } from './errors.ts';
import { type LoadReport, loadReferenceData } from './features/reference/sync.ts';
import type { Logger } from './log.ts';

export type Runtime = {
  db: Kysely<Database>;
  engine: Engine;
  close: () => Promise<void>;
};

export type StartOptions = {
  /** Run migrations (default true). */
  migrate?: boolean;
  /** Load the reference data if it changed (default true). */
  loadReference?: boolean;
  referenceDir?: string;
  /**
   * For commands that only read: when a server holds the data folder, read its
   * database alongside it (SQLite WAL allows that) instead of refusing.
   */
  readOnly?: boolean;
};

export async function startRuntime(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<Runtime> {
  let release: () => void = () => {};
  if (config.database.engine === 'sqlite') {
    try {
      release = acquireDataDirLock(config.dataDir);
    } catch (err) {
      if (!(options.readOnly && err instanceof LockedError && fs.existsSync(config.database.file))) throw err;
      logger.info(
        { dataDir: config.dataDir },
        'data folder in use by a server: reading its database read-only',
      );
      const database = await openDatabase(config.database, { readOnly: true });
      return { db: database.db, engine: database.engine, close: database.close };
    }
  }
  try {
    const database = await openDatabase(config.database);
    try {
      await withStartupLock(database.db, database.engine, async (db) => {
        if (options.migrate !== false) {
          const { applied } = await migrateToLatest(db, database.engine);
          if (applied.length > 0) logger.info({ applied }, 'database migrated');
        }
        if (options.loadReference !== false) {
          const report = await loadReferenceData(db, database.engine, { dir: options.referenceDir });
          logReferenceLoad(logger, report);
        }
      });
    } catch (err) {
      await database.close();
      throw err;
    }
    return {
      db: database.db,
      engine: database.engine,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

function logReferenceLoad(logger: Logger, report: LoadReport): void {
  if (!report.checked) logger.debug('reference data unchanged since last load');
  else if (report.changed) logger.info({ tables: report.tables }, 'reference data loaded');
  else logger.info('reference data checked: no changes');
}
