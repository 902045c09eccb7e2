import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, type PledgeFlagInput, pledgeFlags } from './pledge-flags.ts';

const base: PledgeFlagInput = {
  targetDate: '2023-12-31',
  latestStatus: 'in_progress',
  lastReportedOn: '2023-06-15',
  announcedOn: '2019-12-17',
  hasAmountOrQuantity: true,
  placeCount: 1,
  objectiveCount: 2,
};

describe('overdue', () => {
  it('is not overdue on the target date, and is the day after', () => {
    expect(pledgeFlags(base, '2023-12-31').overdue).toBe(false);
    expect(pledgeFlags(base, '2024-01-01').overdue).toBe(true);
  });
  it('is never overdue once fulfilled, nor without a target date', () => {
    expect(pledgeFlags({ ...base, latestStatus: 'fulfilled' }, '2030-01-01').overdue).toBe(false);
    expect(pledgeFlags({ ...base, targetDate: null }, '2030-01-01').overdue).toBe(false);
  });
  it('counts a pledge with no update yet as not fulfilled', () => {
    expect(pledgeFlags({ ...base, latestStatus: null, lastReportedOn: null }, '2024-01-01').overdue).toBe(
      true,
    );
  });
});

describe('stale', () => {
  it('turns stale exactly 12 months after the last update', () => {
    expect(pledgeFlags(base, '2024-06-14').stale).toBe(false);
    expect(pledgeFlags(base, '2024-06-15').stale).toBe(true);
  });
  it('counts from the announcement when there is no update', () => {
    const p = { ...base, lastReportedOn: null, latestStatus: null };
    expect(pledgeFlags(p, '2020-12-16').stale).toBe(false);
    expect(pledgeFlags(p, '2020-12-17').stale).toBe(true);
  });
  it('handles 29 February: a year later is 28 February', () => {
    const p = { ...base, lastReportedOn: '2024-02-29' };
    expect(pledgeFlags(p, '2025-02-27').stale).toBe(false);
    expect(pledgeFlags(p, '2025-02-28').stale).toBe(true);
  });
  it('is never stale once fulfilled, and not without any date', () => {
    expect(pledgeFlags({ ...base, latestStatus: 'fulfilled' }, '2030-01-01').stale).toBe(false);
    expect(pledgeFlags({ ...base, lastReportedOn: null, announcedOn: null }, '2030-01-01').stale).toBe(false);
  });
});

describe('quality flags', () => {
  it('says what the pledge lacks', () => {
    const q = pledgeFlags(
      { ...base, targetDate: null, hasAmountOrQuantity: false, placeCount: 0, objectiveCount: 0 },
      '2020-01-01',
    ).quality;
    expect(q).toEqual({
      hasTargetDate: false,
      hasQuantityOrAmount: false,
      hasPlace: false,
      hasObjective: false,
    });
    expect(pledgeFlags(base, '2020-01-01').quality).toEqual({
      hasTargetDate: true,
      hasQuantityOrAmount: true,
      hasPlace: true,
      hasObjective: true,
    });
  });
});

describe('addMonths', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-12-15', 1, '2024-01-15'],
    ['2023-03-31', -1, '2023-02-28'],
  ])('%s + %i months = %s', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });

  it('moves forward by at least 28 days a month, and never overshoots the next month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 36 }),
        (t, n) => {
          const from = new Date(t - (t % 86_400_000)).toISOString().slice(0, 10);
          const to = addMonths(from, n);
          const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28 * n - 3);
          expect(days).toBeLessThanOrEqual(31 * n);
          expect(new Date(`${to}T00:00:00Z`).toISOString().slice(0, 10)).toBe(to);
        },
      ),
    );
  });
});
