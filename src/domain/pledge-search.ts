/**
 * Faceted search over the pledge registry, in memory. Pure: no I/O.
 *
 * The index is built once per data version from one compact row per pledge.
 * Every facet value becomes a small integer or a bit in a mask, held in typed
 * arrays laid out in display order (announcement date, newest first, then id),
 * so a search is one pass over those arrays: it filters, counts every facet
 * and collects the requested page in the same loop.
 *
 * Rules:
 * - several values of one facet are alternatives (OR); different facets must
 *   all hold (AND);
 * - facet counts are disjunctive: each facet is counted with every other
 *   filter applied but not its own, so a count says what ticking that box
 *   would add;
 * - `overdue` and `stale` follow `src/domain/pledge-flags.ts` for the `today`
 *   passed in; the quality flags (`noTargetDate`, `noQuantity`, `noPlace`,
 *   `noObjective`) follow its quality rules;
 * - a cursor is the sort key (announcement date and id) of the last item of
 *   a page, found again by binary search, so it stays valid while pledges
 *   are added or removed.
 *
 * @example
 * const index = buildPledgeIndex(rows, vocabulary);
 * const { ids, total, facets, nextCursor } = searchPledgeIndex(index, { compact: ['gcr'] }, '2024-06-01', { limit: 50 });
 */
import { ValidationError } from '../errors.ts';
import { addMonths, PLEDGE_STATUSES, type PledgeStatus, STALE_AFTER_MONTHS } from './pledge-flags.ts';

/** One pledge as the index needs it. */
export type PledgeIndexRow = {
  id: string;
  /** The number the full-text search returns for this pledge (see the repository). */
  key: number;
  actorId: string;
  actorType: string;
  forum: string;
  type: string;
  announcedOn: string | null;
  targetDate: string | null;
  lastReportedOn: string | null;
  latestStatus: PledgeStatus | null;
  hasAmountOrQuantity: boolean;
  synthetic: boolean;
  compacts: readonly string[];
  objectives: readonly string[];
  /** ISO3 codes of States and M49 region codes ('001' is the world). */
  places: readonly string[];
};

/** The values each facet can take, and how places and objectives roll up. */
export type PledgeVocabulary = {
  compacts: readonly string[];
  /** At most 32, in display order (gcm-1 … gcm-23, gcr-1 … gcr-4). */
  objectives: readonly string[];
  /** Categories of a classification scheme, each with its member objectives (at most 32). */
  categories: readonly { id: string; objectives: readonly string[] }[];
  actorTypes: readonly string[];
  /** M49 region codes (at most 31); 'global' is added for places at '001'. */
  regions: readonly string[];
  /** Any place code (ISO3, M49 sub-region or region code) → the M49 region it lies in. */
  regionOfPlace: ReadonlyMap<string, string>;
  forums: readonly string[];
  types: readonly string[];
};

export const GLOBAL_REGION = 'global';
export const WORLD_PLACE = '001';
export const STATUS_NONE = 'none';
export const PLEDGE_FLAG_VALUES = [
  'overdue',
  'stale',
  'noTargetDate',
  'noQuantity',
  'noPlace',
  'noObjective',
] as const;
export type PledgeFlagValue = (typeof PLEDGE_FLAG_VALUES)[number];

export const FACETS = [
  'compact',
  'objective',
  'category',
  'actorType',
  'region',
  'status',
  'forum',
  'type',
  'flag',
] as const;
export type Facet = (typeof FACETS)[number];

export type FacetCount = { value: string; count: number };
export type FacetCounts = Record<Facet, FacetCount[]>;

/** A filter: facet values (OR within a facet), plus filters that are not facets. */
export type PledgeIndexFilter = Partial<Record<Facet, readonly string[]>> & {
  actor?: readonly string[];
  place?: readonly string[];
  synthetic?: boolean;
  /** Positions that match the full-text query; absent means no text filter. */
  textMatch?: Iterable<number>;
};

export type PledgeIndex = {
  size: number;
  /** By position: display order. */
  ids: string[];
  announcedOn: (string | null)[];
  compacts: Uint8Array;
  objectives: Uint32Array;
  categories: Uint32Array;
  regions: Uint32Array;
  actorType: Int8Array;
  status: Int8Array;
  forum: Int8Array;
  type: Int8Array;
  actor: Int32Array;
  /** Day number of the target date; a pledge without one is never overdue. */
  targetDay: Int32Array;
  /** First day on which the pledge is stale if nothing more is reported. */
  staleFromDay: Int32Array;
  /** Quality flag bits (noTargetDate … noObjective), bit = position in PLEDGE_FLAG_VALUES. */
  quality: Uint8Array;
  synthetic: Uint8Array;
  /** Places per pledge: codes of pledge p are placeCodes[placeStart[p] … placeStart[p+1]). */
  placeStart: Int32Array;
  placeCodes: Int32Array;
  placeIndex: Map<string, number>;
  actorIndex: Map<string, number>;
  /** Pledges per actor (as the pledging actor). */
  actorPledgeCount: Int32Array;
  actorIds: string[];
  positionById: Map<string, number>;
  positionByKey: Map<number, number>;
  /** The values of each facet, in display order. */
  values: Record<Facet, readonly string[]>;
};

const NEVER = 2_147_483_647;
const FULFILLED = PLEDGE_STATUSES.indexOf('fulfilled');

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  return Math.floor(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000,
  );
}

/** Display order: announced newest first, undated last, then id (code-unit order). */
export function comparePledgeOrder(
  aDate: string | null,
  aId: string,
  bDate: string | null,
  bId: string,
): number {
  if (aDate !== bDate) {
    if (aDate === null) return 1;
    if (bDate === null) return -1;
    return aDate > bDate ? -1 : 1;
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function lookup(values: readonly string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}

function bitsOf(items: readonly string[], index: Map<string, number>): number {
  let mask = 0;
  for (const item of items) {
    const i = index.get(item);
    if (i !== undefined) mask |= 1 << i;
  }
  return mask >>> 0;
}

/**
 * Builds the index. Rows may come in any order.
 *
 * @example
 * const index = buildPledgeIndex(rows, vocabulary);
 * index.size; // rows.length
 */
export function buildPledgeIndex(rows: readonly PledgeIndexRow[], vocabulary: PledgeVocabulary): PledgeIndex {
  // Every facet is a bit mask in 32 bits (the compacts in 8).
  const sizes = {
    objectives: vocabulary.objectives.length,
    categories: vocabulary.categories.length,
    'regions (with global)': vocabulary.regions.length + 1,
    'actor types': vocabulary.actorTypes.length,
    forums: vocabulary.forums.length,
    types: vocabulary.types.length,
  };
  for (const [what, size] of Object.entries(sizes)) {
    if (size > 32) throw new Error(`The pledge index holds at most 32 ${what}; ${size} were given.`);
  }
  if (vocabulary.compacts.length > 8) throw new Error('The pledge index holds at most 8 compacts.');
  const sorted = [...rows].sort((a, b) => comparePledgeOrder(a.announcedOn, a.id, b.announcedOn, b.id));
  const n = sorted.length;
  const values: Record<Facet, readonly string[]> = {
    compact: vocabulary.compacts,
    objective: vocabulary.objectives,
    category: vocabulary.categories.map((c) => c.id),
    actorType: vocabulary.actorTypes,
    region: [...vocabulary.regions, GLOBAL_REGION],
    status: [...PLEDGE_STATUSES, STATUS_NONE],
    forum: vocabulary.forums,
    type: vocabulary.types,
    flag: PLEDGE_FLAG_VALUES,
  };
  const compactAt = lookup(vocabulary.compacts);
  const objectiveAt = lookup(vocabulary.objectives);
  const regionAt = lookup(values.region);
  const actorTypeAt = lookup(vocabulary.actorTypes);
  const forumAt = lookup(vocabulary.forums);
  const typeAt = lookup(vocabulary.types);
  const statusAt = lookup(PLEDGE_STATUSES);
  // Objective bit → the category bits it belongs to.
  const categoryOfObjective = new Uint32Array(vocabulary.objectives.length);
  vocabulary.categories.forEach((c, ci) => {
    for (const o of c.objectives) {
      const oi = objectiveAt.get(o);
      if (oi !== undefined) categoryOfObjective[oi] = (categoryOfObjective[oi]! | (1 << ci)) >>> 0;
    }
  });

  const index: PledgeIndex = {
    size: n,
    ids: new Array(n),
    announcedOn: new Array(n),
    compacts: new Uint8Array(n),
    objectives: new Uint32Array(n),
    categories: new Uint32Array(n),
    regions: new Uint32Array(n),
    actorType: new Int8Array(n),
    status: new Int8Array(n),
    forum: new Int8Array(n),
    type: new Int8Array(n),
    actor: new Int32Array(n),
    targetDay: new Int32Array(n),
    staleFromDay: new Int32Array(n),
    quality: new Uint8Array(n),
    synthetic: new Uint8Array(n),
    placeStart: new Int32Array(n + 1),
    placeCodes: new Int32Array(sorted.reduce((s, r) => s + r.places.length, 0)),
    placeIndex: new Map(),
    actorIndex: new Map(),
    actorPledgeCount: new Int32Array(0),
    actorIds: [],
    positionById: new Map(),
    positionByKey: new Map(),
    values,
  };
  const counts: number[] = [];
  let placeAt = 0;
  for (let p = 0; p < n; p++) {
    const r = sorted[p]!;
    index.ids[p] = r.id;
    index.announcedOn[p] = r.announcedOn;
    index.positionById.set(r.id, p);
    index.positionByKey.set(r.key, p);
    index.compacts[p] = bitsOf(r.compacts, compactAt);
    const objectives = bitsOf(r.objectives, objectiveAt);
    index.objectives[p] = objectives;
    let categories = 0;
    for (let o = 0; o < categoryOfObjective.length; o++) {
      if (objectives & (1 << o)) categories |= categoryOfObjective[o]!;
    }
    index.categories[p] = categories >>> 0;
    let regions = 0;
    for (const place of r.places) {
      const region = place === WORLD_PLACE ? GLOBAL_REGION : vocabulary.regionOfPlace.get(place);
      const ri = region === undefined ? undefined : regionAt.get(region);
      if (ri !== undefined) regions |= 1 << ri;
      let code = index.placeIndex.get(place);
      if (code === undefined) {
        code = index.placeIndex.size;
        index.placeIndex.set(place, code);
      }
      index.placeCodes[placeAt++] = code;
    }
    index.placeStart[p + 1] = placeAt;
    index.regions[p] = regions >>> 0;
    index.actorType[p] = actorTypeAt.get(r.actorType) ?? -1;
    index.status[p] = r.latestStatus === null ? PLEDGE_STATUSES.length : (statusAt.get(r.latestStatus) ?? -1);
    index.forum[p] = forumAt.get(r.forum) ?? -1;
    index.type[p] = typeAt.get(r.type) ?? -1;
    let actor = index.actorIndex.get(r.actorId);
    if (actor === undefined) {
      actor = index.actorIds.length;
      index.actorIndex.set(r.actorId, actor);
      index.actorIds.push(r.actorId);
      counts.push(0);
    }
    counts[actor]!++;
    index.actor[p] = actor;
    index.targetDay[p] = r.targetDate === null ? NEVER : dayNumber(r.targetDate);
    const lastActivity = r.lastReportedOn ?? r.announcedOn;
    index.staleFromDay[p] =
      lastActivity === null ? NEVER : dayNumber(addMonths(lastActivity, STALE_AFTER_MONTHS));
    index.quality[p] =
      (r.targetDate === null ? FLAG_BIT.noTargetDate : 0) |
      (r.hasAmountOrQuantity ? 0 : FLAG_BIT.noQuantity) |
      (r.places.length === 0 ? FLAG_BIT.noPlace : 0) |
      (r.objectives.length === 0 ? FLAG_BIT.noObjective : 0);
    index.synthetic[p] = r.synthetic ? 1 : 0;
  }
  index.actorPledgeCount = Int32Array.from(counts);
  return index;
}

const FLAG_BIT = Object.fromEntries(PLEDGE_FLAG_VALUES.map((f, i) => [f, 1 << i])) as Record<
  PledgeFlagValue,
  number
>;

/** The flags of the pledge at `position` on `today`, as a bit set over PLEDGE_FLAG_VALUES. */
export function flagBitsAt(index: PledgeIndex, position: number, todayDay: number): number {
  let flags = index.quality[position]!;
  if (index.status[position] !== FULFILLED) {
    if (index.targetDay[position]! < todayDay) flags |= FLAG_BIT.overdue;
    if (index.staleFromDay[position]! <= todayDay) flags |= FLAG_BIT.stale;
  }
  return flags;
}

/** The flag values of the pledge with `id` on `today` (empty for an id not in the index). */
export function flagsOf(index: PledgeIndex, id: string, today: string): PledgeFlagValue[] {
  const p = index.positionById.get(id);
  if (p === undefined) return [];
  const bits = flagBitsAt(index, p, dayNumber(today));
  return PLEDGE_FLAG_VALUES.filter((_, i) => bits & (1 << i));
}

/** Checks every facet value of a filter; unknown values throw a ValidationError naming the facet. */
export function checkFilterValues(index: PledgeIndex, filter: PledgeIndexFilter): void {
  const errors = [];
  for (const facet of FACETS) {
    const known = new Set(index.values[facet]);
    const unknown = (filter[facet] ?? []).filter((v) => !known.has(v));
    if (unknown.length > 0) {
      errors.push({
        location: facet,
        message: `unknown value${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `"${v}"`).join(', ')}; must be one of ${index.values[facet].join(', ')}`,
      });
    }
  }
  if (errors.length > 0) {
    throw new ValidationError(
      `Unknown filter value: ${errors.map((e) => `${e.location}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

export type PledgeCursor = { announcedOn: string | null; id: string };

export function encodePledgeCursor(c: PledgeCursor): string {
  return Buffer.from(JSON.stringify([c.announcedOn, c.id])).toString('base64url');
}

/** The cursor's sort key; a ValidationError (location `cursor`) when it is not one this index wrote. */
export function decodePledgeCursor(cursor: string): PledgeCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || (typeof parsed[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(parsed[0]))) &&
      typeof parsed[1] === 'string' &&
      parsed[1] !== ''
    ) {
      return { announcedOn: parsed[0], id: parsed[1] };
    }
  } catch {
    // reported below
  }
  throw new ValidationError('The cursor is not valid; use page.nextCursor from a previous response.', [
    { location: 'cursor', message: 'malformed cursor' },
  ]);
}

/** The first position that sorts after the cursor's key (binary search). */
export function positionAfter(index: PledgeIndex, cursor: PledgeCursor): number {
  let lo = 0;
  let hi = index.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePledgeOrder(index.announcedOn[mid]!, index.ids[mid]!, cursor.announcedOn, cursor.id) <= 0)
      lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type PledgeSearchPage = { limit: number; cursor?: string };

export type PledgeSearchResult = {
  /** The ids of the page, in display order. */
  ids: string[];
  positions: number[];
  total: number;
  nextCursor: string | null;
  facets: FacetCounts;
};

/** Facet selections as bit masks over the facet's values (0 = no filter). */
function selectionMask(index: PledgeIndex, facet: Facet, selected: readonly string[] | undefined): number {
  if (!selected || selected.length === 0) return 0;
  return bitsOf(selected, lookup(index.values[facet]));
}

/**
 * Filters, counts facets and pages in one pass. Facet values must be known
 * (see `checkFilterValues`); unknown ones match nothing. `today` is an ISO date.
 *
 * @example
 * searchPledgeIndex(index, { flag: ['overdue'], region: ['002'] }, '2024-06-01', { limit: 20 });
 */
export function searchPledgeIndex(
  index: PledgeIndex,
  filter: PledgeIndexFilter,
  today: string,
  page: PledgeSearchPage,
): PledgeSearchResult {
  const todayDay = dayNumber(today);
  const start = page.cursor ? positionAfter(index, decodePledgeCursor(page.cursor)) : 0;
  const limit = page.limit;

  // Facet selections. Every facet here has at most 32 values, so one mask each.
  const sel = {
    compact: selectionMask(index, 'compact', filter.compact),
    objective: selectionMask(index, 'objective', filter.objective),
    category: selectionMask(index, 'category', filter.category),
    actorType: selectionMask(index, 'actorType', filter.actorType),
    region: selectionMask(index, 'region', filter.region),
    status: selectionMask(index, 'status', filter.status),
    forum: selectionMask(index, 'forum', filter.forum),
    type: selectionMask(index, 'type', filter.type),
    flag: selectionMask(index, 'flag', filter.flag),
  };
  // A value was asked for but none is known: nothing can match that facet.
  const impossible = FACETS.some((f) => (filter[f]?.length ?? 0) > 0 && sel[f] === 0);

  // Filters that are not facets narrow everything, counts included.
  // An empty list is no filter, as for facets.
  const actorSet = filter.actor?.length
    ? new Set(filter.actor.map((a) => index.actorIndex.get(a) ?? -2))
    : null;
  const placeSet = filter.place?.length
    ? new Set(filter.place.map((pl) => index.placeIndex.get(pl) ?? -2))
    : null;
  let textMask: Uint8Array | null = null;
  if (filter.textMatch) {
    textMask = new Uint8Array(index.size);
    for (const p of filter.textMatch) if (p >= 0 && p < index.size) textMask[p] = 1;
  }
  const synthetic = filter.synthetic === undefined ? -1 : filter.synthetic ? 1 : 0;

  const counts = {
    compact: new Int32Array(index.values.compact.length),
    objective: new Int32Array(index.values.objective.length),
    category: new Int32Array(index.values.category.length),
    actorType: new Int32Array(index.values.actorType.length),
    region: new Int32Array(index.values.region.length),
    status: new Int32Array(index.values.status.length),
    forum: new Int32Array(index.values.forum.length),
    type: new Int32Array(index.values.type.length),
    flag: new Int32Array(index.values.flag.length),
  };
  const addBits = (into: Int32Array, bits: number) => {
    for (let b = bits >>> 0; b !== 0; b &= b - 1) into[31 - Math.clz32(b & -b)]!++;
  };
  const addOne = (into: Int32Array, i: number) => {
    if (i >= 0) into[i]!++;
  };

  const positions: number[] = [];
  let total = 0;
  let more = false;
  // Bits of the facets, in FACETS order, for the "which facet failed" mask.
  const F_COMPACT = 1;
  const F_OBJECTIVE = 2;
  const F_CATEGORY = 4;
  const F_ACTOR_TYPE = 8;
  const F_REGION = 16;
  const F_STATUS = 32;
  const F_FORUM = 64;
  const F_TYPE = 128;
  const F_FLAG = 256;
  const single = (i: number) => (i >= 0 ? 1 << i : 0);

  // The arrays and selections as locals: this loop runs once per pledge.
  const {
    compacts: compactsOf,
    objectives: objectivesOf,
    categories: categoriesOf,
    regions: regionsOf,
    actorType: actorTypeOf,
    status: statusOf,
    forum: forumOf,
    type: typeOf,
    quality: qualityOf,
    targetDay: targetDayOf,
    staleFromDay: staleFromDayOf,
    synthetic: syntheticOf,
    actor: actorOf,
    placeStart,
    placeCodes,
  } = index;
  const { compact: sCompact, objective: sObjective, category: sCategory, actorType: sActorType } = sel;
  const { region: sRegion, status: sStatus, forum: sForum, type: sType, flag: sFlag } = sel;
  const OVERDUE = FLAG_BIT.overdue;
  const STALE = FLAG_BIT.stale;

  if (!impossible) {
    for (let p = 0, n = index.size; p < n; p++) {
      if (synthetic >= 0 && syntheticOf[p] !== synthetic) continue;
      if (textMask !== null && textMask[p] === 0) continue;
      if (actorSet !== null && !actorSet.has(actorOf[p]!)) continue;
      if (placeSet !== null) {
        let found = false;
        for (let k = placeStart[p]!, end = placeStart[p + 1]!; k < end; k++) {
          if (placeSet.has(placeCodes[k]!)) {
            found = true;
            break;
          }
        }
        if (!found) continue;
      }
      const compacts = compactsOf[p]!;
      const objectives = objectivesOf[p]!;
      const categories = categoriesOf[p]!;
      const regions = regionsOf[p]!;
      const actorTypeAt = actorTypeOf[p]!;
      const statusAt = statusOf[p]!;
      const forumAt = forumOf[p]!;
      const typeAt = typeOf[p]!;
      // The rules of flagBitsAt, inline.
      let flags = qualityOf[p]!;
      if (statusAt !== FULFILLED) {
        if (targetDayOf[p]! < todayDay) flags |= OVERDUE;
        if (staleFromDayOf[p]! <= todayDay) flags |= STALE;
      }
      let failed = 0;
      if (sCompact !== 0 && (compacts & sCompact) === 0) failed |= F_COMPACT;
      if (sObjective !== 0 && (objectives & sObjective) === 0) failed |= F_OBJECTIVE;
      if (sCategory !== 0 && (categories & sCategory) === 0) failed |= F_CATEGORY;
      if (sActorType !== 0 && (single(actorTypeAt) & sActorType) === 0) failed |= F_ACTOR_TYPE;
      if (sRegion !== 0 && (regions & sRegion) === 0) failed |= F_REGION;
      if (sStatus !== 0 && (single(statusAt) & sStatus) === 0) failed |= F_STATUS;
      if (sForum !== 0 && (single(forumAt) & sForum) === 0) failed |= F_FORUM;
      if (sType !== 0 && (single(typeAt) & sType) === 0) failed |= F_TYPE;
      if (sFlag !== 0 && (flags & sFlag) === 0) failed |= F_FLAG;
      if (failed === 0) {
        total++;
        if (p >= start) {
          if (positions.length < limit) positions.push(p);
          else more = true;
        }
      } else if ((failed & (failed - 1)) !== 0) {
        // Fails two facets or more: ticking one more box in either would not bring it in.
        continue;
      }
      if ((failed & ~F_COMPACT) === 0) addBits(counts.compact, compacts);
      if ((failed & ~F_OBJECTIVE) === 0) addBits(counts.objective, objectives);
      if ((failed & ~F_CATEGORY) === 0) addBits(counts.category, categories);
      if ((failed & ~F_ACTOR_TYPE) === 0) addOne(counts.actorType, actorTypeAt);
      if ((failed & ~F_REGION) === 0) addBits(counts.region, regions);
      if ((failed & ~F_STATUS) === 0) addOne(counts.status, statusAt);
      if ((failed & ~F_FORUM) === 0) addOne(counts.forum, forumAt);
      if ((failed & ~F_TYPE) === 0) addOne(counts.type, typeAt);
      if ((failed & ~F_FLAG) === 0) addBits(counts.flag, flags);
    }
  }

  const facets = Object.fromEntries(
    FACETS.map((f) => [f, index.values[f].map((value, i) => ({ value, count: counts[f][i]! }))]),
  ) as FacetCounts;
  const last = positions.at(-1);
  return {
    ids: positions.map((p) => index.ids[p]!),
    positions,
    total,
    nextCursor:
      more && last !== undefined
        ? encodePledgeCursor({ announcedOn: index.announcedOn[last]!, id: index.ids[last]! })
        : null,
    facets,
  };
}
