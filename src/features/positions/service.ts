/**
 * Positions derived from events: the stance of every State on a date, the
 * changes over time, one State's timelines, and supporters over time. The
 * rules live in `src/domain/stance.ts`; this module feeds them data.
 *
 * @example
 * const { items, counts } = await positionsAsOf(db, { compact: 'gcm', asOf: '2020-01-01' });
 * counts.supports; // States supporting the GCM on 1 January 2020
 */
import type { Kysely } from 'kysely';
import { memoByDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import { type Stance, type StanceCounts, stanceAsOf, stanceChanges } from '../../domain/stance.ts';
import type { CompactId } from '../../http/params.ts';
import { listStates } from '../states/repository.ts';
import type { StateView } from '../states/schemas.ts';
import { type EventFilter, loadPositionEvents } from './repository.ts';
import type { ChangeView, PositionEventView, PositionView } from './schemas.ts';

type Grouped = Map<string, PositionEventView[]>;

/** All current events and all States, loaded once per data version: every positions view derives from them. */
const allCurrentEvents = memoByDataVersion((db) => loadPositionEvents(db));
const allStates = memoByDataVersion((db) => listStates(db));

/** Events matching a filter: from the memo for the current record, from the database for a past one. */
async function eventsFor(db: Kysely<Database>, filter: EventFilter): Promise<PositionEventView[]> {
  if (filter.knownAt) return loadPositionEvents(db, filter);
  const all = await allCurrentEvents(db);
  return all.filter(
    (e) => (!filter.compact || e.compact === filter.compact) && (!filter.state || e.state === filter.state),
  );
}

function groupByStateAndCompact(events: PositionEventView[]): Grouped {
  const out: Grouped = new Map();
  for (const e of events) {
    const key = `${e.state} ${e.compact}`;
    const list = out.get(key) ?? [];
    list.push(e);
    out.set(key, list);
  }
  return out;
}

const emptyCounts = (): StanceCounts => ({ supports: 0, opposes: 0, abstains: 0, undeclared: 0 });

export type PositionsQuery = {
  compact: CompactId;
  asOf: string;
  region?: string;
  stance?: Stance;
  knownAt?: string;
};

/** One item per State (all 195, or those of a region), with counts over the same set. */
export async function positionsAsOf(
  db: Kysely<Database>,
  q: PositionsQuery,
): Promise<{ items: (PositionView & { sort_key: number })[]; counts: StanceCounts }> {
  const [everyState, events] = await Promise.all([
    allStates(db),
    eventsFor(db, { compact: q.compact, knownAt: q.knownAt }),
  ]);
  const states = q.region ? everyState.filter((s) => s.region.code === q.region) : everyState;
  const grouped = groupByStateAndCompact(events);
  const counts = emptyCounts();
  const items = states.map((s) => {
    const list = grouped.get(`${s.iso3} ${q.compact}`) ?? [];
    const at = stanceAsOf(list, q.asOf);
    counts[at.stance]++;
    const setter = at.eventId ? list.find((e) => e.id === at.eventId) : undefined;
    const conflict = list.find((e) => e.conflict && e.date <= q.asOf)?.conflict ?? null;
    return {
      sort_key: s.sort_key,
      iso3: s.iso3,
      name: s.name,
      compact: q.compact,
      region: s.region.name,
      stance: at.stance,
      since: at.since,
      sincePrecision: setter?.datePrecision ?? null,
      eventId: at.eventId,
      conflict,
    };
  });
  return { items: q.stance ? items.filter((i) => i.stance === q.stance) : items, counts };
}

export type ChangesQuery = {
  compact?: CompactId;
  from?: string;
  to?: string;
  state?: string;
  knownAt?: string;
};

/** Every change of stance, oldest first, with the event that made it. */
export async function listChanges(
  db: Kysely<Database>,
  q: ChangesQuery,
): Promise<(ChangeView & { sort_key: number })[]> {
  const filter: EventFilter = { compact: q.compact, state: q.state, knownAt: q.knownAt };
  const [states, events] = await Promise.all([allStates(db), eventsFor(db, filter)]);
  const names = new Map(states.map((s) => [s.iso3, s.name]));
  const byId = new Map(events.map((e) => [e.id, e]));
  const changes: ChangeView[] = [];
  for (const list of groupByStateAndCompact(events).values()) {
    for (const c of stanceChanges(list)) {
      if ((q.from && c.date < q.from) || (q.to && c.date > q.to)) continue;
      const event = byId.get(c.eventId)!;
      changes.push({
        date: c.date,
        datePrecision: event.datePrecision,
        iso3: event.state,
        name: names.get(event.state) ?? event.state,
        compact: event.compact,
        from: c.from,
        to: c.to,
        event,
      });
    }
  }
  changes.sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.name.localeCompare(b.name) || a.compact.localeCompare(b.compact),
  );
  return changes.map((c, i) => ({ ...c, sort_key: i }));
}

export type CompactTimeline = {
  compact: CompactId;
  current: {
    stance: Stance;
    since: string | null;
    sincePrecision: PositionEventView['datePrecision'] | null;
    eventId: string | null;
  };
  events: PositionEventView[];
  changes: { date: string; from: Stance; to: Stance; eventId: string }[];
};

/** One State's timeline on each compact: every event (votes included) and the changes they made. */
export async function stateTimelines(
  db: Kysely<Database>,
  state: StateView,
  asOf: string,
): Promise<CompactTimeline[]> {
  const events = await eventsFor(db, { state: state.iso3 });
  return (['gcm', 'gcr'] as const).map((compact) => {
    const list = events
      .filter((e) => e.compact === compact)
      .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id.localeCompare(b.id)));
    const at = stanceAsOf(list, asOf);
    return {
      compact,
      current: {
        stance: at.stance,
        since: at.since,
        sincePrecision: list.find((e) => e.id === at.eventId)?.datePrecision ?? null,
        eventId: at.eventId,
      },
      events: list,
      changes: stanceChanges(list),
    };
  });
}

export type SeriesPoint = { date: string; counts: StanceCounts };

/**
 * Counts of each stance over time: one point at every date on which some
 * State's stance changed, plus the end date. Between points the counts hold
 * (a step function).
 */
export async function stanceSeries(
  db: Kysely<Database>,
  compact: CompactId,
  until: string,
): Promise<SeriesPoint[]> {
  const [states, events] = await Promise.all([allStates(db), eventsFor(db, { compact })]);
  const grouped = groupByStateAndCompact(events);
  const current = new Map<string, Stance>(states.map((s) => [s.iso3, 'undeclared']));
  const deltas = new Map<string, { iso3: string; to: Stance }[]>();
  for (const s of states) {
    for (const c of stanceChanges(grouped.get(`${s.iso3} ${compact}`) ?? [])) {
      if (c.date > until) break;
      const list = deltas.get(c.date) ?? [];
      list.push({ iso3: s.iso3, to: c.to });
      deltas.set(c.date, list);
    }
  }
  const counts = emptyCounts();
  counts.undeclared = states.length;
  const points: SeriesPoint[] = [];
  for (const date of [...deltas.keys()].sort()) {
    for (const d of deltas.get(date)!) {
      counts[current.get(d.iso3)!]--;
      counts[d.to]++;
      current.set(d.iso3, d.to);
    }
    points.push({ date, counts: { ...counts } });
  }
  if (points.at(-1)?.date !== until) points.push({ date: until, counts: { ...counts } });
  return points;
}
