/**
 * The one way registry records get into the database: files read by
 * `readImportFile`, and records built in memory (the demo generator), both go
 * through `importRegistry`.
 *
 * All or nothing: every record is validated against its schema, the rest of
 * the file and the database, and every problem is reported (row and column);
 * if there is any, nothing is written. Otherwise each record is compared with
 * the stored one (by id) and only new or changed records are written, in one
 * transaction that also raises the data version. Importing the same file
 * twice writes nothing the second time. Records absent from the file are
 * kept: an import never deletes.
 *
 * @example
 * const report = await importRegistry(db, await readImportFile('pledges.csv'));
 * report.counts.pledges; // { inserted: 120, updated: 0, unchanged: 0 }
 */
import { type Kysely, sql } from 'kysely';
import { bumpDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import { REGISTRY_KINDS, type RegistryKind, type RegistryRecords } from '../pledges/records.ts';
import { emptyWrites, engineOf, type RegistryWrites, writeRegistry } from '../pledges/writer.ts';
import { type ImportProblem, ProblemList } from './problems.ts';
import { type ListOrder, loadStoredRecords, normalizeRecord, TABLES } from './stored.ts';
import {
  checkAgainstDatabase,
  loadContext,
  type ParsedRecords,
  parseRecords,
  type RawRecord,
} from './validate.ts';

export type { ImportProblem } from './problems.ts';
export type KindCounts = { inserted: number; updated: number; unchanged: number };
export type ImportReport = {
  dryRun: boolean;
  /** True when the database now matches the input (not a dry run, no problems). */
  applied: boolean;
  records: number;
  counts: Record<RegistryKind, KindCounts>;
  /** The first problems found (at most MAX_PROBLEMS), by file and row. */
  problems: ImportProblem[];
  /** How many problems there are in all. */
  problemCount: number;
};
export type RegistryInput = {
  /** Where the records come from (a file path, "demo"); problems name it. */
  source: string;
  /** Where each kind comes from when that differs from `source` (files of a folder, sheets). */
  sources?: Partial<Record<RegistryKind, string>>;
  records: {
    [K in RegistryKind]?: Array<{ row: number | null; value: unknown } & Omit<RawRecord, 'row' | 'value'>>;
  };
};
export type ImportPhase = 'validate' | 'write';
export type ImportOptions = {
  /** Validate and count what would change, but write nothing. */
  dryRun?: boolean;
  /**
   * Called as the import goes: `done` of `total` steps, where total is twice
   * the number of records (each is validated, then written or found unchanged).
   */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  /**
   * Write inside this transaction instead of opening one, so the caller can
   * add its own rows (a published version, its audit row) to the same commit.
   * Problems then leave the transaction untouched; the caller decides to abort.
   */
  transaction?: Kysely<Database>;
};

/**
 * Records built in memory as an import input. Each kind given is listed as
 * is, and each record is numbered by its place in its list from `firstRow`
 * (1 by default; 2 numbers them as the data lines of a CSV file under its
 * header; null leaves them unnumbered, so problems name only the source).
 *
 * @example
 * recordsInput('actors.json', { actors: [actor] });
 * // { source: 'actors.json', records: { actors: [{ row: 1, value: actor }] } }
 * await importRegistry(db, recordsInput('test fixture', { nationalReviews }, { firstRow: null }));
 */
export function recordsInput(
  source: string,
  records: { readonly [K in RegistryKind]?: readonly unknown[] },
  options: { firstRow?: number | null } = {},
): RegistryInput {
  const first = options.firstRow === undefined ? 1 : options.firstRow;
  const input: RegistryInput = { source, records: {} };
  for (const kind of REGISTRY_KINDS) {
    const list = records[kind];
    if (list)
      input.records[kind] = list.map((value, i) => ({ row: first === null ? null : first + i, value }));
  }
  return input;
}

/** One constant key for PostgreSQL's advisory lock: two imports into one database take turns. */
const IMPORT_LOCK = 0x636f6d70; // "comp"

/**
 * Validates and (unless `dryRun`) writes registry records. Never throws for
 * bad input: problems come back in the report, with `applied: false`.
 *
 * @example
 * const report = await importRegistry(db, { source: 'demo', records: { actors: [{ row: null, value: actor }] } });
 * if (report.problemCount > 0) console.log(report.problems);
 */
export async function importRegistry(
  db: Kysely<Database>,
  input: RegistryInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun === true;
  const progress = options.onProgress ?? (() => {});
  const records = REGISTRY_KINDS.reduce((n, k) => {
    const list = input.records?.[k];
    return n + (Array.isArray(list) ? list.length : 0);
  }, 0);
  const total = records * 2;
  let done = 0;
  const step = (phase: ImportPhase, n = 1) => {
    const before = Math.floor(done / 1000);
    done += n;
    if (Math.floor(done / 1000) !== before || done === total) progress(done, total, phase);
  };
  const where = { source: (kind: RegistryKind) => input.sources?.[kind] ?? input.source };
  const problems = new ProblemList();
  const counts = emptyCounts();
  const report = (applied: boolean): ImportReport => ({
    dryRun,
    applied,
    records,
    counts: problems.empty ? counts : emptyCounts(),
    problems: problems.sorted(),
    problemCount: problems.count,
  });

  progress(0, total, 'validate');
  const parsed = parseRecords(input.records ?? {}, where, problems, () => step('validate'));

  const write = async (trx: Kysely<Database>) => {
    if (engineOf(trx) === 'postgres' && !dryRun)
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    const ctx = await loadContext(trx, parsed);
    await checkAgainstDatabase(trx, parsed, ctx, where, problems);
    if (!problems.empty) return;

    const { writes, alsoRefresh } = await plan(trx, parsed.valid, ctx.order, counts);
    const unchanged = REGISTRY_KINDS.reduce((n, k) => n + counts[k].unchanged, 0);
    step('write', unchanged);
    const changed = REGISTRY_KINDS.reduce((n, k) => n + writes[k].length, 0);
    if (dryRun || changed === 0) return;
    await writeRegistry(trx, writes, { alsoRefresh, onWritten: (n) => step('write', n) });
    await bumpDataVersion(trx);
  };
  if (options.transaction) await write(options.transaction);
  else await db.transaction().execute(write);
  if (!problems.empty) return report(false);
  if (done < total) progress(total, total, 'write');
  // Applied also when nothing had to change: the database now matches the input.
  return report(!dryRun);
}

function emptyCounts(): Record<RegistryKind, KindCounts> {
  return Object.fromEntries(
    REGISTRY_KINDS.map((k) => [k, { inserted: 0, updated: 0, unchanged: 0 }]),
  ) as Record<RegistryKind, KindCounts>;
}

/**
 * Compares each record with the stored one: new records get the next sort
 * keys in input order (registry actors from 1,000,000 up, after the States),
 * changed ones keep theirs, unchanged ones are left alone.
 */
async function plan(
  trx: Kysely<Database>,
  parsed: ParsedRecords,
  order: ListOrder,
  counts: Record<RegistryKind, KindCounts>,
): Promise<{ writes: RegistryWrites; alsoRefresh: string[] }> {
  const writes = emptyWrites();
  const alsoRefresh: string[] = [];
  for (const kind of REGISTRY_KINDS) {
    const items = parsed[kind] as { record: RegistryRecords[typeof kind][number] }[];
    if (items.length === 0) continue;
    const stored = await loadStoredRecords(
      trx,
      kind,
      items.map((i) => i.record.id),
      order,
    );
    const max = await trx
      .selectFrom(TABLES[kind])
      .select((eb) => eb.fn.max('sort_key').as('max'))
      .executeTakeFirst();
    let next = max?.max === null || max?.max === undefined ? 0 : Number(max.max) + 1;
    if (kind === 'actors') next = Math.max(next, 1_000_000);
    const out = writes[kind] as RegistryWrites[typeof kind];
    for (const { record } of items) {
      const canonical = normalizeRecord(kind, record, order);
      const old = stored.get(record.id);
      if (!old) {
        counts[kind].inserted++;
        out.push({ record: canonical as never, sortKey: next++, existing: false });
      } else if (JSON.stringify(old.record) === JSON.stringify(canonical)) {
        counts[kind].unchanged++;
      } else {
        counts[kind].updated++;
        out.push({ record: canonical as never, sortKey: old.sortKey, existing: true });
        // An update or assessment moved to another pledge: the old pledge's derived status changes too.
        const before = old.record as { pledgeId?: string };
        if (before.pledgeId && before.pledgeId !== (canonical as { pledgeId?: string }).pledgeId)
          alsoRefresh.push(before.pledgeId);
      }
    }
  }
  return { writes, alsoRefresh };
}
