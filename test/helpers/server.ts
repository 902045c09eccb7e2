/**
 * A real HTTP server, started in-process on a free loopback port over a fresh
 * database (a temporary SQLite DATA_DIR, or a throwaway PostgreSQL schema on
 * TEST_DATABASE_URL), for browser tests and benchmarks.
 *
 * @example
 * const server = await startTestServer('sqlite');
 * await fetch(`${server.url}/healthz`);
 * await server.stop(); // closes the server, drops the schema, deletes DATA_DIR
 */
import fs from 'node:fs';
import { type Config, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startServer } from '../../src/server.ts';
import { dropSchema, type EngineName, freshDatabaseConfig } from './db.ts';

export type TestServer = {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  engine: EngineName;
  /** The temporary data folder (removed by `stop`). */
  dataDir: string;
  config: Config;
  /** Stops the server and removes everything it created. Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * Starts the full server (migrations, reference data, pages, API) on
 * 127.0.0.1 with port 0, over a brand-new database on `engine`. `env` adds
 * or overrides configuration variables (e.g. `{ LOG_LEVEL: 'info' }`).
 */
export async function startTestServer(
  engine: EngineName = 'sqlite',
  env: Record<string, string> = {},
): Promise<TestServer> {
  const fresh = freshDatabaseConfig(engine);
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent', ...fresh.env, ...env, HOST: '127.0.0.1', PORT: '0' }),
    database: fresh.database,
  };
  const cleanUp = async () => {
    await dropSchema(fresh.database);
    fs.rmSync(fresh.dataDir, { recursive: true, force: true });
  };
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(config, createLogger(config));
  } catch (err) {
    await cleanUp();
    throw err;
  }
  // PORT 0 makes the default public URL http://localhost:0; use the real one now that the port is known.
  if (!env.PUBLIC_URL) config.publicUrl = running.url;
  let stopping: Promise<void> | undefined;
  return {
    url: running.url,
    engine,
    dataDir: fresh.dataDir,
    config,
    stop: () => {
      stopping ??= running.stop().finally(cleanUp);
      return stopping;
    },
  };
}
