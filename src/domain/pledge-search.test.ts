import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { PLEDGE_STATUSES, type PledgeStatus, pledgeFlags } from './pledge-flags.ts';
import {
  buildPledgeIndex,
  checkFilterValues,
  decodePledgeCursor,
  encodePledgeCursor,
  FACETS,
  type Facet,
  flagsOf,
  type PledgeIndexFilter,
  type PledgeIndexRow,
  type PledgeVocabulary,
  searchPledgeIndex,
} from './pledge-search.ts';

const OBJECTIVES = ['gcm-1', 'gcm-2', 'gcm-3', 'gcr-1', 'gcr-2'];
const VOCABULARY: PledgeVocabulary = {
  compacts: ['gcm', 'gcr'],
  objectives: OBJECTIVES,
  categories: [
    { id: 'cat-1', objectives: ['gcm-1', 'gcm-3'] },
    { id: 'cat-2', objectives: ['gcm-2'] },
  ],
  actorTypes: ['state', 'civil_society', 'un_entity'],
  regions: ['002', '150'],
  regionOfPlace: new Map([
    ['KEN', '002'],
    ['ETH', '002'],
    ['DEU', '150'],
    ['002', '002'],
    ['014', '002'],
    ['150', '150'],
  ]),
  forums: ['grf-2019', 'imrf-2022', 'other'],
  types: ['financial', 'policy'],
};

const row = (r: Partial<PledgeIndexRow> & Pick<PledgeIndexRow, 'id'>, key: number): PledgeIndexRow => ({
  key,
  actorId: 'KEN',
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

const TODAY = '2024-06-01';

/** Eight pledges; the comments give what each stands for in the expectations below. */
const ROWS: PledgeIndexRow[] = [
  // Overdue (target passed, in progress) and stale (last report 2023-01-10 ≤ today − 12 months).
  row(
    {
      id: 'a',
      compacts: ['gcr'],
      objectives: ['gcr-1'],
      places: ['KEN'],
      forum: 'grf-2019',
      announcedOn: '2019-12-17',
      targetDate: '2021-12-31',
      lastReportedOn: '2023-01-10',
      latestStatus: 'in_progress',
      hasAmountOrQuantity: true,
    },
    1,
  ),
  // Target date is today: not yet overdue. Reported recently.
  row(
    {
      id: 'b',
      compacts: ['gcr'],
      objectives: ['gcr-2'],
      places: ['ETH', 'DEU'],
      actorId: 'ngo',
      actorType: 'civil_society',
      forum: 'grf-2019',
      type: 'financial',
      announcedOn: '2019-12-17',
      targetDate: TODAY,
      lastReportedOn: '2024-05-01',
      latestStatus: 'planning',
      hasAmountOrQuantity: true,
    },
    2,
  ),
  // Fulfilled: never overdue nor stale, even long past its target.
  row(
    {
      id: 'c',
      compacts: ['gcm', 'gcr'],
      objectives: ['gcm-1', 'gcr-1'],
      places: ['001'],
      actorId: 'un',
      actorType: 'un_entity',
      forum: 'imrf-2022',
      announcedOn: '2022-05-20',
      targetDate: '2022-12-31',
      lastReportedOn: '2022-12-01',
      latestStatus: 'fulfilled',
    },
    3,
  ),
  // Nothing but a compact: every quality flag; no activity date, so not stale.
  row({ id: 'd' }, 4),
  // Announced exactly 12 months before today, no update: stale from today.
  row(
    {
      id: 'e',
      objectives: ['gcm-2'],
      places: ['014'],
      announcedOn: '2023-06-01',
      targetDate: '2030-01-01',
      hasAmountOrQuantity: true,
    },
    5,
  ),
  // Announced 12 months and one day after today's date a year before: not stale yet.
  row(
    {
      id: 'f',
      objectives: ['gcm-3'],
      places: ['150'],
      announcedOn: '2023-06-02',
      targetDate: '2030-01-01',
      synthetic: true,
    },
    6,
  ),
  // Same announcement date as 'e': the id breaks the tie.
  row({ id: 'e2', objectives: ['gcm-1', 'gcm-2'], announcedOn: '2023-06-01', actorType: 'civil_society' }, 7),
  // An actor type outside the vocabulary is kept but counted in no actor-type value.
  row({ id: 'g', actorType: 'martian', announcedOn: '2020-01-01' }, 8),
];

const index = buildPledgeIndex(ROWS, VOCABULARY);
const all = (filter: PledgeIndexFilter = {}, today = TODAY) =>
  searchPledgeIndex(index, filter, today, { limit: 1000 });
const count = (facets: ReturnType<typeof all>['facets'], facet: Facet, value: string) =>
  facets[facet].find((f) => f.value === value)?.count;

describe('buildPledgeIndex and searchPledgeIndex', () => {
  it('orders by announcement date, newest first, undated last, then by id', () => {
    expect(all().ids).toEqual(['f', 'e', 'e2', 'c', 'g', 'a', 'b', 'd']);
  });

  it('ORs values within a facet and ANDs facets', () => {
    expect(all({ compact: ['gcr'] }).ids).toEqual(['c', 'a', 'b']);
    expect(all({ objective: ['gcr-1', 'gcm-3'] }).ids).toEqual(['f', 'c', 'a']);
    expect(all({ compact: ['gcr'], objective: ['gcr-1', 'gcm-3'] }).ids).toEqual(['c', 'a']);
    expect(all({ compact: ['gcr'], forum: ['grf-2019'], actorType: ['civil_society'] }).ids).toEqual(['b']);
  });

  it('derives categories from objectives and regions from places', () => {
    expect(all({ category: ['cat-1'] }).ids).toEqual(['f', 'e2', 'c']);
    expect(all({ category: ['cat-2'] }).ids).toEqual(['e', 'e2']);
    // KEN, ETH and the sub-region 014 lie in Africa; DEU and 150 in Europe; 001 is the world.
    expect(all({ region: ['002'] }).ids).toEqual(['e', 'a', 'b']);
    expect(all({ region: ['150'] }).ids).toEqual(['f', 'b']);
    expect(all({ region: ['global'] }).ids).toEqual(['c']);
  });

  it('reads "none" as no progress update yet', () => {
    expect(all({ status: ['none'] }).ids).toEqual(['f', 'e', 'e2', 'g', 'd']);
    expect(all({ status: ['fulfilled', 'planning'] }).ids).toEqual(['c', 'b']);
  });

  it('counts facets disjunctively: each with the other filters, not its own', () => {
    const { facets, total } = all({ compact: ['gcr'], forum: ['grf-2019'] });
    expect(total).toBe(2); // a, b
    // compact is counted with forum=grf-2019 only: a and b are GCR, no GCM pledge from that forum.
    expect(count(facets, 'compact', 'gcr')).toBe(2);
    expect(count(facets, 'compact', 'gcm')).toBe(0);
    // forum is counted with compact=gcr only: a, b (grf-2019) and c (imrf-2022).
    expect(count(facets, 'forum', 'grf-2019')).toBe(2);
    expect(count(facets, 'forum', 'imrf-2022')).toBe(1);
    expect(count(facets, 'forum', 'other')).toBe(0);
    // Other facets see both filters: a and b only.
    expect(count(facets, 'actorType', 'state')).toBe(1);
    expect(count(facets, 'actorType', 'civil_society')).toBe(1);
    expect(count(facets, 'region', '002')).toBe(2);
    expect(count(facets, 'region', '150')).toBe(1);
  });

  it('counts every value of every facet, zeros included, in vocabulary order', () => {
    const { facets } = all();
    expect(facets.status.map((f) => f.value)).toEqual([...PLEDGE_STATUSES, 'none']);
    expect(facets.region.map((f) => f.value)).toEqual(['002', '150', 'global']);
    expect(facets.objective.map((f) => f.value)).toEqual(OBJECTIVES);
    expect(count(facets, 'type', 'financial')).toBe(1);
    // 'g' has an unknown actor type: in the total, in no actor-type count.
    const actorTypes = facets.actorType.reduce((s, f) => s + f.count, 0);
    expect(actorTypes).toBe(ROWS.length - 1);
  });

  it('applies actor, place, synthetic and text filters to results and counts alike', () => {
    expect(all({ actor: ['KEN'] }).total).toBe(6);
    expect(all({ actor: [] }).total).toBe(ROWS.length);
    expect(all({ actor: ['ngo', 'un'] }).ids).toEqual(['c', 'b']);
    expect(all({ actor: ['nobody'] }).total).toBe(0);
    expect(all({ place: ['KEN', '001'] }).ids).toEqual(['c', 'a']);
    expect(all({ synthetic: true }).ids).toEqual(['f']);
    expect(all({ synthetic: false }).total).toBe(ROWS.length - 1);
    const positions = ['b', 'd'].map((id) => index.positionById.get(id)!);
    const text = all({ textMatch: positions, compact: ['gcm'] });
    expect(text.ids).toEqual(['d']);
    expect(count(text.facets, 'compact', 'gcr')).toBe(1);
  });
});

describe('flags on edge dates', () => {
  it('is not overdue on the target date, overdue the day after', () => {
    expect(flagsOf(index, 'b', TODAY)).not.toContain('overdue');
    expect(flagsOf(index, 'b', '2024-06-02')).toContain('overdue');
    expect(all({ flag: ['overdue'] }).ids).toEqual(['a']);
    expect(all({ flag: ['overdue'] }, '2024-06-02').ids).toEqual(['a', 'b']);
  });

  it('is stale exactly 12 months after the last activity, not a day before', () => {
    expect(flagsOf(index, 'e', TODAY)).toContain('stale');
    expect(flagsOf(index, 'f', TODAY)).not.toContain('stale');
    expect(flagsOf(index, 'f', '2024-06-02')).toContain('stale');
    expect(all({ flag: ['stale'] }).ids).toEqual(['e', 'e2', 'g', 'a']);
  });

  it('takes 12 months after 29 February as 28 February', () => {
    const leap = buildPledgeIndex(
      [row({ id: 'x', announcedOn: '2024-02-29', targetDate: '2030-01-01' }, 1)],
      VOCABULARY,
    );
    expect(flagsOf(leap, 'x', '2025-02-27')).not.toContain('stale');
    expect(flagsOf(leap, 'x', '2025-02-28')).toContain('stale');
  });

  it('never flags a fulfilled pledge as overdue or stale', () => {
    expect(flagsOf(index, 'c', '2030-01-01')).toEqual(['noQuantity']);
  });

  it('gives the quality flags of what a pledge leaves out', () => {
    expect(flagsOf(index, 'd', TODAY)).toEqual(['noTargetDate', 'noQuantity', 'noPlace', 'noObjective']);
    expect(all({ flag: ['noPlace'] }).ids).toEqual(['e2', 'g', 'd']);
  });
});

describe('cursor paging', () => {
  it('walks every item exactly once, for any page size and filter', () => {
    for (const filter of [{}, { compact: ['gcm'] }, { flag: ['stale', 'noPlace'] }] as PledgeIndexFilter[]) {
      const expected = all(filter).ids;
      for (const limit of [1, 2, 3, 7, 100]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = searchPledgeIndex(index, filter, TODAY, { limit, cursor });
          expect(page.total).toBe(expected.length);
          seen.push(...page.ids);
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor && pages < 100);
        expect(seen).toEqual(expected);
      }
    }
  });

  it('stays valid when pledges are added or removed', () => {
    const first = searchPledgeIndex(index, {}, TODAY, { limit: 3 });
    expect(first.ids).toEqual(['f', 'e', 'e2']);
    // 'e2' (the cursor's own item) is removed and a pledge sorting before it is added.
    const changed = buildPledgeIndex(
      [...ROWS.filter((r) => r.id !== 'e2'), row({ id: 'new', announcedOn: '2025-01-01' }, 99)],
      VOCABULARY,
    );
    const next = searchPledgeIndex(changed, {}, TODAY, { limit: 3, cursor: first.nextCursor! });
    expect(next.ids).toEqual(['c', 'g', 'a']);
  });

  it('answers no next cursor on the last page', () => {
    expect(searchPledgeIndex(index, {}, TODAY, { limit: ROWS.length }).nextCursor).toBeNull();
    expect(searchPledgeIndex(index, {}, TODAY, { limit: ROWS.length - 1 }).nextCursor).not.toBeNull();
  });

  it('refuses a cursor it did not write, naming the parameter', () => {
    for (const bad of ['nonsense', encodePledgeCursor({ announcedOn: 'yesterday', id: 'a' }), 'W10', '']) {
      const attempt = () => decodePledgeCursor(bad);
      expect(attempt).toThrow(ValidationError);
      try {
        attempt();
      } catch (e) {
        expect((e as ValidationError).details[0]?.location).toBe('cursor');
      }
    }
    expect(decodePledgeCursor(encodePledgeCursor({ announcedOn: null, id: 'd' }))).toEqual({
      announcedOn: null,
      id: 'd',
    });
  });
});

describe('checkFilterValues', () => {
  it('names the facet and the allowed values of an unknown value', () => {
    expect(() => checkFilterValues(index, { compact: ['gcm'], flag: ['overdue'] })).not.toThrow();
    try {
      checkFilterValues(index, { region: ['999'], forum: ['grf-2019'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const details = (e as ValidationError).details;
      expect(details).toEqual([
        { location: 'region', message: 'unknown value "999"; must be one of 002, 150, global' },
      ]);
    }
  });
});

// A naive search over the rows, written from the rules, to compare the index with.
type Values = Record<Facet, string[]>;
function valuesOf(r: PledgeIndexRow, today: string): Values {
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
  const regions = new Set(
    r.places
      .map((p) => (p === '001' ? 'global' : VOCABULARY.regionOfPlace.get(p)))
      .filter(Boolean) as string[],
  );
  return {
    compact: [...r.compacts],
    objective: [...r.objectives],
    category: VOCABULARY.categories
      .filter((c) => c.objectives.some((o) => r.objectives.includes(o)))
      .map((c) => c.id),
    actorType: [r.actorType],
    region: [...regions],
    status: [r.latestStatus ?? 'none'],
    forum: [r.forum],
    type: [r.type],
    flag: [
      flags.overdue ? 'overdue' : '',
      flags.stale ? 'stale' : '',
      flags.quality.hasTargetDate ? '' : 'noTargetDate',
      flags.quality.hasQuantityOrAmount ? '' : 'noQuantity',
      flags.quality.hasPlace ? '' : 'noPlace',
      flags.quality.hasObjective ? '' : 'noObjective',
    ].filter(Boolean),
  };
}

function naiveSearch(rows: PledgeIndexRow[], filter: PledgeIndexFilter, today: string) {
  const passes = (r: PledgeIndexRow, v: Values, except?: Facet) =>
    (!filter.actor?.length || filter.actor.includes(r.actorId)) &&
    (filter.synthetic === undefined || filter.synthetic === r.synthetic) &&
    FACETS.every((f) => f === except || !filter[f]?.length || filter[f]!.some((x) => v[f].includes(x)));
  const withValues = rows.map((r) => ({ r, v: valuesOf(r, today) }));
  const ids = withValues
    .filter(({ r, v }) => passes(r, v))
    .map(({ r }) => r)
    .sort((a, b) =>
      a.announcedOn === b.announcedOn
        ? a.id < b.id
          ? -1
          : 1
        : a.announcedOn === null
          ? 1
          : b.announcedOn === null
            ? -1
            : a.announcedOn > b.announcedOn
              ? -1
              : 1,
    )
    .map((r) => r.id);
  const facets = Object.fromEntries(
    FACETS.map((f) => {
      const counted = withValues.filter(({ r, v }) => passes(r, v, f));
      return [
        f,
        Object.fromEntries(
          index.values[f].map((value) => [value, counted.filter(({ v }) => v[f].includes(value)).length]),
        ),
      ];
    }),
  );
  return { ids, facets };
}

const isoDay = fc
  .integer({ min: 0, max: 4000 })
  .map((d) => new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);

const rowArb = fc.record({
  actorId: fc.constantFrom('KEN', 'ngo', 'un'),
  actorType: fc.constantFrom(...VOCABULARY.actorTypes),
  forum: fc.constantFrom(...VOCABULARY.forums),
  type: fc.constantFrom(...VOCABULARY.types),
  announcedOn: fc.option(isoDay),
  targetDate: fc.option(isoDay),
  lastReportedOn: fc.option(isoDay),
  latestStatus: fc.option(fc.constantFrom<PledgeStatus>(...PLEDGE_STATUSES)),
  hasAmountOrQuantity: fc.boolean(),
  synthetic: fc.boolean(),
  compacts: subset(['gcm', 'gcr']),
  objectives: subset(OBJECTIVES),
  places: subset(['KEN', 'ETH', 'DEU', '014', '150', '001', 'BRA']),
});

const filterArb = fc.record(
  {
    compact: subset(['gcm', 'gcr']),
    objective: subset(OBJECTIVES),
    category: subset(['cat-1', 'cat-2']),
    actorType: subset(VOCABULARY.actorTypes),
    region: subset(['002', '150', 'global']),
    status: subset([...PLEDGE_STATUSES, 'none']),
    forum: subset(VOCABULARY.forums),
    type: subset(VOCABULARY.types),
    flag: subset(['overdue', 'stale', 'noTargetDate', 'noQuantity', 'noPlace', 'noObjective']),
    actor: subset(['KEN', 'ngo', 'un']),
    synthetic: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('property: the index answers as a naive filter over the records', () => {
  it('gives the same items, order and disjunctive counts, and pages through them', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 40 }),
        filterArb,
        isoDay,
        fc.integer({ min: 1, max: 7 }),
        (raw, filter, today, limit) => {
          const rows = raw.map((r, i) => ({ ...r, id: `p${i}`, key: i }));
          const idx = buildPledgeIndex(rows, VOCABULARY);
          const expected = naiveSearch(rows, filter, today);
          const found = searchPledgeIndex(idx, filter, today, { limit: 10_000 });
          expect(found.ids).toEqual(expected.ids);
          expect(found.total).toBe(expected.ids.length);
          for (const f of FACETS) {
            expect(Object.fromEntries(found.facets[f].map((c) => [c.value, c.count])), f).toEqual(
              expected.facets[f],
            );
          }
          const paged: string[] = [];
          let cursor: string | undefined;
          do {
            const page = searchPledgeIndex(idx, filter, today, { limit, cursor });
            paged.push(...page.ids);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(paged).toEqual(expected.ids);
        },
      ),
      { numRuns: 300 },
    );
  });
});
