/**
 * How registry records become flat rows (CSV, XLSX) and back. One column list
 * per record kind serves the CSV and XLSX exports, the importers and the
 * API's CSV twins, so a file downloaded anywhere can be imported again.
 *
 * Cell conventions: an empty cell is `null` for optional fields; lists of ids
 * are joined with `;`; lists of URLs with a space (a URL cannot hold one);
 * matches are `PLEDGE-ID:offer`; booleans are `true`/`false`; numbers are
 * written as JavaScript prints them, which reads back to the same number.
 *
 * Decoding only reshapes text into the record's shape; the record schemas
 * (records.ts) then judge the values, so every error names its column.
 *
 * @example
 * const cells = rowOf('pledges', pledge);          // ['P-1', 'gcm;gcr', …]
 * const raw = recordOf('pledges', header, cells);  // { value, problems }
 */
import type { RegistryKind, RegistryRecords } from './records.ts';

type Cell = string;
type Column<R> = {
  header: string;
  /** The record's field this column fills (for error messages). */
  field: string;
  encode: (record: R) => Cell;
  /** Text → the field's raw value; throws `CellError` when the text cannot be read at all. */
  decode: (cell: Cell) => unknown;
};

export class CellError extends Error {}

const str = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => String(r[field] ?? ''),
  decode: (c) => c,
});
const optStr = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => (r[field] === null || r[field] === undefined ? '' : String(r[field])),
  decode: (c) => (c === '' ? null : c),
});
const idList = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => (r[field] as string[]).join(';'),
  decode: (c) => (c.trim() === '' ? [] : c.split(';').map((s) => s.trim())),
});
const urlList = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => (r[field] as string[]).join(' '),
  decode: (c) => (c.trim() === '' ? [] : c.trim().split(/\s+/)),
});
const bool = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => (r[field] ? 'true' : 'false'),
  decode: (c) => {
    if (c === 'true') return true;
    if (c === 'false' || c === '') return false;
    throw new CellError('expected true or false');
  },
});
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const optNumber = <R>(field: keyof R & string): Column<R> => ({
  header: field,
  field,
  encode: (r) => (r[field] === null || r[field] === undefined ? '' : String(r[field])),
  decode: (c) => {
    const t = c.trim();
    if (t === '') return null;
    if (!NUMBER.test(t)) throw new CellError(`expected a number, found "${c.slice(0, 40)}"`);
    return Number(t);
  },
});

type Columns = { [K in RegistryKind]: Column<RegistryRecords[K][number]>[] };

export const registryColumns: Columns = {
  actors: [str('id'), str('name'), str('type'), optStr('iso3'), optStr('website'), bool('synthetic')],
  pledges: [
    str('id'),
    idList('compacts'),
    str('actorId'),
    idList('partnerIds'),
    str('title'),
    str('description'),
    str('type'),
    idList('objectives'),
    idList('principles'),
    idList('places'),
    str('forum'),
    optStr('announcedOn'),
    optStr('targetDate'),
    optNumber('amount'),
    optStr('currency'),
    optNumber('quantity'),
    optStr('quantityUnit'),
    urlList('sources'),
    {
      header: 'matches',
      field: 'matches',
      encode: (p) => p.matches.map((m) => `${m.pledgeId}:${m.relation}`).join(';'),
      decode: (c) =>
        c.trim() === ''
          ? []
          : c.split(';').map((part) => {
              const at = part.lastIndexOf(':');
              if (at < 1)
                throw new CellError(
                  `expected PLEDGE-ID:offer or PLEDGE-ID:need, found "${part.slice(0, 40)}"`,
                );
              return { pledgeId: part.slice(0, at).trim(), relation: part.slice(at + 1).trim() };
            }),
    },
    bool('synthetic'),
  ],
  updates: [
    str('id'),
    str('pledgeId'),
    str('reportedOn'),
    str('status'),
    str('narrative'),
    urlList('evidence'),
    bool('synthetic'),
  ],
  assessments: [
    str('id'),
    str('pledgeId'),
    str('assessedOn'),
    str('assessor'),
    str('status'),
    str('narrative'),
    urlList('evidence'),
    bool('synthetic'),
  ],
  nationalReviews: [
    str('id'),
    str('iso3'),
    str('cycleId'),
    str('submittedOn'),
    str('title'),
    str('documentUrl'),
    idList('objectives'),
    bool('synthetic'),
  ],
};

/** Headers a file may carry that are computed, not imported (the API's CSV twins add them). */
export const DERIVED_HEADERS: { [K in RegistryKind]: string[] } = {
  actors: ['origin', 'pledgeCount'],
  pledges: [
    'actorName',
    'actorType',
    'latestStatus',
    'lastReportedOn',
    'assessmentStatus',
    'overdue',
    'stale',
  ],
  updates: [],
  assessments: [],
  nationalReviews: ['stateName', 'cycleName'],
};

/**
 * Rows a downloaded list may hold that are not registry records: the State
 * actors (`origin` = `reference`) that the actors list shows beside registry
 * actors. Readers skip them, so a downloaded actors CSV imports again.
 */
export function isReferenceRow(kind: RegistryKind, header: string[], cells: Cell[]): boolean {
  if (kind !== 'actors') return false;
  const at = header.indexOf('origin');
  return at >= 0 && cells[at] === 'reference';
}

export function headersOf(kind: RegistryKind): string[] {
  return registryColumns[kind].map((c) => c.header);
}

/** A record as the cells of one row, in `headersOf(kind)` order (not yet formula-guarded). */
export function rowOf<K extends RegistryKind>(kind: K, record: RegistryRecords[K][number]): Cell[] {
  return (registryColumns[kind] as Column<RegistryRecords[K][number]>[]).map((c) => c.encode(record));
}

export type CellProblem = { column: string; message: string };

/**
 * One row's cells (already un-guarded) → the raw record for its schema, with
 * the problems of cells that could not be read. Columns missing from the
 * header are left out, so the schema reports them as missing fields.
 */
export function recordOf(
  kind: RegistryKind,
  header: string[],
  cells: Cell[],
): { value: Record<string, unknown>; problems: CellProblem[] } {
  const value: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  for (const column of registryColumns[kind] as Column<unknown>[]) {
    const at = header.indexOf(column.header);
    if (at < 0) continue;
    try {
      value[column.field] = column.decode(cells[at] ?? '');
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      problems.push({ column: column.header, message: e.message });
    }
  }
  return { value, problems };
}

/**
 * Which record kind a header row belongs to: the kind whose columns it
 * contains all of, preferring the one with most columns. Null when none fits.
 */
export function kindOfHeader(header: string[]): RegistryKind | null {
  const fits = (Object.keys(registryColumns) as RegistryKind[])
    .filter((k) => headersOf(k).every((h) => header.includes(h)))
    .sort((a, b) => headersOf(b).length - headersOf(a).length);
  return fits[0] ?? null;
}

/** Header names that are neither a column of the kind nor a known derived column. */
export function unknownHeaders(kind: RegistryKind, header: string[]): string[] {
  const known = new Set([...headersOf(kind), ...DERIVED_HEADERS[kind]]);
  return header.filter((h) => !known.has(h));
}
