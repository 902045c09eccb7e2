/**
 * What the test run has to work with: a PostgreSQL URL and a Chromium binary.
 * Outside CI a missing one is skipped with a reason; under CI=true it is a
 * failure, never a skip.
 */
import fs from 'node:fs';
import { loadConfig } from '../../src/config.ts';

const config = loadConfig({ ...process.env, DATABASE_URL: undefined });

export const isCI = config.ci;
export const testDatabaseUrl = config.testDatabaseUrl;
export const chromiumPath = [config.chromiumPath, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => typeof p === 'string' && fs.existsSync(p),
);

export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!testDatabaseUrl) missing.push('PostgreSQL leg: TEST_DATABASE_URL is not set');
  if (!chromiumPath) missing.push('browser tests: no Chromium at CHROMIUM_PATH or /usr/bin/chromium');
  return missing;
}
