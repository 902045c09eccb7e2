/**
 * Flags derived from a pledge and its progress updates. Pure: the caller
 * passes "today", so the rules can be tested on edge dates.
 *
 * Rules:
 * - overdue: the target date has passed (it is before today) and the latest
 *   self-reported status is not `fulfilled`. On the target date itself a
 *   pledge is not yet overdue.
 * - stale: not fulfilled, and nothing was reported for 12 months or more: the
 *   last update (or, with none, the announcement) is at least 12 calendar
 *   months before today. "12 months after 29 February" is 28 February of the
 *   next year (the end of the month, when the day does not exist).
 * - quality: whether the pledge says when (a target date), how much (a
 *   quantity or an amount), where (a place) and towards what (an objective).
 *
 * @example
 * pledgeFlags({ targetDate: '2023-12-31', latestStatus: 'in_progress', lastReportedOn: '2024-01-10',
 *   announcedOn: '2019-12-17', hasAmountOrQuantity: true, placeCount: 1, objectiveCount: 2 }, '2024-06-01');
 * // { overdue: true, stale: false, quality: { hasTargetDate: true, … } }
 */

export const PLEDGE_STATUSES = ['planning', 'in_progress', 'fulfilled'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export type PledgeFlagInput = {
  targetDate: string | null;
  /** The status of the most recent progress update, if any. */
  latestStatus: PledgeStatus | null;
  /** Date of the most recent progress update, if any. */
  lastReportedOn: string | null;
  announcedOn: string | null;
  hasAmountOrQuantity: boolean;
  placeCount: number;
  objectiveCount: number;
};

export type PledgeFlags = {
  overdue: boolean;
  stale: boolean;
  quality: { hasTargetDate: boolean; hasQuantityOrAmount: boolean; hasPlace: boolean; hasObjective: boolean };
};

export const STALE_AFTER_MONTHS = 12;

export function pledgeFlags(p: PledgeFlagInput, today: string): PledgeFlags {
  const fulfilled = p.latestStatus === 'fulfilled';
  const lastActivity = p.lastReportedOn ?? p.announcedOn;
  return {
    overdue: !fulfilled && p.targetDate !== null && p.targetDate < today,
    stale: !fulfilled && lastActivity !== null && addMonths(lastActivity, STALE_AFTER_MONTHS) <= today,
    quality: {
      hasTargetDate: p.targetDate !== null,
      hasQuantityOrAmount: p.hasAmountOrQuantity,
      hasPlace: p.placeCount > 0,
      hasObjective: p.objectiveCount > 0,
    },
  };
}

/** Adds calendar months to an ISO date, clamping to the end of a shorter month. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
