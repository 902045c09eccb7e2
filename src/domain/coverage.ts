/**
 * Coverage and gap analysis of the pledge registry, and the category lens.
 * Pure: no I/O, no clock ("today" is passed in).
 *
 * Two steps. `aggregateCoverage` counts the pledges of the explorer's index
 * (`pledge-search.ts`, built once per data version) into aggregate rows: per
 * objective × key of one dimension, per objective, per key, per category,
 * per region and in all. `analyseCoverage` turns aggregate rows into the
 * figures the pages and the API show: shares, orphans and objectives far
 * below their category's median. `categoryLens` follows each category's
 * pledges year by year.
 *
 * Definitions (also in docs/analysis.md):
 * - A pledge is counted once per cell it falls in. It falls in objective o
 *   when it lists o; in a key of `region` for each M49 region one of its
 *   places lies in (`global` for places at 001, `none` without a place: the
 *   explorer's rule); in its actor's type (`actorType`); in each compact it
 *   is made to (`compact`); for `category`, the key of cell (o, k) is the
 *   `wmr2020` category of o (`none` for objectives outside the scheme).
 * - fulfilled: the latest self-reported status is `fulfilled`; overdue and
 *   stale: the rules of `pledge-flags.ts` on `today` (as the explorer applies
 *   them). A share is count ÷ pledges of the same cell, rounded to three
 *   decimals; null when the cell is empty.
 * - Date range: `from`/`to` (inclusive) select pledges by announcement date.
 *   With a range, a pledge without an announcement date cannot be placed in
 *   it and is left out (counted in `undatedExcluded`); without one, every
 *   pledge counts (`undated` says how many have no date).
 * - Region filter: pledges with at least one place in that region (the
 *   explorer's `region` facet, `global` included).
 * - Orphans: objectives no pledge in the selection lists; M49 regions no
 *   pledge in the selection is placed in.
 * - Far below the category median: an objective of a `wmr2020` category
 *   whose pledge count is less than half (`FAR_BELOW_SHARE`) of the median
 *   count of the category's objectives (mean of the two middle values for an
 *   even number). A category whose median is 0 has no objective far below.
 *
 * @example
 * const agg = aggregateCoverage(index, categories, 'region', { from: '2019-01-01' }, '2024-06-01');
 * const result = analyseCoverage(agg);
 * result.orphans.objectives; // ['gcm-13', …]
 */
import { addMonths, PLEDGE_STATUSES, type PledgeStatus, STALE_AFTER_MONTHS } from './pledge-flags.ts';
import { dayNumber, flagBitsAt, PLEDGE_FLAG_VALUES, type PledgeIndex } from './pledge-search.ts';

export const COVERAGE_DIMENSIONS = ['region', 'actorType', 'category', 'compact'] as const;
export type CoverageDimension = (typeof COVERAGE_DIMENSIONS)[number];

/** The key of pledges that have no value of the dimension (no place; an objective outside the scheme). */
export const NO_KEY = 'none';
/** "Far below": fewer pledges than this share of the category median. */
export const FAR_BELOW_SHARE = 0.5;

export type AnalysisFilter = { from?: string; to?: string; region?: string };

export type Counts = { pledges: number; fulfilled: number; overdue: number; stale: number };
export type Shares = {
  fulfilledShare: number | null;
  overdueShare: number | null;
  staleShare: number | null;
};

/** A category of a classification scheme with its member objectives. */
export type CategoryMembers = { id: string; objectives: readonly string[] };

/** One aggregate row: the pledges of one objective (or `null`: any) under one key (or `null`: any). */
export type AggregateRow = Counts & { objective: string | null; key: string | null };

export type CoverageAggregate = {
  by: CoverageDimension;
  /** Objective ids in display order (gcm-1 … gcr-4). */
  objectives: string[];
  /** Each objective's category, or null outside the scheme. */
  categoryOf: (string | null)[];
  /** The keys of the dimension in display order, `none` last where the dimension has it. */
  keys: string[];
  /** Every cell (objective, key); for `category`, only each objective's own category. */
  cells: AggregateRow[];
  /** Pledges per objective, any key (each pledge once). */
  objectiveTotals: AggregateRow[];
  /** Pledges per key, any objective or none (for `category`: pledges with an objective in it). */
  keyTotals: AggregateRow[];
  /** Pledges with at least one objective in each category. */
  categoryTotals: AggregateRow[];
  /** Pledges per M49 region (and `global`, `none`), whatever `by` is. */
  regionTotals: AggregateRow[];
  categories: string[];
  /** The M49 regions (without `global` and `none`), for orphans. */
  regions: string[];
  total: Counts;
  /** Pledges of the selection that list at least one objective. */
  withObjective: number;
  /** Without a range: selected pledges that have no announcement date. */
  undated: number;
  /** With a range: pledges left out because they have no announcement date. */
  undatedExcluded: number;
};

const FULFILLED = PLEDGE_STATUSES.indexOf('fulfilled');
const OVERDUE_BIT = 1 << PLEDGE_FLAG_VALUES.indexOf('overdue');
const STALE_BIT = 1 << PLEDGE_FLAG_VALUES.indexOf('stale');
const GLOBAL = 'global';

/** Calls `fn` with the position of every set bit of `bits`, lowest first. */
function eachBit(bits: number, fn: (i: number) => void): void {
  for (let b = bits | 0; b !== 0; b &= b - 1) fn(lowBit(b));
}

/** The position of the lowest set bit. */
const lowBit = (b: number) => 31 - Math.clz32(b & -b);

/** Adds one pledge to row `i` of a table of counts (pledges, fulfilled, overdue, stale). */
function tally(data: Int32Array, i: number, fulfilled: number, overdue: number, stale: number): void {
  const at = i * 4;
  data[at]!++;
  data[at + 1]! += fulfilled;
  data[at + 2]! += overdue;
  data[at + 3]! += stale;
}

/** A table of counts: `size` rows of pledges, fulfilled, overdue, stale. */
class Tally {
  readonly data: Int32Array;
  constructor(size: number) {
    this.data = new Int32Array(size * 4);
  }
  counts(i: number): Counts {
    const at = i * 4;
    return {
      pledges: this.data[at]!,
      fulfilled: this.data[at + 1]!,
      overdue: this.data[at + 2]!,
      stale: this.data[at + 3]!,
    };
  }
}

/** Whether `announcedOn` passes the date range; `undefined` when the pledge has no date. */
function inRange(announcedOn: string | null, filter: AnalysisFilter): boolean | undefined {
  if (announcedOn === null) return undefined;
  if (filter.from !== undefined && announcedOn < filter.from) return false;
  if (filter.to !== undefined && announcedOn > filter.to) return false;
  return true;
}

/** Positions of the index selected by the filter, with the undated counts. */
export function selectPledges(
  index: PledgeIndex,
  filter: AnalysisFilter,
): { positions: number[]; undated: number; undatedExcluded: number } {
  const ranged = filter.from !== undefined || filter.to !== undefined;
  const regionAt = filter.region === undefined ? -1 : index.values.region.indexOf(filter.region);
  if (filter.region !== undefined && regionAt < 0) return { positions: [], undated: 0, undatedExcluded: 0 };
  const regionMask = regionAt < 0 ? 0 : (1 << regionAt) >>> 0;
  const positions: number[] = [];
  let undated = 0;
  let undatedExcluded = 0;
  for (let p = 0; p < index.size; p++) {
    if (regionMask !== 0 && (index.regions[p]! & regionMask) === 0) continue;
    const passes = inRange(index.announcedOn[p]!, filter);
    if (passes === undefined) {
      if (ranged) {
        undatedExcluded++;
        continue;
      }
      undated++;
    } else if (!passes) continue;
    positions.push(p);
  }
  return { positions, undated, undatedExcluded };
}

/**
 * Counts the selected pledges into aggregate rows. `categories` are the
 * scheme's categories in the order of `index.values.category`.
 */
export function aggregateCoverage(
  index: PledgeIndex,
  categories: readonly CategoryMembers[],
  by: CoverageDimension,
  filter: AnalysisFilter,
  today: string,
): CoverageAggregate {
  const todayDay = dayNumber(today);
  const objectives = [...index.values.objective];
  const categoryIds = categories.map((c) => c.id);
  const categoryIndexOf = new Map<string, number>();
  categories.forEach((c, ci) => {
    for (const o of c.objectives) if (!categoryIndexOf.has(o)) categoryIndexOf.set(o, ci);
  });
  const objectiveCategory = objectives.map((o) => categoryIndexOf.get(o) ?? -1);

  const regionValues = [...index.values.region]; // M49 regions, then 'global'
  const regionKeys = [...regionValues, NO_KEY];
  const keys =
    by === 'region'
      ? regionKeys
      : by === 'actorType'
        ? [...index.values.actorType]
        : by === 'compact'
          ? [...index.values.compact]
          : [...categoryIds, NO_KEY];
  const noKey = keys.indexOf(NO_KEY);
  const nKeys = keys.length;

  const cells = new Tally(objectives.length * nKeys);
  const objectiveTally = new Tally(objectives.length);
  const keyTally = new Tally(nKeys);
  const categoryTally = new Tally(categoryIds.length);
  const regionTally = new Tally(regionKeys.length);
  const totalTally = new Tally(1);
  let withObjective = 0;

  // Objective bits with no category, for the `none` key of `category`; each objective's own key there.
  let uncategorised = 0;
  objectiveCategory.forEach((ci, o) => {
    if (ci < 0) uncategorised |= 1 << o;
  });
  const categoryKeyOf = objectiveCategory.map((ci) => (ci < 0 ? noKey : ci));

  // One pass over the index; the selection of `selectPledges`, inline (this loop runs once per pledge).
  const { from, to } = filter;
  const ranged = from !== undefined || to !== undefined;
  const regionAt = filter.region === undefined ? -1 : regionValues.indexOf(filter.region);
  const regionMask = regionAt < 0 ? 0 : (1 << regionAt) >>> 0;
  const impossible = filter.region !== undefined && regionAt < 0;
  const byCode = by === 'region' ? 0 : by === 'actorType' ? 1 : by === 'compact' ? 2 : 3;
  const noRegion = regionKeys.length - 1;
  const keyList = new Int32Array(32);
  const { data: cellData } = cells;
  const { data: objectiveData } = objectiveTally;
  const { data: keyData } = keyTally;
  const { data: categoryData } = categoryTally;
  const { data: regionData } = regionTally;
  const { data: totalData } = totalTally;
  const {
    regions: regionsOf,
    objectives: objectivesOf,
    categories: categoriesOf,
    compacts: compactsOf,
    actorType: actorTypeOf,
    status: statusOf,
    announcedOn,
  } = index;
  let undated = 0;
  let undatedExcluded = 0;
  for (let p = 0, n = impossible ? 0 : index.size; p < n; p++) {
    const regions = regionsOf[p]!;
    if (regionMask !== 0 && (regions & regionMask) === 0) continue;
    const announced = announcedOn[p]!;
    if (announced === null) {
      if (ranged) {
        undatedExcluded++;
        continue;
      }
      undated++;
    } else if ((from !== undefined && announced < from) || (to !== undefined && announced > to)) continue;
    const flags = flagBitsAt(index, p, todayDay);
    const f = statusOf[p] === FULFILLED ? 1 : 0;
    const od = (flags & OVERDUE_BIT) !== 0 ? 1 : 0;
    const st = (flags & STALE_BIT) !== 0 ? 1 : 0;
    tally(totalData, 0, f, od, st);
    if (regions === 0) tally(regionData, noRegion, f, od, st);
    else for (let b = regions | 0; b !== 0; b &= b - 1) tally(regionData, lowBit(b), f, od, st);
    const objectiveBits = objectivesOf[p]!;
    const categoryBits = categoriesOf[p]!;
    for (let b = categoryBits | 0; b !== 0; b &= b - 1) tally(categoryData, lowBit(b), f, od, st);

    // The pledge's own keys (for `category`, the key of a cell is its objective's category).
    let nk = 0;
    if (byCode === 0) {
      if (regions === 0) keyList[nk++] = noKey;
      else for (let b = regions | 0; b !== 0; b &= b - 1) keyList[nk++] = lowBit(b);
    } else if (byCode === 1) {
      const t = actorTypeOf[p]!;
      if (t >= 0) keyList[nk++] = t;
    } else if (byCode === 2) {
      for (let b = compactsOf[p]! | 0; b !== 0; b &= b - 1) keyList[nk++] = lowBit(b);
    } else {
      for (let b = categoryBits | 0; b !== 0; b &= b - 1) keyList[nk++] = lowBit(b);
      if ((objectiveBits & uncategorised) !== 0) keyList[nk++] = noKey;
    }
    for (let i = 0; i < nk; i++) tally(keyData, keyList[i]!, f, od, st);

    if (objectiveBits === 0) continue;
    withObjective++;
    for (let b = objectiveBits | 0; b !== 0; b &= b - 1) {
      const o = lowBit(b);
      tally(objectiveData, o, f, od, st);
      const row = o * nKeys;
      if (byCode === 3) tally(cellData, row + categoryKeyOf[o]!, f, od, st);
      else for (let i = 0; i < nk; i++) tally(cellData, row + keyList[i]!, f, od, st);
    }
  }

  const cellRows: AggregateRow[] = [];
  objectives.forEach((objective, o) => {
    if (by === 'category') {
      const ci = objectiveCategory[o]!;
      const k = ci < 0 ? noKey : ci;
      cellRows.push({ objective, key: keys[k]!, ...cells.counts(o * nKeys + k) });
      return;
    }
    keys.forEach((key, k) => {
      cellRows.push({ objective, key, ...cells.counts(o * nKeys + k) });
    });
  });
  return {
    by,
    objectives,
    categoryOf: objectiveCategory.map((ci) => (ci < 0 ? null : categoryIds[ci]!)),
    keys,
    cells: cellRows,
    objectiveTotals: objectives.map((objective, o) => ({
      objective,
      key: null,
      ...objectiveTally.counts(o),
    })),
    keyTotals: keys.map((key, k) => ({ objective: null, key, ...keyTally.counts(k) })),
    categoryTotals: categoryIds.map((key, c) => ({ objective: null, key, ...categoryTally.counts(c) })),
    regionTotals: regionKeys.map((key, r) => ({ objective: null, key, ...regionTally.counts(r) })),
    categories: categoryIds,
    regions: regionValues.filter((r) => r !== GLOBAL),
    total: totalTally.counts(0),
    withObjective,
    undated,
    undatedExcluded,
  };
}

/**
 * The last day of activity that makes a pledge stale on `today`: the latest
 * `d` with `addMonths(d, STALE_AFTER_MONTHS) <= today`, so that a plain date
 * comparison (in SQL) applies the rule of pledge-flags.ts.
 *
 * @example
 * staleCutoff('2025-02-28'); // '2024-02-29': twelve months after 29 February is 28 February
 */
export function staleCutoff(today: string): string {
  const back = addMonths(today, -STALE_AFTER_MONTHS);
  // addMonths clamps to the end of a shorter month, so a day or two later may still qualify.
  let cutoff = back;
  for (let i = 1; i <= 3; i++) {
    const next = new Date(`${back}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + i);
    const iso = next.toISOString().slice(0, 10);
    if (addMonths(iso, STALE_AFTER_MONTHS) <= today) cutoff = iso;
  }
  return cutoff;
}

/** count ÷ of, rounded to three decimals; null when `of` is 0. */
export function share(count: number, of: number): number | null {
  return of === 0 ? null : Math.round((count / of) * 1000) / 1000;
}

export function sharesOf(c: Counts): Shares {
  return {
    fulfilledShare: share(c.fulfilled, c.pledges),
    overdueShare: share(c.overdue, c.pledges),
    staleShare: share(c.stale, c.pledges),
  };
}

/** The median of a list of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type CoverageCell = Counts & Shares & { objective: string; key: string };
export type ObjectiveCoverage = Counts &
  Shares & {
    objective: string;
    category: string | null;
    /** The median pledge count of the objective's category; null outside the scheme. */
    categoryMedian: number | null;
    /** pledges ÷ categoryMedian (three decimals); null without a median or when it is 0. */
    ratioToMedian: number | null;
    belowCategoryMedian: boolean;
    orphan: boolean;
  };
export type KeyCoverage = Counts & Shares & { key: string };
export type CategoryCoverage = Counts &
  Shares & {
    category: string;
    objectives: number;
    /** Median of the pledge counts of the category's objectives. */
    medianObjectivePledges: number | null;
  };

export type CoverageAnalysis = {
  by: CoverageDimension;
  keys: string[];
  cells: CoverageCell[];
  objectives: ObjectiveCoverage[];
  keyTotals: KeyCoverage[];
  categories: CategoryCoverage[];
  regions: KeyCoverage[];
  orphans: { objectives: string[]; regions: string[] };
  /** Objectives far below their category's median, lowest ratio first. */
  belowMedian: { objective: string; category: string; pledges: number; median: number; ratio: number }[];
  total: Counts & Shares;
  withObjective: number;
  undated: number;
  undatedExcluded: number;
};

/** Shares, orphans and objectives far below their category's median, from aggregate rows. */
export function analyseCoverage(agg: CoverageAggregate): CoverageAnalysis {
  const withShares = <T extends Counts>(c: T): T & Shares => ({ ...c, ...sharesOf(c) });
  const pledgesOf = new Map(agg.objectiveTotals.map((r) => [r.objective!, r.pledges]));
  const medianOf = new Map<string, number | null>();
  for (const category of agg.categories) {
    const counts = agg.objectives
      .filter((_, o) => agg.categoryOf[o] === category)
      .map((o) => pledgesOf.get(o) ?? 0);
    medianOf.set(category, median(counts));
  }
  const objectives: ObjectiveCoverage[] = agg.objectiveTotals.map((r, o) => {
    const category = agg.categoryOf[o] ?? null;
    const m = category === null ? null : (medianOf.get(category) ?? null);
    return {
      objective: r.objective!,
      ...withShares({ pledges: r.pledges, fulfilled: r.fulfilled, overdue: r.overdue, stale: r.stale }),
      category,
      categoryMedian: m,
      ratioToMedian: m ? share(r.pledges, m) : null,
      belowCategoryMedian: m !== null && m > 0 && r.pledges < FAR_BELOW_SHARE * m,
      orphan: r.pledges === 0,
    };
  });
  const belowMedian = objectives
    .filter((o) => o.belowCategoryMedian)
    .map((o) => ({
      objective: o.objective,
      category: o.category!,
      pledges: o.pledges,
      median: o.categoryMedian!,
      ratio: o.ratioToMedian!,
    }))
    .sort((a, b) => a.ratio - b.ratio);
  const keyCoverage = (r: AggregateRow): KeyCoverage => ({
    key: r.key!,
    ...withShares({ pledges: r.pledges, fulfilled: r.fulfilled, overdue: r.overdue, stale: r.stale }),
  });
  const regions = agg.regionTotals.map(keyCoverage);
  const regionPledges = new Map(regions.map((r) => [r.key, r.pledges]));
  return {
    by: agg.by,
    keys: agg.keys,
    cells: agg.cells.map((c) => ({
      objective: c.objective!,
      key: c.key!,
      ...withShares({ pledges: c.pledges, fulfilled: c.fulfilled, overdue: c.overdue, stale: c.stale }),
    })),
    objectives,
    keyTotals: agg.keyTotals.map(keyCoverage),
    categories: agg.categoryTotals.map((r) => ({
      category: r.key!,
      ...withShares({ pledges: r.pledges, fulfilled: r.fulfilled, overdue: r.overdue, stale: r.stale }),
      objectives: agg.categoryOf.filter((c) => c === r.key).length,
      medianObjectivePledges: medianOf.get(r.key!) ?? null,
    })),
    regions,
    orphans: {
      objectives: objectives.filter((o) => o.orphan).map((o) => o.objective),
      regions: agg.regions.filter((r) => (regionPledges.get(r) ?? 0) === 0),
    },
    belowMedian,
    total: withShares(agg.total),
    withObjective: agg.withObjective,
    undated: agg.undated,
    undatedExcluded: agg.undatedExcluded,
  };
}

// The category lens ------------------------------------------------------------

/** What one pledge reported in one calendar year: how many updates, and the status of the last. */
export type UpdateYear = { pledgeId: string; year: number; updates: number; lastStatus: PledgeStatus };

export type LensPoint = {
  category: string;
  year: number;
  /** Pledges announced in the year. */
  announced: number;
  /** Pledges announced by the end of the year. */
  cumulative: number;
  /** Progress updates reported in the year on those pledges. */
  updates: number;
  /** Pledges with at least one update reported in the year. */
  reporting: number;
  /** Pledges whose status at the end of the year (the last update on or before 31 December) is fulfilled. */
  fulfilled: number;
  reportingShare: number | null;
  fulfilledShare: number | null;
};

export type CategoryLens = {
  years: number[];
  points: LensPoint[];
  /** Selected pledges with an objective in a category but no announcement date: on no year. */
  undated: number;
};

/**
 * Year by year, for each category: pledges announced, cumulative, updates
 * reported, pledges reporting, and fulfilled at the year's end. Pledges are
 * selected as for coverage (range on the announcement date, region); the
 * years run from the first selected announcement (or `from`) to the year of
 * `today`. A pledge counts from the year of its announcement; its updates
 * count in the year they were reported (an update dated before the
 * announcement year, or after today's year, is on no year).
 */
export function categoryLens(
  index: PledgeIndex,
  categories: readonly CategoryMembers[],
  updateYears: readonly UpdateYear[],
  filter: AnalysisFilter,
  today: string,
): CategoryLens {
  const lastYear = Number(today.slice(0, 4));
  const { positions } = selectPledges(index, filter);
  const categoryBits = (1 << categories.length) - 1;
  const chosen = positions.filter((p) => (index.categories[p]! & categoryBits) !== 0);
  const dated = chosen.filter((p) => index.announcedOn[p] !== null);
  const undated = chosen.length - dated.length;
  let firstYear = filter.from ? Number(filter.from.slice(0, 4)) : lastYear;
  for (const p of dated) firstYear = Math.min(firstYear, Number(index.announcedOn[p]!.slice(0, 4)));
  firstYear = Math.min(firstYear, lastYear);
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const nYears = years.length;

  // Each selected pledge's reports by year, in year order.
  const selected = new Map<string, number>();
  for (const p of dated) selected.set(index.ids[p]!, p);
  const reportsOf = new Map<number, UpdateYear[]>();
  for (const u of updateYears) {
    const p = selected.get(u.pledgeId);
    if (p === undefined) continue;
    const list = reportsOf.get(p);
    if (list) list.push(u);
    else reportsOf.set(p, [u]);
  }

  const nCat = categories.length;
  const announced = new Int32Array(nCat * nYears);
  const updates = new Int32Array(nCat * nYears);
  const reporting = new Int32Array(nCat * nYears);
  const fulfilled = new Int32Array(nCat * nYears);
  for (const p of dated) {
    const start = Number(index.announcedOn[p]!.slice(0, 4)) - firstYear;
    if (start >= nYears) continue; // announced after today's year
    const reports = (reportsOf.get(p) ?? []).sort((a, b) => a.year - b.year);
    // Status at each year's end, and the year's reports.
    const fulfilledAt = new Uint8Array(nYears);
    const updatesAt = new Int32Array(nYears);
    let status: PledgeStatus | null = null;
    let r = 0;
    for (let y = 0; y < nYears; y++) {
      while (r < reports.length && reports[r]!.year <= years[y]!) {
        const rep = reports[r]!;
        status = rep.lastStatus;
        if (rep.year === years[y]) updatesAt[y]! += rep.updates;
        r++;
      }
      fulfilledAt[y] = status === 'fulfilled' ? 1 : 0;
    }
    eachBit(index.categories[p]! & categoryBits, (c) => {
      const row = c * nYears;
      announced[row + start]!++;
      for (let y = start; y < nYears; y++) {
        updates[row + y]! += updatesAt[y]!;
        if (updatesAt[y]! > 0) reporting[row + y]!++;
        if (fulfilledAt[y]) fulfilled[row + y]!++;
      }
    });
  }

  const points: LensPoint[] = [];
  categories.forEach((c, ci) => {
    let cumulative = 0;
    years.forEach((year, y) => {
      const at = ci * nYears + y;
      cumulative += announced[at]!;
      points.push({
        category: c.id,
        year,
        announced: announced[at]!,
        cumulative,
        updates: updates[at]!,
        reporting: reporting[at]!,
        fulfilled: fulfilled[at]!,
        reportingShare: share(reporting[at]!, cumulative),
        fulfilledShare: share(fulfilled[at]!, cumulative),
      });
    });
  });
  return { years, points, undated };
}
