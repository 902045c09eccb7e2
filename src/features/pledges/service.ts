/**
 * The read side of the pledge registry: faceted search, one pledge with its
 * history, actors, progress updates and assessments. The search runs on an
 * in-memory index (`src/domain/pledge-search.ts`) built once per data
 * version; full text goes to the database's own index first.
 *
 * @example
 * const page = await searchPledges(db, { compact: ['gcr'], flag: ['overdue'] }, { limit: 50 }, '2024-06-01');
 * page.total;                 // every match
 * page.facets.region;         // [{ value: '002', count: 12 }, …]
 * await searchPledges(db, {}, { limit: 50, cursor: page.nextCursor! }, '2024-06-01'); // the next page
 */
import type { Kysely } from 'kysely';
import { memoByDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import { type PledgeFlags, pledgeFlags } from '../../domain/pledge-flags.ts';
import {
  buildPledgeIndex,
  checkFilterValues,
  type FacetCounts,
  type PledgeIndex,
  type PledgeIndexFilter,
  searchPledgeIndex,
} from '../../domain/pledge-search.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { PLACE_PATTERN } from './records.ts';
import {
  type ActorFilter,
  type ActorRow,
  type AssessmentFilter,
  type AssessmentRow,
  type CategoryRef,
  findActorRow,
  fullTextKeys,
  listActorRows,
  listAssessmentRows,
  listUpdateRows,
  loadActorRows,
  loadIndexRows,
  loadMatchedBy,
  loadPledgeRecords,
  loadPledgeTitles,
  loadVocabulary,
  type ObjectiveRef,
  type PledgeRow,
  partnerCounts,
  pledgeExists,
  type RegionRef,
  searchTerms,
  type UpdateFilter,
  type UpdateRow,
} from './repository.ts';

/** Filters of the explorer and of `GET /api/v1/pledges`: facet values, actors, places, text. */
export type PledgeQuery = Omit<PledgeIndexFilter, 'textMatch'> & { q?: string };

/** A page request: `limit` items after `cursor` (an opaque value from a previous `nextCursor`). */
export type PageRequest = { limit: number; cursor?: string };

/** A pledge in a list: the canonical record, the derived values and its flags on the given day. */
export type PledgeListItem = PledgeRow & { flags: PledgeFlags };

export type PledgeSearch = {
  items: PledgeListItem[];
  total: number;
  nextCursor: string | null;
  facets: FacetCounts;
};

export type RegistryContext = {
  index: PledgeIndex;
  objectives: ObjectiveRef[];
  categories: CategoryRef[];
  regions: RegionRef[];
};

/** The search index with the labels of its facets, rebuilt only after a write. */
export const registryContext = memoByDataVersion(async (db): Promise<RegistryContext> => {
  const [rows, vocab] = await Promise.all([loadIndexRows(db), loadVocabulary(db)]);
  return {
    index: buildPledgeIndex(rows, vocab.vocabulary),
    objectives: vocab.objectives,
    categories: vocab.categories,
    regions: vocab.regions,
  };
});

/** The flags of a loaded pledge on `today`, by the rules of `pledge-flags.ts`. */
export function flagsOfRow(p: PledgeRow, today: string): PledgeFlags {
  return pledgeFlags(
    {
      targetDate: p.targetDate,
      latestStatus: p.latestStatus,
      lastReportedOn: p.lastReportedOn,
      announcedOn: p.announcedOn,
      hasAmountOrQuantity: p.amount !== null || p.quantity !== null,
      placeCount: p.places.length,
      objectiveCount: p.objectives.length,
    },
    today,
  );
}

/** Checks actor ids and place codes; facet values are checked by the index. */
async function checkOtherFilters(
  db: Kysely<Database>,
  index: PledgeIndex,
  filter: PledgeQuery,
): Promise<void> {
  checkFilterValues(index, filter);
  const badPlaces = (filter.place ?? []).filter((p) => !PLACE_PATTERN.test(p));
  if (badPlaces.length > 0) {
    throw new ValidationError(`Unknown place ${badPlaces.map((p) => `"${p}"`).join(', ')}.`, [
      {
        location: 'place',
        message: `${badPlaces.join(', ')}: must be ISO 3166-1 alpha-3 codes (BRA) or M49 region codes (002, 001 for the world)`,
      },
    ]);
  }
  // An actor with no pledge of its own is not in the index but is a valid filter.
  const notIndexed = (filter.actor ?? []).filter((a) => !index.actorIndex.has(a));
  if (notIndexed.length > 0) {
    const found = new Set((await loadActorRows(db, notIndexed)).map((a) => a.id));
    const unknown = notIndexed.filter((a) => !found.has(a));
    if (unknown.length > 0) {
      throw new ValidationError(`No actor with id ${unknown.map((a) => `"${a}"`).join(', ')}.`, [
        { location: 'actor', message: `no actor with id ${unknown.join(', ')}; see /api/v1/actors` },
      ]);
    }
  }
}

/**
 * Pledges matching `filter`, in display order (announced newest first, then
 * id), with the total and the disjunctive facet counts. Unknown filter
 * values and malformed cursors throw a ValidationError naming the parameter.
 *
 * @example
 * await searchPledges(db, { region: ['002'], q: 'education' }, { limit: 20 }, todayIso());
 */
export async function searchPledges(
  db: Kysely<Database>,
  filter: PledgeQuery,
  page: PageRequest,
  today: string,
): Promise<PledgeSearch> {
  const { index } = await registryContext(db);
  await checkOtherFilters(db, index, filter);
  const { q, ...facets } = filter;
  const terms = q ? searchTerms(q) : [];
  let textMatch: number[] | undefined;
  if (terms.length > 0) {
    const keys = await fullTextKeys(db, terms);
    textMatch = [];
    for (const k of keys) {
      const p = index.positionByKey.get(k);
      if (p !== undefined) textMatch.push(p);
    }
  }
  const found = searchPledgeIndex(index, { ...facets, textMatch }, today, page);
  const rows = await loadPledgeRecords(db, found.ids);
  return {
    items: rows.map((r) => ({ ...r, flags: flagsOfRow(r, today) })),
    total: found.total,
    nextCursor: found.nextCursor,
    facets: found.facets,
  };
}

export type ActorView = Omit<ActorRow, 'sort_key'>;
export type MatchView = {
  pledgeId: string;
  title: string;
  actorName: string;
  /** What the matched pledge is to this one: the offer that meets it, or the need it meets. */
  relation: 'offer' | 'need';
  /** Which of the two pledges records the match. */
  listedBy: 'this' | 'other';
  synthetic: boolean;
};

export type PledgeDetail = PledgeListItem & {
  actor: ActorView;
  partners: ActorView[];
  matched: MatchView[];
  updates: Omit<UpdateRow, 'sort_key'>[];
  assessments: Omit<AssessmentRow, 'sort_key'>[];
};

const withoutSortKey = <T extends { sort_key: number }>({ sort_key: _, ...rest }: T) => rest;

/**
 * One pledge with its actor, partners, matches in both directions, and its
 * history (updates and assessments, oldest first).
 *
 * @example
 * const p = await getPledge(db, 'grf-2019-0001', '2024-06-01');
 * p.flags.overdue; p.updates.at(-1)?.status;
 */
export async function getPledge(db: Kysely<Database>, id: string, today: string): Promise<PledgeDetail> {
  const [row] = await loadPledgeRecords(db, [id]);
  if (!row) throw new NotFoundError('pledge', id);
  const [actors, matchedBy, updates, assessments] = await Promise.all([
    loadActorRows(db, [row.actorId, ...row.partnerIds]),
    loadMatchedBy(db, id),
    listUpdateRows(db, { pledge: id }),
    listAssessmentRows(db, { pledge: id }),
  ]);
  const actorById = new Map(actors.map((a) => [a.id, withoutSortKey(a)]));
  const listed = new Map<string, { relation: 'offer' | 'need'; listedBy: 'this' | 'other' }>();
  for (const m of row.matches) listed.set(m.pledgeId, { relation: m.relation, listedBy: 'this' });
  // The other pledge says what this one is to it; seen from here, the relation turns round.
  for (const m of matchedBy) {
    if (!listed.has(m.pledgeId)) {
      listed.set(m.pledgeId, { relation: m.relation === 'offer' ? 'need' : 'offer', listedBy: 'other' });
    }
  }
  const titles = await loadPledgeTitles(db, [...listed.keys()]);
  const byDate =
    <T extends { id: string }>(date: (x: T) => string) =>
    (a: T, b: T) =>
      date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    ...row,
    flags: flagsOfRow(row, today),
    actor: actorById.get(row.actorId)!,
    partners: row.partnerIds.flatMap((p) => actorById.get(p) ?? []),
    matched: [...listed].flatMap(([pledgeId, m]) => {
      const t = titles.get(pledgeId);
      return t ? [{ pledgeId, title: t.title, actorName: t.actorName, synthetic: t.synthetic, ...m }] : [];
    }),
    updates: updates.sort(byDate((u) => u.reportedOn)).map(withoutSortKey),
    assessments: assessments.sort(byDate((a) => a.assessedOn)).map(withoutSortKey),
  };
}

export type ActorListItem = ActorView & { pledgeCount: number };

/** Actors (States first, then registry actors in the order they were added), with their pledge counts. */
export async function listActors(
  db: Kysely<Database>,
  filter: Omit<ActorFilter, 'afterSortKey' | 'limit'>,
  page: { limit: number; afterSortKey: number },
): Promise<{ items: ActorListItem[]; nextSortKey: number | null }> {
  const [{ index }, rows] = await Promise.all([
    registryContext(db),
    listActorRows(db, { ...filter, afterSortKey: page.afterSortKey, limit: page.limit }),
  ]);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((a) => ({ ...withoutSortKey(a), pledgeCount: pledgeCountOf(index, a.id) })),
    nextSortKey: rows.length > page.limit && last ? last.sort_key : null,
  };
}

function pledgeCountOf(index: PledgeIndex, actorId: string): number {
  const i = index.actorIndex.get(actorId);
  return i === undefined ? 0 : (index.actorPledgeCount[i] ?? 0);
}

export type ActorDetail = ActorListItem & { partnerCount: number };

/** One actor with the number of its pledges and of pledges it is a partner in. */
export async function getActor(db: Kysely<Database>, id: string): Promise<ActorDetail> {
  const [row, { index }, partners] = await Promise.all([
    findActorRow(db, id),
    registryContext(db),
    partnerCounts(db, [id]),
  ]);
  if (!row) throw new NotFoundError('actor', id);
  return {
    ...withoutSortKey(row),
    pledgeCount: pledgeCountOf(index, id),
    partnerCount: partners.get(id) ?? 0,
  };
}

async function assertPledgeFilter(db: Kysely<Database>, pledge: string | undefined): Promise<void> {
  if (pledge && !(await pledgeExists(db, pledge))) {
    throw new ValidationError(`No pledge with id "${pledge}".`, [
      { location: 'pledge', message: `no pledge with id ${pledge}` },
    ]);
  }
}

/** Progress updates in the order they were recorded; `pledge` must exist. */
export async function listUpdates(
  db: Kysely<Database>,
  filter: Omit<UpdateFilter, 'afterSortKey' | 'limit'>,
  page: { limit: number; afterSortKey: number },
): Promise<UpdateRow[]> {
  await assertPledgeFilter(db, filter.pledge);
  return listUpdateRows(db, { ...filter, afterSortKey: page.afterSortKey, limit: page.limit });
}

/** One progress update by id. */
export async function getUpdate(db: Kysely<Database>, id: string): Promise<UpdateRow> {
  const [row] = await listUpdateRows(db, { id });
  if (!row) throw new NotFoundError('progress update', id);
  return row;
}

/** One independent assessment by id. */
export async function getAssessment(db: Kysely<Database>, id: string): Promise<AssessmentRow> {
  const [row] = await listAssessmentRows(db, { id });
  if (!row) throw new NotFoundError('assessment', id);
  return row;
}

/** Independent assessments in the order they were recorded; `pledge` must exist. */
export async function listAssessments(
  db: Kysely<Database>,
  filter: Omit<AssessmentFilter, 'afterSortKey' | 'limit'>,
  page: { limit: number; afterSortKey: number },
): Promise<AssessmentRow[]> {
  await assertPledgeFilter(db, filter.pledge);
  return listAssessmentRows(db, { ...filter, afterSortKey: page.afterSortKey, limit: page.limit });
}
