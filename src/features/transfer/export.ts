/**
 * Export of every dataset (reference data and registry) as one JSON
 * document, a folder of CSV files, or one XLSX workbook. Each is written to a
 * temporary file and renamed into place, so a reader never sees half a file,
 * and streamed record by record, so a registry of 100,000 pledges is never
 * held in memory.
 *
 * The JSON document is exactly `JSON.stringify(doc, null, 2) + "\n"`, where
 * doc is `{ format, formatVersion, licence, <reference datasets>, actors,
 * pledges, updates, assessments, nationalReviews }`. It carries no export
 * timestamp: the same data always gives the same bytes, so an export can be
 * compared with an earlier one, and export → import → export is byte-identical.
 *
 * @example
 * await exportData(db, { format: 'csv', out: 'exports/' }); // ['exports/compacts.csv', …]
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { protectCell } from '../../domain/csv-cell.ts';
import { ValidationError } from '../../errors.ts';
import { type Dataset, datasets } from '../datasets.ts';
import { REGISTRY_KINDS } from '../pledges/records.ts';
import { FORMAT_NAME, FORMAT_VERSION } from './read.ts';
import { encodeXlsxText } from './xlsx-text.ts';

export type ExportFormat = 'json' | 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'xlsx'];
export const LICENCE = 'CC BY 4.0 (compilation); see each record for its sources';

// biome-ignore lint/suspicious/noExplicitAny: the dataset registry is heterogeneous
type AnyDataset = Dataset<any>;
type Cell = string | number | boolean | null | undefined;

/** The key of a dataset in the JSON document and its sheet name in a workbook. */
export const datasetKey = (d: AnyDataset): string => d.kind ?? d.name;

/** The `--dataset` name that stands for the five registry datasets together. */
export const REGISTRY_GROUP = 'registry';

/**
 * Datasets in document order: reference datasets, then the registry, parents
 * first. `only` picks one by name (or by JSON key), or `registry` for the
 * registry datasets only.
 */
export function exportDatasets(only?: string): AnyDataset[] {
  const reference = datasets.filter((d) => !d.kind);
  const registry = REGISTRY_KINDS.map((k) => datasets.find((d) => d.kind === k)).filter(
    (d): d is AnyDataset => d !== undefined,
  );
  const all = [...reference, ...registry];
  if (only === undefined) return all;
  if (only === REGISTRY_GROUP) return registry;
  const found = all.find((d) => d.name === only || d.kind === only);
  if (!found)
    throw new ValidationError(`Unknown dataset "${only}".`, [
      { location: '--dataset', message: `one of ${[...all.map((d) => d.name), REGISTRY_GROUP].join(', ')}` },
    ]);
  return [found];
}

/** A dataset's records one by one: paged for the registry, the whole list otherwise. */
async function* recordsOf(db: Kysely<Database>, d: AnyDataset, nested: boolean): AsyncGenerator<unknown> {
  if (d.stream) {
    yield* d.stream(db);
    return;
  }
  const list = nested && d.records ? await d.records(db) : await d.list(db);
  for (const record of list) yield withoutLoadTimes(record);
}

/**
 * Leaves out `recordedAt`: the moment this database loaded a reference
 * record is bookkeeping of one installation, not part of the record (the API
 * still shows it). Without it, the same data exports to the same bytes in
 * every database, so an export survives a round trip byte for byte.
 */
function withoutLoadTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLoadTimes);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'recordedAt') out[k] = withoutLoadTimes(v);
  return out;
}

/** A sink for text that honours back-pressure. */
type Sink = { write: (text: string) => Promise<void>; close: () => Promise<void> };

function fileSink(file: string): Sink & { tmp: string } {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const stream = fs.createWriteStream(tmp);
  let buffer = '';
  const flush = async () => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    tmp,
    write: async (text) => {
      buffer += text;
      if (buffer.length >= 1 << 16) await flush();
    },
    close: async () => {
      await flush();
      stream.end();
      await once(stream, 'close');
      fs.renameSync(tmp, file);
    },
  };
}

/** Indents every line after the first (JSON.stringify escapes newlines inside strings, so this is safe). */
const indent = (json: string, by: string) => json.replaceAll('\n', `\n${by}`);

/**
 * Writes the JSON document, a record at a time, byte for byte as
 * `JSON.stringify(doc, null, 2) + "\n"` would.
 */
async function writeJson(db: Kysely<Database>, chosen: AnyDataset[], sink: Sink): Promise<void> {
  await sink.write('{\n');
  const head: [string, unknown][] = [
    ['format', FORMAT_NAME],
    ['formatVersion', FORMAT_VERSION],
    ['licence', LICENCE],
  ];
  let firstKey = true;
  const key = async (k: string) => {
    await sink.write(`${firstKey ? '' : ',\n'}  ${JSON.stringify(k)}: `);
    firstKey = false;
  };
  for (const [k, v] of head) {
    await key(k);
    await sink.write(JSON.stringify(v));
  }
  for (const d of chosen) {
    await key(datasetKey(d));
    let count = 0;
    for await (const record of recordsOf(db, d, true)) {
      await sink.write(
        `${count === 0 ? '[\n' : ',\n'}    ${indent(JSON.stringify(record, null, 2) ?? 'null', '    ')}`,
      );
      count++;
    }
    await sink.write(count === 0 ? '[]' : '\n  ]');
  }
  await sink.write('\n}\n');
}

const csvCell = (v: Cell) => (typeof v === 'string' ? protectCell(v) : (v ?? ''));

/** One dataset as CSV (the same cells as the API's CSV twins), streamed. */
async function writeCsv(db: Kysely<Database>, d: AnyDataset, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  async function* rows() {
    yield d.columns.map((c) => c.header);
    for await (const record of recordsOf(db, d, false))
      yield d.columns.map((c) => csvCell(c.value(record as never)));
  }
  try {
    await pipeline(Readable.from(rows()), stringify(), fs.createWriteStream(tmp));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, file);
}

/** Registry columns that hold numbers or booleans: typed cells in a workbook, so spreadsheets sum and filter them. */
const NUMERIC = new Set(['amount', 'quantity']);

function xlsxCell(v: Cell, header: string, registry: boolean): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string') return v;
  if (registry && NUMERIC.has(header)) return Number(v);
  if (registry && header === 'synthetic') return v === 'true';
  // String cells are never evaluated by spreadsheets, so no formula guard here (unlike CSV).
  return encodeXlsxText(v);
}

async function writeXlsx(db: Kysely<Database>, chosen: AnyDataset[], file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: false,
      useSharedStrings: false,
    });
    for (const d of chosen) {
      const sheet = workbook.addWorksheet(datasetKey(d).slice(0, 31));
      sheet.addRow(d.columns.map((c) => c.header)).commit();
      const registry = d.kind !== undefined;
      for await (const record of recordsOf(db, d, false)) {
        sheet.addRow(d.columns.map((c) => xlsxCell(c.value(record as never), c.header, registry))).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, file);
}

/**
 * Exports datasets. `out`: the file (json, xlsx; without it, JSON goes to
 * `write` in chunks, which may return a promise to hold the export back) or
 * the folder (csv; with `dataset`, a `.csv` file path is allowed). Returns
 * the files written.
 *
 * @example
 * await exportData(db, { format: 'xlsx', out: 'all.xlsx' }); // ['all.xlsx']
 * await exportData(db, { format: 'json', dataset: 'registry' }, (text) => process.stdout.write(text));
 */
export async function exportData(
  db: Kysely<Database>,
  options: { format: ExportFormat; out?: string; dataset?: string },
  write: (text: string) => void | Promise<void> = (t) => {
    process.stdout.write(t);
  },
): Promise<string[]> {
  const chosen = exportDatasets(options.dataset);
  const { format, out } = options;
  if (format === 'json') {
    if (!out) {
      let buffer = '';
      const sink: Sink = {
        write: async (t) => {
          buffer += t;
          if (buffer.length < 1 << 16) return;
          const chunk = buffer;
          buffer = '';
          await write(chunk);
        },
        close: async () => {
          if (buffer) await write(buffer);
        },
      };
      await writeJson(db, chosen, sink);
      await sink.close();
      return [];
    }
    const sink = fileSink(out);
    try {
      await writeJson(db, chosen, sink);
      await sink.close();
    } catch (e) {
      fs.rmSync(sink.tmp, { force: true });
      throw e;
    }
    return [out];
  }
  if (!out) {
    throw new ValidationError(
      `${format.toUpperCase()} export writes ${format === 'csv' ? 'files: give a folder' : 'a workbook: give a file'} with --out.`,
      [{ location: '--out', message: `required with --format ${format}` }],
    );
  }
  if (format === 'xlsx') {
    await writeXlsx(db, chosen, out);
    return [out];
  }
  if (options.dataset && out.toLowerCase().endsWith('.csv')) {
    await writeCsv(db, chosen[0]!, out);
    return [out];
  }
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const d of chosen) {
    const file = path.join(out, `${d.name}.csv`);
    await writeCsv(db, d, file);
    written.push(file);
  }
  return written;
}
