/**
 * What every benchmark run reports alike: the machine and commit it ran on,
 * its numeric options, plain-text tables, the results file under
 * `bench/results/`, and the exit code from its pass/fail checks.
 *
 * @example
 * const { values } = parseArgs({ args: argv, options: { ...LOAD_ARGS, runs: { type: 'string', default: '3' } } });
 * const options = { ...loadOptions(values), startupRuns: positive(values.runs, 'runs') };
 * const machine = machineInfo();
 * table(['route', 'req/s'], [['/api/v1', '12000']]);
 * writeResults('latest.json', { date: new Date().toISOString(), machine, commit: gitCommit() });
 * return exitCode(checks, 'bar', values.check);
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server-process.ts';

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string };

export function machineInfo(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/** The short commit, marked when the working tree has uncommitted changes; null outside git. */
export function gitCommit(): string | null {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (rev.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
  return `${rev.stdout.trim()}${dirty.stdout.trim() ? ' (uncommitted changes)' : ''}`;
}

/** The value of `--name` as a positive whole number; throws, naming the option, otherwise. */
export function positive(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  return n;
}

/** The options of every run that puts a server under load (autocannon), and --check. */
export const LOAD_ARGS = {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '2' },
  check: { type: 'boolean', default: false },
} as const;

/** The load options of parsed `LOAD_ARGS`, as the results record them. */
export function loadOptions(values: { duration?: string; connections?: string; warmup?: string }): {
  connections: number;
  durationS: number;
  warmupS: number;
} {
  return {
    connections: positive(values.connections, 'connections'),
    durationS: positive(values.duration, 'duration'),
    warmupS: Number(values.warmup),
  };
}

/** Writes `results` to `bench/results/<file>` and says so. */
export function writeResults(file: string, results: unknown): void {
  const out = path.join(ROOT, 'bench', 'results', file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  // Formatted the way `biome check .` expects, so `npm test` stays green after a benchmark run.
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', out], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

/**
 * Names the checks that failed, if any ("2 bar(s) missed: …"), and returns
 * the process exit code: 1 when `strict` (--check) and one failed, else 0.
 */
export function exitCode(checks: { name: string; pass: boolean }[], noun: string, strict: boolean): number {
  const failed = checks.filter((c) => !c.pass);
  if (failed.length > 0) log(`${failed.length} ${noun}(s) missed: ${failed.map((c) => c.name).join('; ')}`);
  return strict && failed.length > 0 ? 1 : 0;
}

/** A Markdown-style table, columns padded to their widest cell. */
export function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  log(line(head));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) log(line(row));
}

export const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const log = (s: string) => process.stdout.write(`${s}\n`);
