#!/usr/bin/env node
// `npm test`: type check, lint, then the whole vitest suite in one run (unit, HTTP, CLI and browser
// tests, on SQLite and, with TEST_DATABASE_URL, on PostgreSQL). Says up front what it will skip and
// why; under CI=true nothing may be skipped (the vitest global setup fails the run instead).
// Extra arguments go to vitest: `npm test -- test/e2e`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// vitest's JSON report, read back for the closing count line.
const RESULTS = path.join(root, '.test-data', 'vitest-results.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = process.env;
const ci = env.CI === 'true' || env.CI === '1';
const databaseUrl = env.TEST_DATABASE_URL?.trim();
const chromium = [env.CHROMIUM_PATH?.trim(), '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && fs.existsSync(p),
);

const steps = [
  { name: 'type check', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'lint and format', command: bin('biome'), args: ['check', '.'] },
  {
    name: 'tests',
    command: bin('vitest'),
    args: [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${RESULTS}`,
      ...process.argv.slice(2),
    ],
  },
];

const skipped = [];
if (!databaseUrl)
  skipped.push('PostgreSQL leg: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');
if (!chromium)
  skipped.push(
    'browser tests: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium)',
  );

const say = (s) => process.stdout.write(`${s}\n`);
say('npm test: Compact Watch');
say(`  engines: SQLite${databaseUrl ? ` and PostgreSQL (${redact(databaseUrl)})` : ''}`);
say(`  browser: ${chromium ?? 'none'}`);
say(
  `  steps:   ${steps.map((s) => `${s.name} (${path.basename(s.command)} ${s.args.join(' ')})`).join(', ')}`,
);
if (skipped.length === 0) say('  skipped: nothing');
else if (ci) say(`  CI=true, so these are failures, not skips:\n    - ${skipped.join('\n    - ')}`);
else say(`  skipped (not a failure outside CI):\n    - ${skipped.join('\n    - ')}`);
say('');

const results = [];
for (const step of steps) {
  say(`▶ ${step.name}: ${path.basename(step.command)} ${step.args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit', env });
  const code = run.error ? 127 : (run.status ?? 1);
  if (run.error)
    process.stderr.write(`could not run ${step.command}: ${run.error.message} (run npm ci first)\n`);
  results.push({ name: step.name, code, seconds: (Date.now() - started) / 1000 });
  say('');
}

say('Summary');
for (const r of results) say(`  ${r.code === 0 ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(1)} s)`);
if (skipped.length > 0 && !ci) say(`  skipped: ${skipped.length} (see above)`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
// The last line: plain counts that any CI reader understands.
const counts = readCounts();
if (counts) say(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);

function readCounts() {
  try {
    const report = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    return undefined;
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
