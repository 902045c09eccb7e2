/**
 * Registry records as stored, read back in their canonical form (the shape of
 * the zod schemas in src/features/pledges/records.ts, keys in schema order).
 * The importer compares incoming records with these to tell inserted, updated
 * and unchanged apart; the exports write them; the pledge pages and API show
 * them (`loadPledgeRecords`).
 *
 * Lists kept in link tables have no stored order, so they come back in one
 * canonical order: compacts and objectives and principles in reference order
 * (gcm-1 … gcm-23, gcr-1 …), places, partners and matches by code or id.
 * Sources and evidence keep the order they were given in. `normalizeRecord`
 * puts an incoming record's lists in the same order before comparing.
 *
 * @example
 * const order = await loadListOrder(db);
 * const stored = await loadStoredRecords(db, 'pledges', ['P-1'], order);
 * stored.get('P-1')?.record.title;
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  ActorRecord,
  AssessmentRecord,
  NationalReviewRecord,
  PledgeRecord,
  RegistryKind,
  RegistryRecords,
  UpdateRecord,
} from '../pledges/records.ts';
import { chunks, ID_CHUNK, idIn } from '../pledges/writer.ts';

export type AnyRecord = RegistryRecords[RegistryKind][number];
export type Stored<R> = { record: R; sortKey: number };

/** Positions of reference ids in their display order, for sorting lists canonically. */
export type ListOrder = { objectives: Map<string, number>; principles: Map<string, number> };

export async function loadListOrder(db: Kysely<Database>): Promise<ListOrder> {
  const [objectives, principles] = await Promise.all([
    db.selectFrom('objectives').select(['id', 'sort_key']).execute(),
    db.selectFrom('principles').select(['id', 'sort_key']).execute(),
  ]);
  return {
    objectives: new Map(objectives.map((o) => [o.id, o.sort_key])),
    principles: new Map(principles.map((p) => [p.id, p.sort_key])),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byOrder = (order: Map<string, number>) => (a: string, b: string) => {
  const x = order.get(a) ?? Number.MAX_SAFE_INTEGER;
  const y = order.get(b) ?? Number.MAX_SAFE_INTEGER;
  return x - y || byText(a, b);
};

/** The record with its unordered lists in canonical order (a new object; the input is not changed). */
export function normalizeRecord<K extends RegistryKind>(
  kind: K,
  record: RegistryRecords[K][number],
  order: ListOrder,
): RegistryRecords[K][number] {
  if (kind === 'pledges') {
    const p = record as PledgeRecord;
    return {
      ...p,
      compacts: [...p.compacts].sort(byText),
      partnerIds: [...p.partnerIds].sort(byText),
      objectives: [...p.objectives].sort(byOrder(order.objectives)),
      principles: [...p.principles].sort(byOrder(order.principles)),
      places: [...p.places].sort(byText),
      matches: [...p.matches].sort((a, b) => byText(a.pledgeId, b.pledgeId)),
    } satisfies PledgeRecord as RegistryRecords[K][number];
  }
  if (kind === 'nationalReviews') {
    const r = record as NationalReviewRecord;
    return {
      ...r,
      objectives: [...r.objectives].sort(byOrder(order.objectives)),
    } satisfies NationalReviewRecord as RegistryRecords[K][number];
  }
  return record;
}

/** Groups link rows by their owner's id. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

async function actorsByIds(db: Kysely<Database>, ids: string[]): Promise<Stored<ActorRecord>[]> {
  const rows = await db
    .selectFrom('actors')
    .select(['id', 'sort_key', 'name', 'type', 'iso3', 'website', 'synthetic'])
    .where('origin', '=', 'registry')
    .where(idIn(db, 'id', ids))
    .execute();
  return rows.map((r) => ({
    sortKey: r.sort_key,
    record: {
      id: r.id,
      name: r.name,
      type: r.type as ActorRecord['type'],
      iso3: r.iso3,
      website: r.website,
      synthetic: r.synthetic === 1,
    },
  }));
}

async function pledgesByIds(
  db: Kysely<Database>,
  ids: string[],
  order: ListOrder,
): Promise<Stored<PledgeRecord>[]> {
  const rows = await db
    .selectFrom('pledges')
    .select([
      'id',
      'sort_key',
      'actor_id',
      'title',
      'description',
      'type',
      'forum',
      'announced_on',
      'target_date',
      'amount',
      'currency',
      'quantity',
      'quantity_unit',
      'synthetic',
    ])
    .where(idIn(db, 'id', ids))
    .execute();
  if (rows.length === 0) return [];
  const found = rows.map((r) => r.id);
  const [compacts, objectives, principles, places, partners, sources, matches] = await Promise.all([
    db
      .selectFrom('pledge_compacts')
      .select(['pledge_id', 'compact_id'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_objectives')
      .select(['pledge_id', 'objective_id'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_principles')
      .select(['pledge_id', 'principle_id'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_places')
      .select(['pledge_id', 'place_code'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_partners')
      .select(['pledge_id', 'actor_id'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_sources')
      .select(['pledge_id', 'position', 'url'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
    db
      .selectFrom('pledge_matches')
      .select(['pledge_id', 'matched_id', 'relation'])
      .where(idIn(db, 'pledge_id', found))
      .execute(),
  ]);
  const c = groupBy(compacts, (r) => r.pledge_id);
  const o = groupBy(objectives, (r) => r.pledge_id);
  const pr = groupBy(principles, (r) => r.pledge_id);
  const pl = groupBy(places, (r) => r.pledge_id);
  const pa = groupBy(partners, (r) => r.pledge_id);
  const s = groupBy(sources, (r) => r.pledge_id);
  const m = groupBy(matches, (r) => r.pledge_id);
  return rows.map((r) => {
    const record: PledgeRecord = {
      id: r.id,
      compacts: (c.get(r.id) ?? []).map((x) => x.compact_id as 'gcm' | 'gcr'),
      actorId: r.actor_id,
      partnerIds: (pa.get(r.id) ?? []).map((x) => x.actor_id),
      title: r.title,
      description: r.description,
      type: r.type as PledgeRecord['type'],
      objectives: (o.get(r.id) ?? []).map((x) => x.objective_id),
      principles: (pr.get(r.id) ?? []).map((x) => x.principle_id),
      places: (pl.get(r.id) ?? []).map((x) => x.place_code),
      forum: r.forum as PledgeRecord['forum'],
      announcedOn: r.announced_on,
      targetDate: r.target_date,
      amount: r.amount === null ? null : Number(r.amount),
      currency: r.currency,
      quantity: r.quantity === null ? null : Number(r.quantity),
      quantityUnit: r.quantity_unit,
      sources: (s.get(r.id) ?? []).sort((a, b) => a.position - b.position).map((x) => x.url),
      matches: (m.get(r.id) ?? []).map((x) => ({
        pledgeId: x.matched_id,
        relation: x.relation as PledgeRecord['matches'][number]['relation'],
      })),
      synthetic: r.synthetic === 1,
    };
    return { sortKey: r.sort_key, record: normalizeRecord('pledges', record, order) };
  });
}

async function updatesByIds(db: Kysely<Database>, ids: string[]): Promise<Stored<UpdateRecord>[]> {
  const rows = await db
    .selectFrom('pledge_updates')
    .selectAll()
    .where(idIn(db, 'id', ids))
    .execute();
  return rows.map((r) => ({
    sortKey: r.sort_key,
    record: {
      id: r.id,
      pledgeId: r.pledge_id,
      reportedOn: r.reported_on,
      status: r.status as UpdateRecord['status'],
      narrative: r.narrative,
      evidence: JSON.parse(r.evidence_json) as string[],
      synthetic: r.synthetic === 1,
    },
  }));
}

async function assessmentsByIds(db: Kysely<Database>, ids: string[]): Promise<Stored<AssessmentRecord>[]> {
  const rows = await db
    .selectFrom('pledge_assessments')
    .selectAll()
    .where(idIn(db, 'id', ids))
    .execute();
  return rows.map((r) => ({
    sortKey: r.sort_key,
    record: {
      id: r.id,
      pledgeId: r.pledge_id,
      assessedOn: r.assessed_on,
      assessor: r.assessor,
      status: r.status as AssessmentRecord['status'],
      narrative: r.narrative,
      evidence: JSON.parse(r.evidence_json) as string[],
      synthetic: r.synthetic === 1,
    },
  }));
}

async function reviewsByIds(
  db: Kysely<Database>,
  ids: string[],
  order: ListOrder,
): Promise<Stored<NationalReviewRecord>[]> {
  const rows = await db
    .selectFrom('national_reviews')
    .selectAll()
    .where(idIn(db, 'id', ids))
    .execute();
  if (rows.length === 0) return [];
  const objectives = groupBy(
    await db
      .selectFrom('national_review_objectives')
      .select(['review_id', 'objective_id'])
      .where(
        idIn(
          db,
          'review_id',
          rows.map((r) => r.id),
        ),
      )
      .execute(),
    (r) => r.review_id,
  );
  return rows.map((r) => ({
    sortKey: r.sort_key,
    record: normalizeRecord(
      'nationalReviews',
      {
        id: r.id,
        iso3: r.iso3,
        cycleId: r.cycle_id,
        submittedOn: r.submitted_on,
        title: r.title,
        documentUrl: r.document_url,
        objectives: (objectives.get(r.id) ?? []).map((x) => x.objective_id),
        synthetic: r.synthetic === 1,
      },
      order,
    ),
  }));
}

/** The stored records with these ids (those that exist), by id. */
export async function loadStoredRecords<K extends RegistryKind>(
  db: Kysely<Database>,
  kind: K,
  ids: readonly string[],
  order: ListOrder,
): Promise<Map<string, Stored<RegistryRecords[K][number]>>> {
  const out = new Map<string, Stored<RegistryRecords[K][number]>>();
  for (const chunk of chunks(ids, ID_CHUNK)) {
    const found: Stored<AnyRecord>[] =
      kind === 'actors'
        ? await actorsByIds(db, chunk)
        : kind === 'pledges'
          ? await pledgesByIds(db, chunk, order)
          : kind === 'updates'
            ? await updatesByIds(db, chunk)
            : kind === 'assessments'
              ? await assessmentsByIds(db, chunk)
              : await reviewsByIds(db, chunk, order);
    for (const s of found) out.set(s.record.id, s as Stored<RegistryRecords[K][number]>);
  }
  return out;
}

/** Every stored id of a kind (registry actors only: State actors come from the reference data), sorted. */
export async function allIds(db: Kysely<Database>, kind: RegistryKind): Promise<string[]> {
  let rows: { id: string }[];
  if (kind === 'actors')
    rows = await db.selectFrom('actors').select('id').where('origin', '=', 'registry').execute();
  else rows = await db.selectFrom(TABLES[kind]).select('id').execute();
  // Ids are ASCII (RECORD_ID_PATTERN), so code-unit order is byte order on both engines.
  return rows.map((r) => r.id).sort(byText);
}

/** The lists of a pledge kept in link tables keyed by its id (matches, keyed by both pledges, are apart). */
export const PLEDGE_LINK_TABLES = [
  'pledge_compacts',
  'pledge_objectives',
  'pledge_principles',
  'pledge_places',
  'pledge_partners',
  'pledge_sources',
] as const;

/** Every table the pledge registry (actors, pledges, updates, assessments) is stored in. */
export const PLEDGE_TABLES = [
  'actors',
  'pledges',
  ...PLEDGE_LINK_TABLES,
  'pledge_matches',
  'pledge_updates',
  'pledge_assessments',
] as const satisfies readonly (keyof Database)[];

/** Every table an import may write: the pledge registry's and the national reviews'. */
export const REGISTRY_TABLES = [
  ...PLEDGE_TABLES,
  'national_reviews',
  'national_review_objectives',
] as const satisfies readonly (keyof Database)[];

/** The main table of each kind. */
export const TABLES = {
  actors: 'actors',
  pledges: 'pledges',
  updates: 'pledge_updates',
  assessments: 'pledge_assessments',
  nationalReviews: 'national_reviews',
} as const satisfies Record<RegistryKind, keyof Database>;

/**
 * Every record of a kind in id order, read a page at a time so an export of
 * 100,000 pledges never holds them all in memory (only their ids).
 *
 * @example
 * for await (const pledge of streamRecords(db, 'pledges')) write(pledge);
 */
export async function* streamRecords<K extends RegistryKind>(
  db: Kysely<Database>,
  kind: K,
  options: { pageSize?: number } = {},
): AsyncGenerator<RegistryRecords[K][number]> {
  const ids = await allIds(db, kind);
  if (ids.length === 0) return;
  const order = await loadListOrder(db);
  for (const page of chunks(ids, options.pageSize ?? ID_CHUNK)) {
    const stored = await loadStoredRecords(db, kind, page, order);
    for (const id of page) {
      const s = stored.get(id);
      if (s) yield s.record;
    }
  }
}
