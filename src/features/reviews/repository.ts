/**
 * Reads review cycles (reference data, with their sources) and national
 * reviews (registry records, with the objectives they report on).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import type { CompactId } from '../../http/params.ts';
import { PLEDGE_FORUMS } from '../pledges/records.ts';
import { citationsFor } from '../reference/citations.ts';
import type { NationalReviewView, ReviewCycleKind, ReviewCycleView } from './schemas.ts';

/** The cycles pledges can name as their `forum` ('other' is no cycle). */
const FORUM_CYCLES: readonly string[] = PLEDGE_FORUMS.filter((f) => f !== 'other');

/** Whether pledges can be recorded as made at this cycle. */
export const isPledgeForum = (cycleId: string) => FORUM_CYCLES.includes(cycleId);

export type ReviewCycleFilter = {
  id?: string;
  compact?: CompactId | undefined;
  kind?: ReviewCycleKind | undefined;
  afterSortKey?: number;
  limit?: number;
};

/**
 * Review cycles in file order (chronological), each with its sources, its
 * national review count and, for a pledge forum, the pledges made at it; with
 * `limit`, fetches `limit + 1` rows for paging.
 *
 * @example
 * const gcr = await listReviewCycles(db, { compact: 'gcr' });
 * gcr.find((c) => c.id === 'grf-2023')?.pledgeCount; // e.g. 0 before any pledge is imported
 */
export async function listReviewCycles(
  db: Kysely<Database>,
  filter: ReviewCycleFilter = {},
): Promise<(ReviewCycleView & { sort_key: number })[]> {
  let q = db.selectFrom('review_cycles').selectAll().orderBy('sort_key');
  if (filter.id !== undefined) q = q.where('id', '=', filter.id);
  if (filter.compact) q = q.where('compact_id', '=', filter.compact);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const forums = ids.filter(isPledgeForum);
  const [sources, reviewCounts, pledgeCounts] = await Promise.all([
    citationsFor(db, 'review_cycle', ids),
    db
      .selectFrom('national_reviews')
      .select((eb) => ['cycle_id as id', eb.fn.countAll<number | string>().as('n')])
      .where('cycle_id', 'in', ids)
      .groupBy('cycle_id')
      .execute(),
    forums.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('pledges')
          .select((eb) => ['forum as id', eb.fn.countAll<number | string>().as('n')])
          .where('forum', 'in', forums)
          .groupBy('forum')
          .execute(),
  ]);
  // PostgreSQL answers count(*) as a string (bigint); SQLite as a number.
  const countOf = (list: { id: string; n: number | string }[]) =>
    new Map(list.map((r) => [r.id, Number(r.n)]));
  const reviews = countOf(reviewCounts);
  const pledges = countOf(pledgeCounts);
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    name: r.name,
    kind: r.kind as ReviewCycleKind,
    compact: r.compact_id as CompactId,
    startDate: r.start_date,
    endDate: r.end_date,
    datePrecision: r.date_precision as ReviewCycleView['datePrecision'],
    milestone: r.milestone_id,
    description: r.description,
    status: r.status as ReviewCycleView['status'],
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
    nationalReviewCount: reviews.get(r.id) ?? 0,
    pledgeCount: isPledgeForum(r.id) ? (pledges.get(r.id) ?? 0) : null,
  }));
}

/** One review cycle with its counts; NotFoundError when there is none. */
export async function getReviewCycle(db: Kysely<Database>, id: string): Promise<ReviewCycleView> {
  const [cycle] = await listReviewCycles(db, { id });
  if (!cycle) throw new NotFoundError('review cycle', id);
  const { sort_key: _, ...view } = cycle;
  return view;
}

/** The ids and names of every review cycle, in file order (for filters and messages). */
export async function reviewCycleNames(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('review_cycles').select(['id', 'name']).orderBy('sort_key').execute();
}

export type NationalReviewFilter = {
  id?: string;
  iso3?: string | undefined;
  cycle?: string | undefined;
  objective?: string | undefined;
  afterSortKey?: number;
  limit?: number;
};

/**
 * National reviews in registry order, each with its objectives (in the
 * compacts' order), State name and cycle name; with `limit`, fetches
 * `limit + 1` rows for paging.
 *
 * @example
 * const brazil = await listNationalReviews(db, { iso3: 'BRA' });
 */
export async function listNationalReviews(
  db: Kysely<Database>,
  filter: NationalReviewFilter = {},
): Promise<(NationalReviewView & { sort_key: number })[]> {
  let q = db
    .selectFrom('national_reviews as nr')
    .innerJoin('states as s', 's.iso3', 'nr.iso3')
    .innerJoin('review_cycles as c', 'c.id', 'nr.cycle_id')
    .select([
      'nr.id',
      'nr.sort_key',
      'nr.iso3',
      'nr.cycle_id',
      'nr.submitted_on',
      'nr.title',
      'nr.document_url',
      'nr.synthetic',
      's.name as state_name',
      'c.name as cycle_name',
    ])
    .orderBy('nr.sort_key');
  if (filter.id !== undefined) q = q.where('nr.id', '=', filter.id);
  if (filter.iso3) q = q.where('nr.iso3', '=', filter.iso3);
  if (filter.cycle) q = q.where('nr.cycle_id', '=', filter.cycle);
  if (filter.objective) {
    const objective = filter.objective;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('national_review_objectives as o')
          .select('o.review_id')
          .whereRef('o.review_id', '=', 'nr.id')
          .where('o.objective_id', '=', objective),
      ),
    );
  }
  if (filter.afterSortKey !== undefined) q = q.where('nr.sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('national_review_objectives as o')
    .innerJoin('objectives as ob', 'ob.id', 'o.objective_id')
    .select(['o.review_id', 'o.objective_id'])
    .where(
      'o.review_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('ob.sort_key')
    .execute();
  const objectives = new Map<string, string[]>();
  for (const l of links) {
    const list = objectives.get(l.review_id) ?? [];
    list.push(l.objective_id);
    objectives.set(l.review_id, list);
  }
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    iso3: r.iso3,
    cycleId: r.cycle_id,
    submittedOn: r.submitted_on,
    title: r.title,
    documentUrl: r.document_url,
    objectives: objectives.get(r.id) ?? [],
    synthetic: Boolean(r.synthetic),
    stateName: r.state_name,
    cycleName: r.cycle_name,
  }));
}

/** One national review; NotFoundError when there is none. */
export async function getNationalReview(db: Kysely<Database>, id: string): Promise<NationalReviewView> {
  const [review] = await listNationalReviews(db, { id });
  if (!review) throw new NotFoundError('national review', id);
  const { sort_key: _, ...view } = review;
  return view;
}
