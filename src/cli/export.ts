/**
 * `compact-watch export`: every dataset (reference data and the registry) as
 * one JSON document, a folder of CSV files or one XLSX workbook; or a single
 * dataset with `--dataset`. See src/features/transfer/export.ts and
 * docs/import-export.md.
 */
import { once } from 'node:events';
import { loadConfig } from '../config.ts';
import { ValidationError } from '../errors.ts';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportData,
  exportDatasets,
} from '../features/transfer/export.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

export async function runExport(
  options: { format?: string; out?: string; dataset?: string },
  io: Io,
): Promise<number> {
  const format = options.format ?? 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ValidationError(`Unknown export format "${format}".`, [
      { location: '--format', message: `must be ${EXPORT_FORMATS.join(', ')}` },
    ]);
  }
  // Named before the database is opened, so a typo costs nothing.
  exportDatasets(options.dataset);
  if (format !== 'json' && !options.out) {
    throw new ValidationError(
      format === 'csv'
        ? 'CSV export writes one file per dataset: give a folder with --out (or a .csv file with --dataset).'
        : 'XLSX export writes one workbook: give its file name with --out.',
      [{ location: '--out', message: `required with --format ${format}` }],
    );
  }
  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger({ logLevel: 'warn' }), { readOnly: true });
  try {
    const written = await exportData(
      runtime.db,
      { format: format as ExportFormat, out: options.out, dataset: options.dataset },
      async (text) => {
        io.out(text);
        // A large export to a pipe waits for the reader instead of piling up in memory.
        if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
      },
    );
    for (const file of written) io.err(`wrote ${file}\n`);
  } finally {
    await runtime.close();
  }
  return 0;
}
