/**
 * Support analysis from the changes of stance the positions service derives
 * (`listChanges`, by the rules of `src/domain/stance.ts`): supporters per
 * compact over time for a set of States, changes per region within a date
 * range, and the States whose stance differs between the two compacts. Pure:
 * the service passes the changes, States and positions in.
 *
 * @example
 * supportSeries(changes.filter((c) => c.compact === 'gcm'), new Set(['BRA', 'HUN']), {}, '2024-01-01');
 */
import type { Stance, StanceCounts } from '../../domain/stance.ts';
import type { CompactId } from '../../http/params.ts';

/** A change of stance as the positions service lists it (the fields used here). */
export type StanceChangeRow = { date: string; iso3: string; compact: CompactId; from: Stance; to: Stance };

export type SupportPoint = { date: string; counts: StanceCounts };

const emptyCounts = (): StanceCounts => ({ supports: 0, opposes: 0, abstains: 0, undeclared: 0 });

/**
 * Counts of each stance among `states` over time, from one compact's changes
 * (in date order). Without `from`: a point at each date on which a stance
 * changed, as `stanceSeries` of the positions service gives it. With `from`:
 * a first point on `from` holding the counts as of that day (changes on it
 * included), then the later dates. Always a last point on `to`; nothing after it.
 */
export function supportSeries(
  changes: readonly StanceChangeRow[],
  states: ReadonlySet<string>,
  window: { from?: string },
  to: string,
): SupportPoint[] {
  const current = new Map<string, Stance>([...states].map((s) => [s, 'undeclared']));
  const counts = emptyCounts();
  counts.undeclared = states.size;
  const points: SupportPoint[] = [];
  const apply = (c: StanceChangeRow) => {
    counts[current.get(c.iso3)!]--;
    counts[c.to]++;
    current.set(c.iso3, c.to);
  };
  const mine = changes.filter((c) => states.has(c.iso3) && c.date <= to);
  let i = 0;
  if (window.from !== undefined) {
    while (i < mine.length && mine[i]!.date <= window.from) apply(mine[i++]!);
    points.push({ date: window.from, counts: { ...counts } });
  }
  while (i < mine.length) {
    const date = mine[i]!.date;
    while (i < mine.length && mine[i]!.date === date) apply(mine[i++]!);
    points.push({ date, counts: { ...counts } });
  }
  if (points.at(-1)?.date !== to) points.push({ date: to, counts: { ...counts } });
  return points;
}

export type RegionChanges = {
  region: string;
  compact: CompactId;
  /** States in the region. */
  states: number;
  /** Supporters the day before `from` (0 without `from`: everyone is undeclared before the record starts). */
  supportersBefore: number;
  /** Supporters on `to`. */
  supportersAfter: number;
  /** Changes of stance on `from` … `to`. */
  changes: number;
  /** Changes that made a State a supporter. */
  gained: number;
  /** Changes that ended a State's support. */
  lost: number;
  /** supportersAfter − supportersBefore (= gained − lost). */
  net: number;
};

/**
 * Per region and compact: the changes of stance in the window and the
 * supporters before and after it. `supportersAt(compact, date)` gives the
 * supporters per region as of a date (the positions service).
 */
export function changesByRegion(
  changes: readonly StanceChangeRow[],
  regionOf: ReadonlyMap<string, string>,
  regions: readonly string[],
  window: { from?: string; to: string },
  supportersBefore: (compact: CompactId, region: string) => number,
  supportersAfter: (compact: CompactId, region: string) => number,
): RegionChanges[] {
  const out: RegionChanges[] = [];
  const stateCount = new Map<string, number>();
  for (const r of regionOf.values()) stateCount.set(r, (stateCount.get(r) ?? 0) + 1);
  for (const region of regions) {
    for (const compact of ['gcm', 'gcr'] as const) {
      const inWindow = changes.filter(
        (c) =>
          c.compact === compact &&
          regionOf.get(c.iso3) === region &&
          (window.from === undefined || c.date >= window.from) &&
          c.date <= window.to,
      );
      const before = supportersBefore(compact, region);
      const after = supportersAfter(compact, region);
      out.push({
        region,
        compact,
        states: stateCount.get(region) ?? 0,
        supportersBefore: before,
        supportersAfter: after,
        changes: inWindow.length,
        gained: inWindow.filter((c) => c.to === 'supports').length,
        lost: inWindow.filter((c) => c.from === 'supports').length,
        net: after - before,
      });
    }
  }
  return out;
}

export type PositionAt = { iso3: string; stance: Stance; since: string | null };
export type DifferingState = {
  iso3: string;
  gcm: Stance;
  gcmSince: string | null;
  gcr: Stance;
  gcrSince: string | null;
};

/** States whose stance on the GCM differs from their stance on the GCR, in the order of `gcm`. */
export function differingStates(gcm: readonly PositionAt[], gcr: readonly PositionAt[]): DifferingState[] {
  const onGcr = new Map(gcr.map((p) => [p.iso3, p]));
  return gcm.flatMap((p) => {
    const other = onGcr.get(p.iso3);
    if (!other || other.stance === p.stance) return [];
    return [{ iso3: p.iso3, gcm: p.stance, gcmSince: p.since, gcr: other.stance, gcrSince: other.since }];
  });
}
