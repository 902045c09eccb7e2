/**
 * Reads of the pledge registry on both engines: the compact rows the search
 * index is built from (one query per table, never one per pledge), full
 * records for a page of ids, one pledge with its history, full-text matches,
 * actors, progress updates and assessments.
 *
 * @example
 * const rows = await loadIndexRows(db);          // every pledge, for buildPledgeIndex
 * const records = await loadPledgeRecords(db, ['P-1', 'P-2']); // in that order
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PledgeStatus } from '../../domain/pledge-flags.ts';
import {
  comparePledgeOrder,
  type PledgeIndexRow,
  type PledgeVocabulary,
} from '../../domain/pledge-search.ts';
import { loadListOrder, loadStoredRecords } from '../transfer/stored.ts';
import {
  ACTOR_TYPES,
  type ActorRecord,
  type ActorType,
  type AssessmentRecord,
  type AssessmentStatus,
  PLEDGE_FORUMS,
  PLEDGE_TYPES,
  type PledgeRecord,
  type UpdateRecord,
} from './records.ts';

/** The classification scheme whose categories the explorer offers as a facet. */
export const CATEGORY_SCHEME = 'wmr2020';

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Groups `[pledgeId, value]` rows into lists per pledge, keeping row order. */
function groupBy<R>(rows: R[], key: (r: R) => string, value: (r: R) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
}

const EMPTY: readonly string[] = Object.freeze([]);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each pledge's values in one link table, as one comma-joined cell per pledge
 * (codes hold no comma): a tenth of the rows to turn into objects.
 */
async function linkLists(
  db: Kysely<Database>,
  table: 'pledge_compacts' | 'pledge_objectives' | 'pledge_places',
  column: 'compact_id' | 'objective_id' | 'place_code',
): Promise<Map<string, string[]>> {
  const agg = isPostgres(db)
    ? sql<string>`string_agg(${sql.ref(column)}, ',')`
    : sql<string>`group_concat(${sql.ref(column)}, ',')`;
  const rows = await sql<{ pledge_id: string; v: string }>`select pledge_id, ${agg} as v
    from ${sql.table(table)} group by pledge_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.pledge_id, r.v.split(',')]));
}

/**
 * One row per pledge for the search index: four queries in all. The key that
 * full-text matches come back with is the row id of the FTS5 index on SQLite
 * (no join needed) and the sort key on PostgreSQL.
 */
export async function loadIndexRows(db: Kysely<Database>): Promise<PledgeIndexRow[]> {
  const postgres = isPostgres(db);
  const [pledges, compactsOf, objectivesOf, placesOf] = await Promise.all([
    db
      .selectFrom('pledges as p')
      .innerJoin('actors as a', 'a.id', 'p.actor_id')
      .select([
        'p.id',
        postgres ? sql<number>`p.sort_key`.as('fts_key') : sql<number>`p.rowid`.as('fts_key'),
        'p.actor_id',
        'a.type as actor_type',
        'p.forum',
        'p.type',
        'p.announced_on',
        'p.target_date',
        'p.last_reported_on',
        'p.latest_status',
        'p.amount',
        'p.quantity',
        'p.synthetic',
      ])
      .execute(),
    linkLists(db, 'pledge_compacts', 'compact_id'),
    linkLists(db, 'pledge_objectives', 'objective_id'),
    linkLists(db, 'pledge_places', 'place_code'),
  ]);
  return pledges.map((p) => ({
    id: p.id,
    key: Number(p.fts_key),
    actorId: p.actor_id,
    actorType: p.actor_type,
    forum: p.forum,
    type: p.type,
    announcedOn: p.announced_on,
    targetDate: p.target_date,
    lastReportedOn: p.last_reported_on,
    latestStatus: p.latest_status as PledgeStatus | null,
    hasAmountOrQuantity: p.amount !== null || p.quantity !== null,
    synthetic: Number(p.synthetic) === 1,
    compacts: compactsOf.get(p.id) ?? EMPTY,
    objectives: objectivesOf.get(p.id) ?? EMPTY,
    places: placesOf.get(p.id) ?? EMPTY,
  }));
}

export type ObjectiveRef = { id: string; compact: string; number: number; shortLabel: string };
export type CategoryRef = { id: string; name: string; objectives: string[] };
export type RegionRef = { code: string; name: string };

/** What the facets are made of: objectives, WMR 2020 categories, M49 regions and where each place lies. */
export async function loadVocabulary(db: Kysely<Database>): Promise<{
  vocabulary: PledgeVocabulary;
  objectives: ObjectiveRef[];
  categories: CategoryRef[];
  regions: RegionRef[];
}> {
  const [objectives, categories, members, states] = await Promise.all([
    db
      .selectFrom('objectives')
      .select(['id', 'compact_id', 'number', 'short_label'])
      .orderBy('compact_id')
      .orderBy('number')
      .execute(),
    db
      .selectFrom('classification_categories')
      .select(['id', 'name'])
      .where('scheme_id', '=', CATEGORY_SCHEME)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('classification_members as m')
      .innerJoin('classification_categories as c', 'c.id', 'm.category_id')
      .select(['m.category_id', 'm.objective_id'])
      .where('c.scheme_id', '=', CATEGORY_SCHEME)
      .orderBy('m.position')
      .execute(),
    db
      .selectFrom('states')
      .select(['iso3', 'region_code', 'region_name', 'subregion_code', 'intermediate_code'])
      .orderBy('region_code')
      .execute(),
  ]);
  const membersOf = groupBy(
    members,
    (m) => m.category_id,
    (m) => m.objective_id,
  );
  const regionOfPlace = new Map<string, string>();
  const regions = new Map<string, string>();
  for (const s of states) {
    regions.set(s.region_code, s.region_name);
    regionOfPlace.set(s.iso3, s.region_code);
    regionOfPlace.set(s.region_code, s.region_code);
    regionOfPlace.set(s.subregion_code, s.region_code);
    if (s.intermediate_code) regionOfPlace.set(s.intermediate_code, s.region_code);
  }
  const categoryRefs = categories.map((c) => ({
    id: c.id,
    name: c.name,
    objectives: membersOf.get(c.id) ?? [],
  }));
  return {
    vocabulary: {
      compacts: ['gcm', 'gcr'],
      objectives: objectives.map((o) => o.id),
      categories: categoryRefs,
      actorTypes: ACTOR_TYPES,
      regions: [...regions.keys()],
      regionOfPlace,
      forums: PLEDGE_FORUMS,
      types: PLEDGE_TYPES,
    },
    objectives: objectives.map((o) => ({
      id: o.id,
      compact: o.compact_id,
      number: o.number,
      shortLabel: o.short_label,
    })),
    categories: categoryRefs,
    regions: [...regions].map(([code, name]) => ({ code, name })),
  };
}

/**
 * The words of a user's search, each safe to quote: runs of letters and
 * digits, at most 12. Whatever else was typed (quotes, brackets, operators)
 * is a separator, so no query syntax ever reaches the full-text engine.
 *
 * @example
 * searchTerms('"AND (refugee  education'); // ['and', 'refugee', 'education']
 */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12).map((t) => t.slice(0, 64));
}

/**
 * The keys (as `loadIndexRows` gives them) of pledges whose title or
 * description contains every term as a word or the start of a word.
 */
export async function fullTextKeys(db: Kysely<Database>, terms: string[]): Promise<number[]> {
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    // Each term is letters and digits only, so quoting it as a lexeme is safe.
    const query = terms.map((t) => `'${t}':*`).join(' & ');
    const rows = await sql<{ sort_key: number }>`select sort_key from pledges
      where search @@ to_tsquery('simple', ${query})`.execute(db);
    return rows.rows.map((r) => Number(r.sort_key));
  }
  const match = terms.map((t) => `"${t}"*`).join(' ');
  const rows = await sql<{
    rowid: number;
  }>`select rowid from pledges_fts where pledges_fts match ${match}`.execute(db);
  return rows.rows.map((r) => Number(r.rowid));
}

/** A pledge in its canonical form plus the values derived from its history and its actor. */
export type PledgeRow = PledgeRecord & {
  actorName: string;
  actorType: ActorType;
  latestStatus: PledgeStatus | null;
  lastReportedOn: string | null;
  assessmentStatus: AssessmentStatus | null;
};

/**
 * Full records for the given ids, in the order given; unknown ids are left
 * out. The record itself is read as the importer and the exports read it
 * (`loadStoredRecords`, lists in canonical order), so pages, API and files
 * agree; one more query adds the actor and the derived columns.
 */
export async function loadPledgeRecords(db: Kysely<Database>, ids: readonly string[]): Promise<PledgeRow[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [stored, extras] = await Promise.all([
    loadListOrder(db).then((order) => loadStoredRecords(db, 'pledges', list, order)),
    db
      .selectFrom('pledges as p')
      .innerJoin('actors as a', 'a.id', 'p.actor_id')
      .select([
        'p.id',
        'p.latest_status',
        'p.last_reported_on',
        'p.assessment_status',
        'a.name as actor_name',
        'a.type as actor_type',
      ])
      .where('p.id', 'in', list)
      .execute(),
  ]);
  const extraById = new Map(extras.map((e) => [e.id, e]));
  return list.flatMap((id) => {
    const record = stored.get(id)?.record;
    const e = extraById.get(id);
    if (!record || !e) return [];
    return [
      {
        ...record,
        actorName: e.actor_name,
        actorType: e.actor_type as ActorType,
        latestStatus: e.latest_status as PledgeStatus | null,
        lastReportedOn: e.last_reported_on,
        assessmentStatus: e.assessment_status as AssessmentStatus | null,
      },
    ];
  });
}

/** Pledges that list `id` among their matches (the other direction of `matches`). */
export async function loadMatchedBy(
  db: Kysely<Database>,
  id: string,
): Promise<{ pledgeId: string; relation: 'offer' | 'need' }[]> {
  const rows = await db
    .selectFrom('pledge_matches')
    .select(['pledge_id', 'relation'])
    .where('matched_id', '=', id)
    .execute();
  return rows
    .sort((a, b) => byText(a.pledge_id, b.pledge_id))
    .map((r) => ({ pledgeId: r.pledge_id, relation: r.relation as 'offer' | 'need' }));
}

/** Titles and actors of a few pledges, for links. */
export async function loadPledgeTitles(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { title: string; actorName: string; synthetic: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('pledges as p')
    .innerJoin('actors as a', 'a.id', 'p.actor_id')
    .select(['p.id', 'p.title', 'p.synthetic', 'a.name as actor_name'])
    .where('p.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { title: r.title, actorName: r.actor_name, synthetic: Number(r.synthetic) === 1 },
    ]),
  );
}

// Actors -------------------------------------------------------------------

export type ActorRow = Omit<ActorRecord, 'type'> & {
  type: ActorType;
  origin: 'reference' | 'registry';
  sort_key: number;
};

export type ActorFilter = {
  type?: readonly string[];
  iso3?: string;
  /** Part of the name, any case. */
  q?: string;
  afterSortKey?: number;
  limit?: number;
};

function toActorRow(r: Database['actors']): ActorRow {
  return {
    id: r.id,
    name: r.name,
    type: r.type as ActorType,
    iso3: r.iso3,
    website: r.website,
    synthetic: Number(r.synthetic) === 1,
    origin: r.origin as ActorRow['origin'],
    sort_key: Number(r.sort_key),
  };
}

/** Actors in sort-key order (States first, then registry actors); with `limit`, `limit + 1` rows. */
export async function listActorRows(db: Kysely<Database>, filter: ActorFilter = {}): Promise<ActorRow[]> {
  let q = db.selectFrom('actors').selectAll().orderBy('sort_key');
  if (filter.type && filter.type.length > 0) q = q.where('type', 'in', [...filter.type]);
  if (filter.iso3) q = q.where('iso3', '=', filter.iso3);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(name) like ${pattern} escape '\\'`);
  }
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  return (await q.execute()).map(toActorRow);
}

export async function findActorRow(db: Kysely<Database>, id: string): Promise<ActorRow | undefined> {
  const row = await db.selectFrom('actors').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toActorRow(row) : undefined;
}

/** Names and types of the given actors. */
export async function loadActorRows(db: Kysely<Database>, ids: readonly string[]): Promise<ActorRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('actors')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('sort_key')
    .execute();
  return rows.map(toActorRow);
}

/** How many pledges name each of the given actors as a partner. */
export async function partnerCounts(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('pledge_partners')
    .select(['actor_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('actor_id', 'in', [...ids])
    .groupBy('actor_id')
    .execute();
  return new Map(rows.map((r) => [r.actor_id, Number(r.n)]));
}

/** Ids of pledges that name the actor as a partner, in display order. */
export async function pledgesPartneredBy(db: Kysely<Database>, actorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pledge_partners as l')
    .innerJoin('pledges as p', 'p.id', 'l.pledge_id')
    .select(['p.id', 'p.announced_on'])
    .where('l.actor_id', '=', actorId)
    .execute();
  return rows.sort((a, b) => comparePledgeOrder(a.announced_on, a.id, b.announced_on, b.id)).map((r) => r.id);
}

// Updates and assessments --------------------------------------------------

export type UpdateRow = UpdateRecord & { sort_key: number };
export type AssessmentRow = AssessmentRecord & { sort_key: number };

export type UpdateFilter = {
  id?: string;
  pledge?: string;
  status?: readonly string[];
  reportedFrom?: string;
  reportedTo?: string;
  afterSortKey?: number;
  limit?: number;
};

const evidenceOf = (json: string): string[] => {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

/** Progress updates in sort-key order (the order they were recorded); with `limit`, `limit + 1` rows. */
export async function listUpdateRows(db: Kysely<Database>, f: UpdateFilter = {}): Promise<UpdateRow[]> {
  let q = db.selectFrom('pledge_updates').selectAll().orderBy('sort_key');
  if (f.id) q = q.where('id', '=', f.id);
  if (f.pledge) q = q.where('pledge_id', '=', f.pledge);
  if (f.status && f.status.length > 0) q = q.where('status', 'in', [...f.status]);
  if (f.reportedFrom) q = q.where('reported_on', '>=', f.reportedFrom);
  if (f.reportedTo) q = q.where('reported_on', '<=', f.reportedTo);
  if (f.afterSortKey !== undefined) q = q.where('sort_key', '>', f.afterSortKey);
  if (f.limit !== undefined) q = q.limit(f.limit + 1);
  return (await q.execute()).map((r) => ({
    sort_key: Number(r.sort_key),
    id: r.id,
    pledgeId: r.pledge_id,
    reportedOn: r.reported_on,
    status: r.status as PledgeStatus,
    narrative: r.narrative,
    evidence: evidenceOf(r.evidence_json),
    synthetic: Number(r.synthetic) === 1,
  }));
}

export type AssessmentFilter = {
  id?: string;
  pledge?: string;
  status?: readonly string[];
  afterSortKey?: number;
  limit?: number;
};

/** Independent assessments in sort-key order; with `limit`, `limit + 1` rows. */
export async function listAssessmentRows(
  db: Kysely<Database>,
  f: AssessmentFilter = {},
): Promise<AssessmentRow[]> {
  let q = db.selectFrom('pledge_assessments').selectAll().orderBy('sort_key');
  if (f.id) q = q.where('id', '=', f.id);
  if (f.pledge) q = q.where('pledge_id', '=', f.pledge);
  if (f.status && f.status.length > 0) q = q.where('status', 'in', [...f.status]);
  if (f.afterSortKey !== undefined) q = q.where('sort_key', '>', f.afterSortKey);
  if (f.limit !== undefined) q = q.limit(f.limit + 1);
  return (await q.execute()).map((r) => ({
    sort_key: Number(r.sort_key),
    id: r.id,
    pledgeId: r.pledge_id,
    assessedOn: r.assessed_on,
    assessor: r.assessor,
    status: r.status as AssessmentStatus,
    narrative: r.narrative,
    evidence: evidenceOf(r.evidence_json),
    synthetic: Number(r.synthetic) === 1,
  }));
}

export async function pledgeExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('pledges').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
