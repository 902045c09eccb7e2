import { describe, expect, it } from 'vitest';
import { changesByRegion, differingStates, type StanceChangeRow, supportSeries } from './support.ts';

// Three States: A and B in region R1, C in R2. Changes on the GCM, in date order.
const CHANGES: StanceChangeRow[] = [
  { date: '2018-12-19', iso3: 'A', compact: 'gcm', from: 'undeclared', to: 'supports' },
  { date: '2018-12-19', iso3: 'B', compact: 'gcm', from: 'undeclared', to: 'supports' },
  { date: '2018-12-19', iso3: 'C', compact: 'gcm', from: 'undeclared', to: 'opposes' },
  { date: '2019-01-08', iso3: 'B', compact: 'gcm', from: 'supports', to: 'opposes' },
  { date: '2023-01-05', iso3: 'B', compact: 'gcm', from: 'opposes', to: 'supports' },
];
const ALL = new Set(['A', 'B', 'C']);

describe('supportSeries', () => {
  it('without a start: one point per date of change, then the end', () => {
    expect(supportSeries(CHANGES, ALL, {}, '2024-01-01')).toEqual([
      { date: '2018-12-19', counts: { supports: 2, opposes: 1, abstains: 0, undeclared: 0 } },
      { date: '2019-01-08', counts: { supports: 1, opposes: 2, abstains: 0, undeclared: 0 } },
      { date: '2023-01-05', counts: { supports: 2, opposes: 1, abstains: 0, undeclared: 0 } },
      { date: '2024-01-01', counts: { supports: 2, opposes: 1, abstains: 0, undeclared: 0 } },
    ]);
  });

  it('with a start: the counts as of that day first (its changes included); nothing after the end', () => {
    expect(supportSeries(CHANGES, ALL, { from: '2019-01-08' }, '2020-12-31')).toEqual([
      { date: '2019-01-08', counts: { supports: 1, opposes: 2, abstains: 0, undeclared: 0 } },
      { date: '2020-12-31', counts: { supports: 1, opposes: 2, abstains: 0, undeclared: 0 } },
    ]);
  });

  it('counts only the States given', () => {
    const series = supportSeries(CHANGES, new Set(['C']), { from: '2018-01-01' }, '2019-12-31');
    expect(series.map((p) => [p.date, p.counts.opposes, p.counts.undeclared])).toEqual([
      ['2018-01-01', 0, 1],
      ['2018-12-19', 1, 0],
      ['2019-12-31', 1, 0],
    ]);
  });
});

describe('changesByRegion', () => {
  it('counts the changes in the window and the supporters around it', () => {
    const regionOf = new Map([
      ['A', 'R1'],
      ['B', 'R1'],
      ['C', 'R2'],
    ]);
    // Supporters on the GCM per region: before 2019-01-01 (R1: A, B), after 2023-12-31 (R1: A, B).
    const rows = changesByRegion(
      CHANGES,
      regionOf,
      ['R1', 'R2'],
      { from: '2019-01-01', to: '2023-12-31' },
      (compact, region) => (compact === 'gcm' && region === 'R1' ? 2 : 0),
      (compact, region) => (compact === 'gcm' && region === 'R1' ? 2 : 0),
    );
    expect(rows.find((r) => r.region === 'R1' && r.compact === 'gcm')).toEqual({
      region: 'R1',
      compact: 'gcm',
      states: 2,
      supportersBefore: 2,
      supportersAfter: 2,
      changes: 2,
      gained: 1,
      lost: 1,
      net: 0,
    });
    expect(rows.find((r) => r.region === 'R2' && r.compact === 'gcm')).toMatchObject({
      changes: 0,
      states: 1,
    });
    expect(rows).toHaveLength(4);
  });
});

describe('differingStates', () => {
  it('lists the States whose stances differ, in the order of the first list', () => {
    expect(
      differingStates(
        [
          { iso3: 'A', stance: 'supports', since: '2018-12-19' },
          { iso3: 'B', stance: 'opposes', since: '2018-12-19' },
          { iso3: 'C', stance: 'opposes', since: '2018-12-19' },
        ],
        [
          { iso3: 'A', stance: 'supports', since: '2018-12-17' },
          { iso3: 'B', stance: 'undeclared', since: null },
          { iso3: 'C', stance: 'supports', since: '2018-12-17' },
        ],
      ),
    ).toEqual([
      { iso3: 'B', gcm: 'opposes', gcmSince: '2018-12-19', gcr: 'undeclared', gcrSince: null },
      { iso3: 'C', gcm: 'opposes', gcmSince: '2018-12-19', gcr: 'supports', gcrSince: '2018-12-17' },
    ]);
  });
});
