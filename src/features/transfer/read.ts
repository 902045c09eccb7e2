/**
 * Reads an import file into unvalidated registry records, each with where it
 * was found. What the file holds is judged later by `importRegistry`; here
 * only what makes a file unreadable is reported, as an `ImportFileError`
 * listing every such problem (never any other error).
 *
 * - `.json`: the canonical document that `export --format json` writes; the
 *   reference datasets in it are skipped (they come from data/reference).
 * - `.csv`: one record kind per file, told by its header (or `kind`).
 * - `.xlsx`: one sheet per record kind, named as in the export.
 * - a folder: the registry CSV files of a CSV export (actors.csv,
 *   pledges.csv, updates.csv, assessments.csv, national-reviews.csv).
 *
 * @example
 * const input = await readImportFile('exports/pledges.csv');
 * const report = await importRegistry(db, input, { dryRun: true });
 */
import fs from 'node:fs';
import path from 'node:path';
import { datasets } from '../datasets.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../pledges/records.ts';
import { REGISTRY_FILE_NAMES } from './datasets.ts';
import type { RegistryInput } from './import.ts';
import { ImportFileError, ProblemList } from './problems.ts';
import { decodeUtf8, readCsvText } from './read-csv.ts';
import { readXlsxFile } from './read-xlsx.ts';
import type { RawRecord } from './validate.ts';

export const FORMAT_NAME = 'compact-watch';
export const FORMAT_VERSION = 1;

/** Keys of the JSON document that are not registry records and are skipped on import. */
function referenceKeys(): Set<string> {
  return new Set(datasets.filter((d) => !d.kind).map((d) => d.name));
}

/**
 * Reads a `.json`, `.csv` or `.xlsx` file, or a folder of CSV files, into
 * records for `importRegistry`. Throws only `ImportFileError`, listing every
 * problem that makes the file unreadable; `kind` names the record kind of a
 * CSV file whose header does not tell.
 *
 * @example
 * const input = await readImportFile('updates.csv'); // { source: 'updates.csv', records: { updates: [{ row: 2, value }] } }
 */
export async function readImportFile(
  file: string,
  options: { kind?: RegistryKind } = {},
): Promise<RegistryInput> {
  const problems = new ProblemList();
  const label = file;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    problems.add({ source: label, row: null, column: null, message: 'no such file or folder' });
    throw new ImportFileError(problems);
  }
  let input: RegistryInput | null = null;
  const ext = path.extname(file).toLowerCase();
  if (stat.isDirectory()) input = readFolder(file, problems, options.kind);
  else if (options.kind && ext !== '.csv') {
    problems.add({ source: label, row: null, column: null, message: '--kind applies to CSV files only' });
  } else if (ext === '.json') input = readJson(label, readBytes(file, label, problems), problems);
  else if (ext === '.csv') {
    const bytes = readBytes(file, label, problems);
    const text = bytes && decodeUtf8(bytes, label, problems);
    const read =
      text === null || text === undefined ? null : readCsvText(label, text, problems, options.kind);
    if (read) input = { source: label, records: { [read.kind]: read.records } };
  } else if (ext === '.xlsx') {
    const { records, sources } = await readXlsxFile(file, label, problems, referenceKeys());
    input = { source: label, sources, records };
  } else {
    problems.add({
      source: label,
      row: null,
      column: null,
      message: 'is not a .json, .csv or .xlsx file, nor a folder of CSV files',
    });
  }
  if (!problems.empty || !input) throw new ImportFileError(problems);
  return input;
}

function readBytes(file: string, label: string, problems: ProblemList): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    problems.add({
      source: label,
      row: null,
      column: null,
      message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return null;
  }
}

function readJson(label: string, bytes: Buffer | null, problems: ProblemList): RegistryInput | null {
  if (!bytes) return null;
  const text = decodeUtf8(bytes, label, problems);
  if (text === null) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    problems.add({
      source: label,
      row: null,
      column: null,
      message: `is not valid JSON (${(e as Error).message.slice(0, 200)})`,
    });
    return null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.add({
      source: label,
      row: null,
      column: null,
      message: `must be a JSON object with the keys ${REGISTRY_KINDS.join(', ')} (as export --format json writes it)`,
    });
    return null;
  }
  const skipped = referenceKeys();
  const records: RegistryInput['records'] = {};
  const sources: Partial<Record<RegistryKind, string>> = {};
  for (const [key, value] of Object.entries(doc)) {
    const at = (message: string) => problems.add({ source: label, row: null, column: key, message });
    if (key === 'format') {
      if (value !== FORMAT_NAME) at(`must be "${FORMAT_NAME}"`);
    } else if (key === 'formatVersion') {
      if (value !== FORMAT_VERSION)
        at(`must be ${FORMAT_VERSION}; this version of Compact Watch reads no other`);
    } else if (key === 'licence' || skipped.has(key)) {
      // reference datasets come from data/reference, not from imports
    } else if ((REGISTRY_KINDS as readonly string[]).includes(key)) {
      const kind = key as RegistryKind;
      if (!Array.isArray(value)) {
        at('must be a list of records');
        continue;
      }
      sources[kind] = `${label}#${kind}`;
      records[kind] = value.map((v, i): RawRecord => ({ row: i + 1, value: v }));
    } else {
      at(`is not a key of the document (registry keys: ${REGISTRY_KINDS.join(', ')})`);
    }
  }
  return { source: label, sources, records };
}

function readFolder(
  dir: string,
  problems: ProblemList,
  kind: RegistryKind | undefined,
): RegistryInput | null {
  if (kind) {
    problems.add({ source: dir, row: null, column: null, message: '--kind applies to a single CSV file' });
    return null;
  }
  const records: RegistryInput['records'] = {};
  const sources: Partial<Record<RegistryKind, string>> = {};
  // Parents first, so the report lists them in that order too.
  for (const k of REGISTRY_KINDS) {
    const file = path.join(dir, `${REGISTRY_FILE_NAMES[k]}.csv`);
    if (!fs.existsSync(file)) continue;
    const bytes = readBytes(file, file, problems);
    const text = bytes && decodeUtf8(bytes, file, problems);
    if (text === null || text === undefined) continue;
    const read = readCsvText(file, text, problems, k);
    if (!read) continue;
    records[k] = read.records;
    sources[k] = file;
  }
  if (Object.keys(sources).length === 0 && problems.empty) {
    problems.add({
      source: dir,
      row: null,
      column: null,
      message: `holds none of the registry files ${REGISTRY_KINDS.map((k) => `${REGISTRY_FILE_NAMES[k]}.csv`).join(', ')}`,
    });
    return null;
  }
  return { source: dir, sources, records };
}
