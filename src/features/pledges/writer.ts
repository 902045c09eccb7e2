/**
 * Writes registry records (actors, pledges, updates, assessments, national
 * reviews) in their canonical form to the database, in batches, and keeps the
 * pledge columns derived from updates and assessments up to date.
 *
 * The writer trusts its input: validation, reference checks and the choice of
 * what changed belong to the importer (src/features/transfer/import.ts), which
 * is the one way records get in. Call it inside a transaction.
 *
 * Why hand-built multi-row statements: one INSERT of a few hundred rows costs
 * about as much as one of a single row, so batching is what makes a 100,000
 * pledge import fast. The SQL text is built once per (table, batch size) and
 * the values are bound parameters, kept under each engine's limit.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await writeRegistry(trx, { ...emptyWrites(), pledges: [{ record, sortKey: 7, existing: false }] });
 *   await bumpDataVersion(trx);
 * });
 */
import { CompiledQuery, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  type ActorRecord,
  type AssessmentRecord,
  type NationalReviewRecord,
  type PledgeRecord,
  REGISTRY_KINDS,
  type RegistryKind,
  type RegistryRecords,
  type UpdateRecord,
} from './records.ts';

type Engine = 'sqlite' | 'postgres';
type Value = string | number | null;

/** A record to write: its sort key (kept as stored for an existing row) and whether it exists. */
export type WriteItem<R> = { record: R; sortKey: number; existing: boolean };
export type RegistryWrites = { [K in RegistryKind]: WriteItem<RegistryRecords[K][number]>[] };

export function emptyWrites(): RegistryWrites {
  return { actors: [], pledges: [], updates: [], assessments: [], nationalReviews: [] };
}

/**
 * Batch sizes. SQLite binds every value: at most SQLITE_MAX_VARIABLE_NUMBER
 * (32,766 by default) per statement, and 500 rows measured as fast as more.
 * PostgreSQL binds one array per column (its protocol allows 65,535
 * parameters, far from reached), so a batch can be large.
 */
const SQLITE_MAX_PARAMS = 32_766;
const SQLITE_ROWS = 500;
const PG_ROWS = 5000;

export function engineOf(db: Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Ids per `in (…)` list when reading or deleting by id. */
export const ID_CHUNK = 1000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const sqlCache = new Map<string, string>();

/** A column to insert into, with its SQL type (PostgreSQL binds each column as one typed array). */
export type ColumnSpec = readonly [name: string, type: 'text' | 'integer' | 'real'];

/**
 * Inserts rows in batches. With `upsert`, a row whose key exists is updated
 * instead, except for the `keep` columns (its sort key).
 *
 * SQLite gets multi-row `VALUES` lists (bound parameters stay under its
 * limit); PostgreSQL gets one array parameter per column, unnested, which
 * spares it parsing and planning thousands of parameters per statement.
 *
 * @example
 * await insertRows(trx, 'pledge_compacts', [['pledge_id', 'text'], ['compact_id', 'text']], [['P-1', 'gcm']]);
 */
export async function insertRows(
  db: Kysely<Database>,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly Value[][],
  options: { upsert?: { key: string; keep: readonly string[] } } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const engine = engineOf(db);
  const perBatch =
    engine === 'postgres'
      ? PG_ROWS
      : Math.max(1, Math.min(SQLITE_ROWS, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const text = insertSql(engine, table, columns, engine === 'postgres' ? 0 : batch.length, options.upsert);
    let params: unknown[];
    if (engine === 'postgres') params = columns.map((_, c) => batch.map((row) => row[c] ?? null));
    else {
      params = [];
      for (const row of batch) for (const v of row) params.push(v);
    }
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

function insertSql(
  engine: Engine,
  table: string,
  columns: readonly ColumnSpec[],
  count: number,
  upsert: { key: string; keep: readonly string[] } | undefined,
): string {
  const cacheKey = `${engine}|${table}|${columns.join(',')}|${count}|${upsert ? `${upsert.key}:${upsert.keep}` : ''}`;
  const cached = sqlCache.get(cacheKey);
  if (cached) return cached;
  const names = columns.map(([c]) => `"${c}"`).join(',');
  let text: string;
  if (engine === 'postgres') {
    // PostgreSQL's `real` is single precision; amounts need the double precision of their column.
    const arrays = columns
      .map(([, type], i) => `$${i + 1}::${type === 'real' ? 'float8' : type}[]`)
      .join(',');
    text = `insert into "${table}" (${names}) select * from unnest(${arrays})`;
  } else {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    text = `insert into "${table}" (${names}) values ${Array.from({ length: count }, () => tuple).join(',')}`;
  }
  if (upsert) {
    const set = columns
      .map(([c]) => c)
      .filter((c) => c !== upsert.key && !upsert.keep.includes(c))
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', ');
    text += ` on conflict ("${upsert.key}") do update set ${set}`;
  }
  if (sqlCache.size > 500) sqlCache.clear();
  sqlCache.set(cacheKey, text);
  return text;
}

/**
 * `column in (ids…)`, written as `column = any($1)` on PostgreSQL (one array
 * parameter instead of a thousand). For `where` clauses over id lists.
 *
 * @example
 * await db.selectFrom('pledges').selectAll().where(idIn(db, 'id', ids)).execute();
 */
export function idIn(db: Kysely<Database>, column: string, ids: readonly string[]): RawBuilder<SqlBool> {
  if (engineOf(db) === 'postgres') return sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::text[])`;
  if (ids.length === 0) return sql<SqlBool>`0 = 1`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`;
}

/** Deletes the rows whose `column` is one of `ids`, in chunks. */
export async function deleteWhereIn(
  db: Kysely<Database>,
  table: string,
  column: string,
  ids: readonly string[],
): Promise<void> {
  for (const chunk of chunks(ids, ID_CHUNK)) {
    await sql`delete from ${sql.table(table)} where ${idIn(db, column, chunk)}`.execute(db);
  }
}

const bit = (b: boolean) => (b ? 1 : 0);

const T = 'text' as const;
const I = 'integer' as const;
const R = 'real' as const;
const ACTOR_COLUMNS: ColumnSpec[] = [
  ['id', T],
  ['sort_key', I],
  ['name', T],
  ['type', T],
  ['iso3', T],
  ['website', T],
  ['origin', T],
  ['synthetic', I],
];
const actorRow = ({ record: a, sortKey }: WriteItem<ActorRecord>): Value[] => [
  a.id,
  sortKey,
  a.name,
  a.type,
  a.iso3,
  a.website,
  'registry',
  bit(a.synthetic),
];

// The derived columns (latest_status, …) are left out: a new row starts with
// NULL and an upsert keeps them; refreshDerivedColumns sets them afterwards.
const PLEDGE_COLUMNS: ColumnSpec[] = [
  ['id', T],
  ['sort_key', I],
  ['actor_id', T],
  ['title', T],
  ['description', T],
  ['type', T],
  ['forum', T],
  ['announced_on', T],
  ['target_date', T],
  ['amount', R],
  ['currency', T],
  ['quantity', I],
  ['quantity_unit', T],
  ['synthetic', I],
];
const pledgeRow = ({ record: p, sortKey }: WriteItem<PledgeRecord>): Value[] => [
  p.id,
  sortKey,
  p.actorId,
  p.title,
  p.description,
  p.type,
  p.forum,
  p.announcedOn,
  p.targetDate,
  p.amount,
  p.currency,
  p.quantity,
  p.quantityUnit,
  bit(p.synthetic),
];

const UPDATE_COLUMNS: ColumnSpec[] = [
  ['id', T],
  ['sort_key', I],
  ['pledge_id', T],
  ['reported_on', T],
  ['status', T],
  ['narrative', T],
  ['evidence_json', T],
  ['synthetic', I],
];
const updateRow = ({ record: u, sortKey }: WriteItem<UpdateRecord>): Value[] => [
  u.id,
  sortKey,
  u.pledgeId,
  u.reportedOn,
  u.status,
  u.narrative,
  JSON.stringify(u.evidence),
  bit(u.synthetic),
];

const ASSESSMENT_COLUMNS: ColumnSpec[] = [
  ['id', T],
  ['sort_key', I],
  ['pledge_id', T],
  ['assessed_on', T],
  ['assessor', T],
  ['status', T],
  ['narrative', T],
  ['evidence_json', T],
  ['synthetic', I],
];
const assessmentRow = ({ record: a, sortKey }: WriteItem<AssessmentRecord>): Value[] => [
  a.id,
  sortKey,
  a.pledgeId,
  a.assessedOn,
  a.assessor,
  a.status,
  a.narrative,
  JSON.stringify(a.evidence),
  bit(a.synthetic),
];

const REVIEW_COLUMNS: ColumnSpec[] = [
  ['id', T],
  ['sort_key', I],
  ['iso3', T],
  ['cycle_id', T],
  ['submitted_on', T],
  ['title', T],
  ['document_url', T],
  ['synthetic', I],
];
const reviewRow = ({ record: r, sortKey }: WriteItem<NationalReviewRecord>): Value[] => [
  r.id,
  sortKey,
  r.iso3,
  r.cycleId,
  r.submittedOn,
  r.title,
  r.documentUrl,
  bit(r.synthetic),
];

/** The link tables of a pledge: one row per list item. */
const PLEDGE_LINKS: {
  table: string;
  columns: ColumnSpec[];
  rows: (p: PledgeRecord) => Value[][];
}[] = [
  {
    table: 'pledge_compacts',
    columns: [
      ['pledge_id', T],
      ['compact_id', T],
    ],
    rows: (p) => p.compacts.map((c) => [p.id, c]),
  },
  {
    table: 'pledge_objectives',
    columns: [
      ['pledge_id', T],
      ['objective_id', T],
    ],
    rows: (p) => p.objectives.map((o) => [p.id, o]),
  },
  {
    table: 'pledge_principles',
    columns: [
      ['pledge_id', T],
      ['principle_id', T],
    ],
    rows: (p) => p.principles.map((o) => [p.id, o]),
  },
  {
    table: 'pledge_places',
    columns: [
      ['pledge_id', T],
      ['place_code', T],
    ],
    rows: (p) => p.places.map((c) => [p.id, c]),
  },
  {
    table: 'pledge_partners',
    columns: [
      ['pledge_id', T],
      ['actor_id', T],
    ],
    rows: (p) => p.partnerIds.map((a) => [p.id, a]),
  },
  {
    table: 'pledge_sources',
    columns: [
      ['pledge_id', T],
      ['position', I],
      ['url', T],
    ],
    rows: (p) => p.sources.map((url, i) => [p.id, i, url]),
  },
  {
    table: 'pledge_matches',
    columns: [
      ['pledge_id', T],
      ['matched_id', T],
      ['relation', T],
    ],
    rows: (p) => p.matches.map((m) => [p.id, m.pledgeId, m.relation]),
  },
];

const KEEP_SORT_KEY = { key: 'id', keep: ['sort_key'] } as const;

const ANALYZE_AFTER = 10_000;
const ANALYZED_TABLES = [
  'actors',
  'pledges',
  ...PLEDGE_LINKS.map((l) => l.table),
  'pledge_updates',
  'pledge_assessments',
  'national_reviews',
  'national_review_objectives',
];

/**
 * Writes the given records, parents first (actors, pledges, then what refers
 * to pledges), replacing the link rows of existing pledges and reviews, then
 * recomputes the derived columns of every pledge whose updates or assessments
 * were written (plus `alsoRefresh`, e.g. the pledge an update moved away from).
 * `onWritten(n)` is called as records are written.
 */
export async function writeRegistry(
  trx: Kysely<Database>,
  writes: RegistryWrites,
  options: { alsoRefresh?: Iterable<string>; onWritten?: (records: number) => void } = {},
): Promise<void> {
  const report = options.onWritten ?? (() => {});
  // Written in slices so progress moves during a long import.
  const SLICE = 5000;
  const inSlices = async <R>(items: WriteItem<R>[], write: (slice: WriteItem<R>[]) => Promise<void>) => {
    for (const slice of chunks(items, SLICE)) {
      await write(slice);
      report(slice.length);
    }
  };

  await inSlices(writes.actors, (s) =>
    insertRows(trx, 'actors', ACTOR_COLUMNS, s.map(actorRow), { upsert: KEEP_SORT_KEY }),
  );

  await inSlices(writes.pledges, async (s) => {
    await insertRows(trx, 'pledges', PLEDGE_COLUMNS, s.map(pledgeRow), { upsert: KEEP_SORT_KEY });
    const existing = s.filter((w) => w.existing).map((w) => w.record.id);
    for (const link of PLEDGE_LINKS) await deleteWhereIn(trx, link.table, 'pledge_id', existing);
  });
  // Link rows after every pledge row, since a match may point to a pledge later in the input.
  for (const link of PLEDGE_LINKS) {
    await insertRows(
      trx,
      link.table,
      link.columns,
      writes.pledges.flatMap((w) => link.rows(w.record)),
    );
  }

  await inSlices(writes.updates, (s) =>
    insertRows(trx, 'pledge_updates', UPDATE_COLUMNS, s.map(updateRow), { upsert: KEEP_SORT_KEY }),
  );
  await inSlices(writes.assessments, (s) =>
    insertRows(trx, 'pledge_assessments', ASSESSMENT_COLUMNS, s.map(assessmentRow), {
      upsert: KEEP_SORT_KEY,
    }),
  );

  await inSlices(writes.nationalReviews, async (s) => {
    await insertRows(trx, 'national_reviews', REVIEW_COLUMNS, s.map(reviewRow), { upsert: KEEP_SORT_KEY });
    await deleteWhereIn(
      trx,
      'national_review_objectives',
      'review_id',
      s.filter((w) => w.existing).map((w) => w.record.id),
    );
    await insertRows(
      trx,
      'national_review_objectives',
      [
        ['review_id', T],
        ['objective_id', T],
      ],
      s.flatMap((w) => w.record.objectives.map((o) => [w.record.id, o])),
    );
  });

  // PostgreSQL plans from table statistics, which autovacuum refreshes only
  // some time after a bulk load; until then it scans whole tables instead of
  // using their indexes. Refresh them now after a large write.
  const written = REGISTRY_KINDS.reduce((n, k) => n + writes[k].length, 0);
  if (engineOf(trx) === 'postgres' && written >= ANALYZE_AFTER) {
    for (const table of ANALYZED_TABLES) await sql`analyze ${sql.table(table)}`.execute(trx);
  }

  const affected = new Set<string>(options.alsoRefresh ?? []);
  for (const w of writes.updates) affected.add(w.record.pledgeId);
  for (const w of writes.assessments) affected.add(w.record.pledgeId);
  await refreshDerivedColumns(trx, [...affected]);
}

/**
 * Recomputes `latest_status` and `last_reported_on` (the latest update by
 * reportedOn, then id) and `assessment_status` (the latest assessment by
 * assessedOn, then id) of the given pledges. Ids compare byte-wise on both
 * engines, so a tie on the date resolves the same way everywhere.
 *
 * @example
 * await refreshDerivedColumns(trx, ['P-1', 'P-2']);
 */
export async function refreshDerivedColumns(
  trx: Kysely<Database>,
  pledgeIds: readonly string[],
): Promise<void> {
  const engine = engineOf(trx);
  const byId = engine === 'postgres' ? 'collate "C"' : '';
  for (const chunk of chunks(pledgeIds, ID_CHUNK)) {
    const list = chunk.map((_, i) => (engine === 'postgres' ? `$${i + 1}` : '?')).join(',');
    await trx.executeQuery(
      CompiledQuery.raw(
        `update pledges set
          latest_status = (select u.status from pledge_updates u where u.pledge_id = pledges.id
            order by u.reported_on desc, u.id ${byId} desc limit 1),
          last_reported_on = (select max(u.reported_on) from pledge_updates u where u.pledge_id = pledges.id),
          assessment_status = (select a.status from pledge_assessments a where a.pledge_id = pledges.id
            order by a.assessed_on desc, a.id ${byId} desc limit 1)
        where id in (${list})`,
        chunk,
      ),
    );
  }
}
