import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnalysisFilter,
  aggregateCoverage,
  analyseCoverage,
  COVERAGE_DIMENSIONS,
  type Counts,
  type CoverageDimension,
  categoryLens,
  median,
  NO_KEY,
  share,
  staleCutoff,
  type UpdateYear,
} from './coverage.ts';
import { PLEDGE_STATUSES, type PledgeStatus, pledgeFlags } from './pledge-flags.ts';

/** The date `days` after `iso`. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

import { buildPledgeIndex, type PledgeIndexRow, type PledgeVocabulary } from './pledge-search.ts';

// A small world: seven objectives (two outside the scheme), three categories, three regions.
const CATEGORIES = [
  { id: 'c1', objectives: ['gcm-1', 'gcm-2'] },
  { id: 'c2', objectives: ['gcm-3'] },
  { id: 'c3', objectives: ['gcm-4', 'gcm-5'] },
];
const REGION_OF: Record<string, string> = {
  KEN: '002',
  ETH: '002',
  '002': '002',
  BRA: '019',
  '019': '019',
  DEU: '150',
  '150': '150',
};
const VOCABULARY: PledgeVocabulary = {
  compacts: ['gcm', 'gcr'],
  objectives: ['gcm-1', 'gcm-2', 'gcm-3', 'gcm-4', 'gcm-5', 'gcr-1', 'gcr-2'],
  categories: CATEGORIES,
  actorTypes: ['state', 'civil_society', 'private_sector'],
  regions: ['002', '019', '150'],
  regionOfPlace: new Map(Object.entries(REGION_OF)),
  forums: ['grf-2019', 'other'],
  types: ['policy', 'financial'],
};
const PLACES = ['KEN', 'ETH', 'BRA', 'DEU', '002', '150', '001'];
const TODAY = '2024-06-01';

const row = (r: Partial<PledgeIndexRow> & { id: string }, i = 0): PledgeIndexRow => ({
  key: i,
  actorId: 'A',
  actorType: 'state',
  forum: 'other',
  type: 'policy',
  announcedOn: null,
  targetDate: null,
  lastReportedOn: null,
  latestStatus: null,
  hasAmountOrQuantity: false,
  synthetic: false,
  compacts: ['gcm'],
  objectives: [],
  places: [],
  ...r,
});

/** The regions of a pledge, the explorer's way: each place's M49 region, 'global' for 001, 'none' without. */
function regionsOf(places: readonly string[]): string[] {
  if (places.length === 0) return [NO_KEY];
  return [...new Set(places.map((p) => (p === '001' ? 'global' : REGION_OF[p]!)))];
}

function keysOf(r: PledgeIndexRow, by: CoverageDimension, objective: string): string[] {
  switch (by) {
    case 'region':
      return regionsOf(r.places);
    case 'actorType':
      return [r.actorType];
    case 'compact':
      return [...r.compacts];
    case 'category':
      return [CATEGORIES.find((c) => c.objectives.includes(objective))?.id ?? NO_KEY];
  }
}

/** The figures worked out pledge by pledge with `pledgeFlags` itself, independently of the index. */
function naiveCells(rows: PledgeIndexRow[], by: CoverageDimension, filter: AnalysisFilter, today: string) {
  const cells = new Map<string, Counts>();
  const totals = new Map<string, Counts>();
  const add = (m: Map<string, Counts>, k: string, f: { f: number; o: number; s: number }) => {
    const c = m.get(k) ?? { pledges: 0, fulfilled: 0, overdue: 0, stale: 0 };
    c.pledges++;
    c.fulfilled += f.f;
    c.overdue += f.o;
    c.stale += f.s;
    m.set(k, c);
  };
  const ranged = filter.from !== undefined || filter.to !== undefined;
  for (const r of rows) {
    if (ranged) {
      if (r.announcedOn === null) continue;
      if (filter.from && r.announcedOn < filter.from) continue;
      if (filter.to && r.announcedOn > filter.to) continue;
    }
    if (filter.region && !regionsOf(r.places).includes(filter.region)) continue;
    const flags = pledgeFlags(
      {
        targetDate: r.targetDate,
        latestStatus: r.latestStatus,
        lastReportedOn: r.lastReportedOn,
        announcedOn: r.announcedOn,
        hasAmountOrQuantity: r.hasAmountOrQuantity,
        placeCount: r.places.length,
        objectiveCount: r.objectives.length,
      },
      today,
    );
    const f = { f: r.latestStatus === 'fulfilled' ? 1 : 0, o: flags.overdue ? 1 : 0, s: flags.stale ? 1 : 0 };
    for (const o of r.objectives) {
      add(totals, o, f);
      for (const k of keysOf(r, by, o)) add(cells, `${o} ${k}`, f);
    }
  }
  return { cells, totals };
}

const dateArb = fc
  .date({ min: new Date('2017-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);

const rowsArb = fc
  .array(
    fc.record({
      actorType: fc.constantFrom(...VOCABULARY.actorTypes),
      announcedOn: fc.option(dateArb, { nil: null }),
      targetDate: fc.option(dateArb, { nil: null }),
      lastReportedOn: fc.option(dateArb, { nil: null }),
      latestStatus: fc.option(fc.constantFrom(...PLEDGE_STATUSES), { nil: null }),
      compacts: subset(VOCABULARY.compacts).filter((c) => c.length > 0),
      objectives: subset(VOCABULARY.objectives),
      places: subset(PLACES),
    }),
    { maxLength: 40 },
  )
  .map((list) => list.map((r, i) => row({ id: `P-${i}`, ...r }, i)));

const filterArb: fc.Arbitrary<AnalysisFilter> = fc.record(
  {
    from: dateArb,
    to: dateArb,
    region: fc.constantFrom('002', '019', '150', 'global'),
  },
  { requiredKeys: [] },
);

describe('aggregateCoverage', () => {
  it('counts each cell as a pledge-by-pledge count with pledgeFlags would (property)', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom(...COVERAGE_DIMENSIONS),
        filterArb,
        dateArb,
        (rows, by, filter, today) => {
          const agg = aggregateCoverage(buildPledgeIndex(rows, VOCABULARY), CATEGORIES, by, filter, today);
          const expected = naiveCells(rows, by, filter, today);
          for (const c of agg.cells) {
            const want = expected.cells.get(`${c.objective} ${c.key}`) ?? {
              pledges: 0,
              fulfilled: 0,
              overdue: 0,
              stale: 0,
            };
            expect({
              pledges: c.pledges,
              fulfilled: c.fulfilled,
              overdue: c.overdue,
              stale: c.stale,
            }).toEqual(want);
          }
          // No count is lost: every non-empty expected cell is among the rows.
          const listed = new Set(agg.cells.map((c) => `${c.objective} ${c.key}`));
          for (const k of expected.cells.keys()) expect(listed.has(k), k).toBe(true);
          for (const t of agg.objectiveTotals) {
            expect(t.pledges).toBe(expected.totals.get(t.objective!)?.pledges ?? 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the counts consistent: totals bound cells, single-valued dimensions add up (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(...COVERAGE_DIMENSIONS), filterArb, (rows, by, filter) => {
        const agg = aggregateCoverage(buildPledgeIndex(rows, VOCABULARY), CATEGORIES, by, filter, TODAY);
        for (const [o, objective] of agg.objectives.entries()) {
          const cells = agg.cells.filter((c) => c.objective === objective);
          const total = agg.objectiveTotals[o]!;
          const sum = cells.reduce((s, c) => s + c.pledges, 0);
          // A pledge has one actor type, and an objective one category: the cells partition the objective.
          if (by === 'actorType' || by === 'category') expect(sum).toBe(total.pledges);
          // Several regions or compacts per pledge: a pledge may be in several cells, but in at least one.
          else expect(sum).toBeGreaterThanOrEqual(total.pledges);
          for (const c of cells) expect(c.pledges).toBeLessThanOrEqual(total.pledges);
        }
        for (const r of [...agg.cells, ...agg.objectiveTotals, ...agg.keyTotals, ...agg.categoryTotals]) {
          expect(r.fulfilled + r.overdue).toBeLessThanOrEqual(r.pledges);
          expect(r.fulfilled + r.stale).toBeLessThanOrEqual(r.pledges);
          expect(r.pledges).toBeLessThanOrEqual(agg.total.pledges);
        }
        expect(agg.withObjective).toBeLessThanOrEqual(agg.total.pledges);
      }),
      { numRuns: 200 },
    );
  });

  it('splits a date range without losing a pledge: before + after + undated = all (property)', () => {
    fc.assert(
      fc.property(rowsArb, dateArb, (rows, day) => {
        const index = buildPledgeIndex(rows, VOCABULARY);
        const all = aggregateCoverage(index, CATEGORIES, 'region', {}, TODAY);
        const before = aggregateCoverage(index, CATEGORIES, 'region', { to: day }, TODAY);
        const after = aggregateCoverage(index, CATEGORIES, 'region', { from: addDays(day, 1) }, TODAY);
        expect(before.total.pledges + after.total.pledges + all.undated).toBe(all.total.pledges);
        expect(before.undatedExcluded).toBe(all.undated);
        expect(all.undatedExcluded).toBe(0);
      }),
    );
  });

  it('the region filter selects exactly the pledges counted under that region (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom('002', '019', '150', 'global'), (rows, region) => {
        const index = buildPledgeIndex(rows, VOCABULARY);
        const all = aggregateCoverage(index, CATEGORIES, 'region', {}, TODAY);
        const only = aggregateCoverage(index, CATEGORIES, 'actorType', { region }, TODAY);
        const underRegion = all.keyTotals.find((k) => k.key === region)!;
        expect(only.total).toEqual({
          pledges: underRegion.pledges,
          fulfilled: underRegion.fulfilled,
          overdue: underRegion.overdue,
          stale: underRegion.stale,
        });
      }),
    );
  });

  it('counts a hand-made example', () => {
    const rows = [
      // Fulfilled, in Africa and Europe, to gcm-1 and gcm-3.
      row({
        id: 'A',
        objectives: ['gcm-1', 'gcm-3'],
        places: ['KEN', 'DEU'],
        latestStatus: 'fulfilled',
        announcedOn: '2019-12-17',
        targetDate: '2020-01-01',
      }),
      // Overdue (target passed) and stale (nothing since 2019), in Africa twice over, to gcm-1.
      row({
        id: 'B',
        actorType: 'civil_society',
        objectives: ['gcm-1'],
        places: ['KEN', '002'],
        announcedOn: '2019-12-17',
        targetDate: '2021-12-31',
      }),
      // No place, both compacts, to gcr-1; undated.
      row({ id: 'C', compacts: ['gcm', 'gcr'], objectives: ['gcr-1'] }),
      // No objective, global.
      row({ id: 'D', places: ['001'], announcedOn: '2024-01-01' }),
    ];
    const index = buildPledgeIndex(rows, VOCABULARY);
    const agg = aggregateCoverage(index, CATEGORIES, 'region', {}, TODAY);
    const cell = (o: string, k: string) => agg.cells.find((c) => c.objective === o && c.key === k);
    expect(agg.keys).toEqual(['002', '019', '150', 'global', 'none']);
    expect(cell('gcm-1', '002')).toMatchObject({ pledges: 2, fulfilled: 1, overdue: 1, stale: 1 });
    expect(cell('gcm-1', '150')).toMatchObject({ pledges: 1, fulfilled: 1, overdue: 0 });
    expect(cell('gcr-1', 'none')).toMatchObject({ pledges: 1 });
    expect(agg.total).toEqual({ pledges: 4, fulfilled: 1, overdue: 1, stale: 1 });
    expect(agg.withObjective).toBe(3);
    expect(agg.undated).toBe(1);
    expect(agg.regionTotals.map((r) => [r.key, r.pledges])).toEqual([
      ['002', 2],
      ['019', 0],
      ['150', 1],
      ['global', 1],
      ['none', 1],
    ]);
    const byCompact = aggregateCoverage(index, CATEGORIES, 'compact', {}, TODAY);
    expect(byCompact.keyTotals.map((k) => [k.key, k.pledges])).toEqual([
      ['gcm', 4],
      ['gcr', 1],
    ]);
    const byCategory = aggregateCoverage(index, CATEGORIES, 'category', {}, TODAY);
    // One cell per objective, under its own category; objectives outside the scheme under `none`.
    expect(byCategory.cells.map((c) => `${c.objective}:${c.key}:${c.pledges}`)).toEqual([
      'gcm-1:c1:2',
      'gcm-2:c1:0',
      'gcm-3:c2:1',
      'gcm-4:c3:0',
      'gcm-5:c3:0',
      'gcr-1:none:1',
      'gcr-2:none:0',
    ]);
    // Pledge A lists gcm-1 and gcm-3: once in c1, once in c2.
    expect(byCategory.categoryTotals.map((c) => c.pledges)).toEqual([2, 1, 0]);
    const ranged = aggregateCoverage(
      index,
      CATEGORIES,
      'region',
      { from: '2019-01-01', to: '2023-12-31' },
      TODAY,
    );
    expect(ranged.total.pledges).toBe(2);
    expect(ranged.undatedExcluded).toBe(1);
  });
});

describe('staleCutoff', () => {
  it('a date on or before the cutoff is stale by the rule of pledge-flags.ts, a later one is not (property)', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (activity, today) => {
        const stale = pledgeFlags(
          {
            targetDate: null,
            latestStatus: null,
            lastReportedOn: activity,
            announcedOn: null,
            hasAmountOrQuantity: false,
            placeCount: 0,
            objectiveCount: 0,
          },
          today,
        ).stale;
        expect(activity <= staleCutoff(today)).toBe(stale);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the end of February', () => {
    expect(staleCutoff('2025-02-28')).toBe('2024-02-29');
    expect(staleCutoff('2024-02-29')).toBe('2023-02-28');
    expect(staleCutoff('2024-06-01')).toBe('2023-06-01');
  });
});

describe('share and median', () => {
  it('rounds shares to three decimals and has none for an empty cell', () => {
    expect(share(1, 3)).toBe(0.333);
    expect(share(2, 3)).toBe(0.667);
    expect(share(0, 5)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });

  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('a median lies between the smallest and the largest value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1 }), (xs) => {
        const m = median(xs)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
  });
});

describe('analyseCoverage', () => {
  /** An index where objective `o` has `counts[o]` pledges, nothing else. */
  function withCounts(counts: Record<string, number>) {
    const rows: PledgeIndexRow[] = [];
    for (const [objective, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++)
        rows.push(row({ id: `${objective}-${i}`, objectives: [objective] }, rows.length));
    }
    return analyseCoverage(
      aggregateCoverage(buildPledgeIndex(rows, VOCABULARY), CATEGORIES, 'region', {}, TODAY),
    );
  }

  it('finds orphans and objectives far below their category median', () => {
    // c1: gcm-1 = 10, gcm-2 = 4 → median 7, 4 ≥ 3.5: not far below.
    // c2: gcm-3 alone → its own median.
    // c3: gcm-4 = 9, gcm-5 = 2 → median 5.5, 2 < 2.75: far below (ratio 0.364).
    const a = withCounts({ 'gcm-1': 10, 'gcm-2': 4, 'gcm-3': 1, 'gcm-4': 9, 'gcm-5': 2 });
    expect(a.belowMedian).toEqual([
      { objective: 'gcm-5', category: 'c3', pledges: 2, median: 5.5, ratio: 0.364 },
    ]);
    expect(a.orphans.objectives).toEqual(['gcr-1', 'gcr-2']);
    // Every pledge here has no place: every region is an orphan.
    expect(a.orphans.regions).toEqual(['002', '019', '150']);
    expect(a.categories.map((c) => [c.category, c.objectives, c.pledges, c.medianObjectivePledges])).toEqual([
      ['c1', 2, 14, 7],
      ['c2', 1, 1, 1],
      ['c3', 2, 11, 5.5],
    ]);
    const gcr = a.objectives.find((o) => o.objective === 'gcr-1')!;
    expect(gcr).toMatchObject({
      category: null,
      categoryMedian: null,
      belowCategoryMedian: false,
      orphan: true,
    });
  });

  it('at exactly half the median an objective is not far below; a median of 0 flags nothing', () => {
    // c1: 8 and 4 → median 6, half 3; c3: both 0.
    const a = withCounts({ 'gcm-1': 2, 'gcm-2': 10 });
    expect(a.belowMedian.map((b) => b.objective)).toEqual(['gcm-1']); // 2 < 3
    const b = withCounts({ 'gcm-1': 3, 'gcm-2': 9 }); // median 6, 3 is not < 3
    expect(b.belowMedian).toEqual([]);
    expect(b.objectives.find((o) => o.objective === 'gcm-4')).toMatchObject({
      categoryMedian: 0,
      ratioToMedian: null,
      belowCategoryMedian: false,
      orphan: true,
    });
  });

  it('flags exactly the categorised objectives under half their category median (property)', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(VOCABULARY.objectives.map((o) => [o, fc.nat(12)])) as Record<
            string,
            fc.Arbitrary<number>
          >,
        ),
        (counts) => {
          const a = withCounts(counts);
          for (const c of CATEGORIES) {
            const m = median(c.objectives.map((o) => counts[o]!))!;
            for (const o of c.objectives) {
              const listed = a.belowMedian.some((b) => b.objective === o);
              expect(listed, `${o} in ${c.id}`).toBe(m > 0 && counts[o]! < m / 2);
            }
          }
          expect(a.orphans.objectives).toEqual(VOCABULARY.objectives.filter((o) => counts[o] === 0));
          const ratios = a.belowMedian.map((b) => b.ratio);
          expect(ratios).toEqual([...ratios].sort((x, y) => x - y));
          for (const o of a.objectives) {
            for (const s of [o.fulfilledShare, o.overdueShare, o.staleShare]) {
              if (o.pledges === 0) expect(s).toBeNull();
              else expect(s).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
    );
  });
});

describe('categoryLens', () => {
  const update = (pledgeId: string, year: number, updates: number, lastStatus: PledgeStatus): UpdateYear => ({
    pledgeId,
    year,
    updates,
    lastStatus,
  });

  it('follows each category year by year', () => {
    const rows = [
      row({ id: 'A', objectives: ['gcm-1', 'gcm-3'], announcedOn: '2019-12-17', latestStatus: 'fulfilled' }),
      row({ id: 'B', objectives: ['gcm-2'], announcedOn: '2021-05-20', latestStatus: 'in_progress' }),
      row({ id: 'C', objectives: ['gcr-1'], announcedOn: '2020-01-01' }), // outside the scheme
      row({ id: 'D', objectives: ['gcm-4'] }), // undated
    ];
    const index = buildPledgeIndex(rows, VOCABULARY);
    const updates = [
      update('A', 2020, 2, 'in_progress'),
      update('A', 2022, 1, 'fulfilled'),
      update('B', 2021, 1, 'planning'),
      update('B', 2023, 3, 'in_progress'),
      update('C', 2020, 5, 'fulfilled'),
    ];
    const lens = categoryLens(index, CATEGORIES, updates, {}, '2023-06-01');
    expect(lens.years).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(lens.undated).toBe(1);
    const c1 = lens.points.filter((p) => p.category === 'c1');
    expect(c1.map((p) => [p.year, p.announced, p.cumulative, p.updates, p.reporting, p.fulfilled])).toEqual([
      [2019, 1, 1, 0, 0, 0],
      [2020, 0, 1, 2, 1, 0],
      [2021, 1, 2, 1, 1, 0],
      [2022, 0, 2, 1, 1, 1],
      [2023, 0, 2, 3, 1, 1],
    ]);
    expect(c1.at(-1)).toMatchObject({ fulfilledShare: 0.5, reportingShare: 0.5 });
    const c2 = lens.points.filter((p) => p.category === 'c2');
    expect(c2.map((p) => p.fulfilled)).toEqual([0, 0, 0, 1, 1]);
    expect(lens.points.filter((p) => p.category === 'c3').every((p) => p.cumulative === 0)).toBe(true);
    // A range from 2021 keeps B only, and starts the years at 2021.
    const later = categoryLens(index, CATEGORIES, updates, { from: '2021-01-01' }, '2023-06-01');
    expect(later.years).toEqual([2021, 2022, 2023]);
    expect(later.points.filter((p) => p.category === 'c1').map((p) => p.cumulative)).toEqual([1, 1, 1]);
    expect(later.undated).toBe(0);
  });

  it('ends, in today’s year, at the latest reported status of every dated pledge (property)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        // Updates consistent with the rows: one year of reports ending in each pledge's latest status.
        const updates: UpdateYear[] = rows
          .filter((r) => r.latestStatus !== null && r.announcedOn !== null)
          .map((r) => ({
            pledgeId: r.id,
            year: Number(r.announcedOn!.slice(0, 4)),
            updates: 1,
            lastStatus: r.latestStatus!,
          }));
        const index = buildPledgeIndex(rows, VOCABULARY);
        const today = '2027-12-31';
        const lens = categoryLens(index, CATEGORIES, updates, {}, today);
        for (const c of CATEGORIES) {
          const mine = rows.filter(
            (r) => r.announcedOn !== null && r.objectives.some((o) => c.objectives.includes(o)),
          );
          const last = lens.points.filter((p) => p.category === c.id).at(-1);
          if (!last) continue;
          expect(last.cumulative, c.id).toBe(mine.length);
          expect(last.fulfilled, c.id).toBe(mine.filter((r) => r.latestStatus === 'fulfilled').length);
          const perYear = lens.points.filter((p) => p.category === c.id);
          expect(perYear.reduce((s, p) => s + p.announced, 0)).toBe(last.cumulative);
          for (const p of perYear) {
            expect(p.reporting).toBeLessThanOrEqual(p.cumulative);
            expect(p.fulfilled).toBeLessThanOrEqual(p.cumulative);
          }
        }
      }),
    );
  });
});
