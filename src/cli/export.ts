/**
 * `compact-watch export`: every dataset as one JSON document, or one CSV file
 * per dataset in a folder. Uses the same columns as the API's CSV twins.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { datasets } from '../features/datasets.ts';
import { toCsv } from '../http/list.ts';

export type ExportFormat = 'json' | 'csv';

export async function exportReference(
  db: Kysely<Database>,
  format: ExportFormat,
  out: string | undefined,
  write: (text: string) => void,
): Promise<string[]> {
  if (format === 'json') {
    const body: Record<string, unknown> = {
      licence: 'CC BY 4.0 (compilation); see each record for its sources',
      exportedAt: new Date().toISOString(),
    };
    for (const d of datasets) body[d.name] = await (d.records ?? d.list)(db);
    const text = `${JSON.stringify(body, null, 2)}\n`;
    if (!out) {
      write(text);
      return [];
    }
    writeAtomically(out, text);
    return [out];
  }
  if (!out) {
    throw new ValidationError('CSV export writes one file per dataset: give a folder with --out.', [
      { location: '--out', message: 'required with --format csv' },
    ]);
  }
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const d of datasets) {
    const file = path.join(out, `${d.name}.csv`);
    writeAtomically(file, toCsv(await d.list(db), d.columns));
    written.push(file);
  }
  return written;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
