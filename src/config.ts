/**
 * The only reader of `process.env`. Everything else receives a resolved,
 * validated `Config`.
 *
 * @example
 * const config = loadConfig({ PORT: '8080' });
 * config.port; // 8080
 */
import path from 'node:path';
import { ConfigError, type ErrorDetail } from './errors.ts';

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; schema?: string };

export type Config = {
  port: number;
  host: string;
  /** Absolute path of the folder that holds the embedded database and its lock. */
  dataDir: string;
  database: DatabaseConfig;
  /** PostgreSQL URL for the test suite's second database leg, if any. */
  testDatabaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Public base URL used in feeds and canonical links. */
  publicUrl: string;
  chromiumPath: string | undefined;
  ci: boolean;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const SQLITE_FILE_NAME = 'compact-watch.sqlite';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: ErrorDetail[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push({ location: 'PORT', message: `must be a whole number from 0 to 65535, got "${portText}"` });
  }

  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');

  let database: DatabaseConfig = { engine: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) };
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const schema = env.DATABASE_SCHEMA?.trim() || undefined;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      problems.push({
        location: 'DATABASE_SCHEMA',
        message: 'must be a lowercase SQL identifier (a-z, 0-9, _)',
      });
    }
    if (isPostgresUrl(url)) database = { engine: 'postgres', url, ...(schema ? { schema } : {}) };
    else
      problems.push({
        location: 'DATABASE_URL',
        message:
          'must be a postgres:// or postgresql:// URL (leave it unset for the embedded SQLite database)',
      });
  }

  const testDatabaseUrl = env.TEST_DATABASE_URL?.trim() || undefined;
  if (testDatabaseUrl && !isPostgresUrl(testDatabaseUrl)) {
    problems.push({ location: 'TEST_DATABASE_URL', message: 'must be a postgres:// or postgresql:// URL' });
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({ location: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}` });
  }

  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${portText}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) {
    problems.push({ location: 'PUBLIC_URL', message: 'must start with http:// or https://' });
  }

  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${problems.map((p) => `${p.location} ${p.message}`).join('; ')}`,
      problems,
    );
  }

  return {
    port,
    host,
    dataDir,
    database,
    testDatabaseUrl,
    logLevel,
    publicUrl,
    chromiumPath: env.CHROMIUM_PATH?.trim() || undefined,
    ci: env.CI === 'true' || env.CI === '1',
  };
}

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
