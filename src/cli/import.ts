/**
 * `compact-watch import FILE|FOLDER`: reads registry records from a JSON,
 * CSV or XLSX file (or a folder of CSV files), validates all of them against
 * the database and writes them in one transaction, or nothing at all.
 * Prints what changed per record kind, or every problem as
 * `FILE:ROW column "C": message`. Exit code 2 when there are problems.
 */
import { loadConfig } from '../config.ts';
import { ValidationError } from '../errors.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../features/pledges/records.ts';
import { REGISTRY_FILE_NAMES } from '../features/transfer/datasets.ts';
import { type ImportPhase, type ImportReport, importRegistry } from '../features/transfer/import.ts';
import { formatProblem, ImportFileError } from '../features/transfer/problems.ts';
import { readImportFile } from '../features/transfer/read.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

export type ImportCliOptions = { dryRun: boolean; kind?: string; json: boolean };

const num = (n: number) => n.toLocaleString('en');

function parseKind(kind: string | undefined): RegistryKind | undefined {
  if (kind === undefined) return undefined;
  const found = REGISTRY_KINDS.find((k) => k === kind || REGISTRY_FILE_NAMES[k] === kind);
  if (!found)
    throw new ValidationError(`Unknown record kind "${kind}".`, [
      { location: '--kind', message: `one of ${REGISTRY_KINDS.join(', ')}` },
    ]);
  return found;
}

export async function runImport(
  positionals: string[],
  options: ImportCliOptions,
  io: Io,
  progressOut: { isTTY?: boolean; write: (s: string) => unknown } = process.stderr,
): Promise<number> {
  if (positionals.length !== 1) {
    throw new ValidationError('Give one file or folder to import.', [
      { location: 'FILE', message: positionals.length === 0 ? 'missing' : 'only one at a time' },
    ]);
  }
  const file = positionals[0]!;
  const kind = parseKind(options.kind);

  let report: ImportReport;
  try {
    const input = await readImportFile(file, { kind });
    const config = loadConfig();
    // A dry run only reads, so it also works beside a server that holds the data folder.
    const runtime = await startRuntime(config, createLogger({ logLevel: 'warn' }), {
      readOnly: options.dryRun,
    });
    const bar = progressOut.isTTY && !options.json ? progressBar(progressOut) : null;
    try {
      report = await importRegistry(runtime.db, input, {
        dryRun: options.dryRun,
        onProgress: bar?.update,
      });
    } finally {
      bar?.done();
      await runtime.close();
    }
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    report = {
      dryRun: options.dryRun,
      applied: false,
      records: 0,
      counts: Object.fromEntries(
        REGISTRY_KINDS.map((k) => [k, { inserted: 0, updated: 0, unchanged: 0 }]),
      ) as ImportReport['counts'],
      problems: e.problems,
      problemCount: e.problemCount,
    };
  }

  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(file, report, io);
  return report.problemCount > 0 ? 2 : 0;
}

function printReport(file: string, report: ImportReport, io: Io): void {
  if (report.problemCount > 0) {
    for (const p of report.problems) io.out(`${formatProblem(p)}\n`);
    const rest = report.problemCount - report.problems.length;
    if (rest > 0) io.out(`… and ${num(rest)} more problem(s).\n`);
    io.err(
      `compact-watch import: nothing was written: ${num(report.problemCount)} problem(s) in ${file}${report.dryRun ? ' (dry run)' : ''}.\n`,
    );
    return;
  }
  const changed = REGISTRY_KINDS.reduce(
    (n, k) => n + report.counts[k].inserted + report.counts[k].updated,
    0,
  );
  io.out(
    report.dryRun
      ? `Dry run: ${num(report.records)} record(s) in ${file} are valid; nothing was written. An import would make these changes:\n`
      : changed === 0
        ? `Imported ${file}: ${num(report.records)} record(s), all unchanged; nothing was written.\n`
        : `Imported ${file}: ${num(report.records)} record(s), in one transaction.\n`,
  );
  for (const k of REGISTRY_KINDS) {
    const c = report.counts[k];
    if (c.inserted + c.updated + c.unchanged === 0) continue;
    io.out(
      `  ${k.padEnd(16)}${num(c.inserted)} new, ${num(c.updated)} updated, ${num(c.unchanged)} unchanged\n`,
    );
  }
}

/** A one-line progress bar on a terminal, redrawn at most ten times a second. */
function progressBar(stream: { write: (s: string) => unknown }) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update: (done: number, total: number, phase: ImportPhase) => {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const share = total === 0 ? 1 : done / total;
      const width = 24;
      const filled = Math.round(share * width);
      const records = phase === 'validate' ? done : done - total / 2;
      // Each record takes two steps (validated, then written or found unchanged).
      const rate = Math.round((done / 2 / Math.max(1, now - started)) * 1000);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ` +
          `${phase === 'validate' ? 'validated' : 'written'} ${num(Math.max(0, records))} of ${num(total / 2)} records, ${num(rate)} records/s\x1b[K`,
      );
    },
    done: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
