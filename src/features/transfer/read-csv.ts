/**
 * Reads one CSV file of registry records: one record kind per file, told by
 * its header (or given). Cells come back un-guarded (`unprotectCell`) and
 * decoded into raw record values by the shared column list, each with its row
 * number as a spreadsheet shows it (the header is row 1).
 *
 * Everything that makes a file unreadable (not UTF-8, broken quoting, a record
 * too large, unknown or duplicate columns) is collected into `problems`;
 * nothing here throws for bad input.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { unprotectCell } from '../../domain/csv-cell.ts';
import {
  DERIVED_HEADERS,
  headersOf,
  isReferenceRow,
  kindOfHeader,
  recordOf,
  unknownHeaders,
} from '../pledges/csv-records.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../pledges/records.ts';
import type { ProblemList } from './problems.ts';
import type { RawRecord } from './validate.ts';

/** A record larger than this (in characters) is refused: no field of any kind needs a tenth of it. */
const MAX_RECORD_CHARS = 1_000_000;

/** Bytes → text: UTF-8 (a byte-order mark is dropped), or a problem. */
export function decodeUtf8(bytes: Uint8Array, source: string, problems: ProblemList): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.add({
      source,
      row: null,
      column: null,
      message: 'is not UTF-8 text (save it as "CSV UTF-8" or JSON)',
    });
    return null;
  }
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'text follows the closing " of a quoted cell',
  INVALID_OPENING_QUOTE: 'a " inside a cell that is not quoted (quote the cell and double the ")',
  CSV_MAX_RECORD_SIZE: `a row longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`,
};

/**
 * Parses CSV text into records of `kind` (or the kind the header shows).
 * Returns null when the file as a whole cannot be read (see `problems`).
 *
 * @example
 * const read = readCsvText('pledges.csv', text, problems);
 * read?.kind; // 'pledges'
 */
export function readCsvText(
  source: string,
  text: string,
  problems: ProblemList,
  givenKind?: RegistryKind,
): { kind: RegistryKind; records: RawRecord[] } | null {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
    }) as string[][];
  } catch (e) {
    const err = e as CsvError & { records?: number };
    const known = e instanceof CsvError;
    problems.add({
      source,
      row: known && typeof err.records === 'number' ? err.records + 1 : null,
      column: null,
      message: known
        ? (CSV_MESSAGES[err.code] ?? `cannot be read as CSV: ${err.message}`)
        : 'cannot be read as CSV',
    });
    return null;
  }

  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) {
    problems.add({ source, row: 1, column: null, message: 'is empty: the first row must name the columns' });
    return null;
  }
  const before = problems.count;
  duplicateColumns(header, source, problems);
  const kind = givenKind ?? kindOfHeader(header);
  if (!kind) {
    const closest = closestKind(header);
    problems.add({
      source,
      row: 1,
      column: null,
      message: `the header does not match any record kind; the closest is ${closest.kind}, which also needs the column(s) ${closest.missing.join(', ')}`,
    });
    return null;
  }
  columnsOfKind(kind, header, source, problems);
  if (problems.count > before) return null;

  const derived = new Set(DERIVED_HEADERS[kind]);
  const records: RawRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!;
    const row = i + 1;
    if (cells.every((c) => c === '')) continue;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '')) {
      problems.add({
        source,
        row,
        column: null,
        message: `has ${cells.length} cells but the header names ${header.length} columns`,
      });
      continue;
    }
    if (isReferenceRow(kind, header, cells)) continue;
    const unguarded = header.map((h, c) => (derived.has(h) ? '' : unprotectCell(cells[c] ?? '')));
    const { value, problems: cellProblems } = recordOf(kind, header, unguarded);
    records.push({ row, value, ...(cellProblems.length ? { problems: cellProblems } : {}) });
  }
  return { kind, records };
}

function duplicateColumns(header: string[], source: string, problems: ProblemList): void {
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) problems.add({ source, row: 1, column: h, message: 'this column is given twice' });
    seen.add(h);
  }
}

/** Missing and unknown columns for a kind (the list of its columns is given once). */
function columnsOfKind(kind: RegistryKind, header: string[], source: string, problems: ProblemList): void {
  const missing = headersOf(kind).filter((h) => !header.includes(h));
  if (missing.length > 0)
    problems.add({
      source,
      row: 1,
      column: null,
      message: `${kind} need the column(s) ${missing.join(', ')}`,
    });
  unknownHeaders(kind, header).forEach((h, i) => {
    problems.add({
      source,
      row: 1,
      column: h === '' ? null : h,
      message:
        (h === '' ? 'a column without a name' : `is not a column of ${kind}`) +
        (i === 0 ? ` (the columns are: ${headersOf(kind).join(', ')})` : ''),
    });
  });
}

/**
 * Checks a header row for a kind: no column twice, every column of the kind,
 * no unknown column. True when it is usable.
 */
export function checkHeader(
  kind: RegistryKind,
  header: string[],
  source: string,
  problems: ProblemList,
): boolean {
  const before = problems.count;
  duplicateColumns(header, source, problems);
  columnsOfKind(kind, header, source, problems);
  return problems.count === before;
}

function closestKind(header: string[]): { kind: RegistryKind; missing: string[] } {
  const ranked = REGISTRY_KINDS.map((kind) => ({
    kind,
    missing: headersOf(kind).filter((h) => !header.includes(h)),
  })).sort((a, b) => a.missing.length - b.missing.length);
  return ranked[0]!;
}
