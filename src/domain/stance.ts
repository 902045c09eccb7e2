/**
 * Stance of a State on a compact at any date, derived from dated events.
 * Pure: no I/O, no clock.
 *
 * Rules (also on the /positions page and in docs):
 * 1. Before any event that implies a stance, a State is `undeclared`.
 * 2. An event applies from its `date`. A date known only to the month or the
 *    year is stored as the first day of that period, and applies from then.
 * 3. Events whose `stance` is null (an absence from a vote, a participation,
 *    a recommendation still pending) change nothing: an absence never erases
 *    an earlier declared stance.
 * 4. Several events on the same day apply in this order, the last one
 *    winning: statements and announcements, then government decisions, then
 *    parliamentary decisions, then recorded votes (the formal act of the day);
 *    events of the same rank apply in id order.
 *
 * @example
 * stanceAsOf([{ id: 'a', date: '2018-12-19', kind: 'vote', stance: 'supports' }], '2019-01-01');
 * // { stance: 'supports', since: '2018-12-19', eventId: 'a' }
 */

export const STANCES = ['supports', 'opposes', 'abstains', 'undeclared'] as const;
export type Stance = (typeof STANCES)[number];

export const EVENT_KINDS = [
  'statement_of_support',
  'announced_abstention',
  'announced_non_participation',
  'postponement',
  'participation',
  'adoption',
  'endorsement',
  'dissociation',
  'withdrawal',
  'return',
  'parliamentary_decision',
  'vote',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Rank of a kind within one day (rule 4). */
export const SAME_DAY_RANK: Record<EventKind, number> = {
  statement_of_support: 0,
  announced_abstention: 0,
  announced_non_participation: 0,
  postponement: 0,
  participation: 0,
  adoption: 1,
  endorsement: 1,
  dissociation: 1,
  withdrawal: 1,
  return: 1,
  parliamentary_decision: 2,
  vote: 3,
};

export type StanceEvent = {
  id: string;
  /** ISO date (YYYY-MM-DD); for month or year precision, the first day of the period. */
  date: string;
  kind: EventKind;
  stance: Stance | null;
};

export type StanceAt = {
  stance: Stance;
  /** Date of the event that set the stance; null while undeclared from the start. */
  since: string | null;
  eventId: string | null;
};

const UNDECLARED: StanceAt = { stance: 'undeclared', since: null, eventId: null };

/** Orders events as the rules apply them: by date, then same-day rank, then id. */
export function compareEvents(a: StanceEvent, b: StanceEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const rank = SAME_DAY_RANK[a.kind] - SAME_DAY_RANK[b.kind];
  if (rank !== 0) return rank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The stance on `asOf` (inclusive) given one State's events on one compact, in any order. */
export function stanceAsOf(events: readonly StanceEvent[], asOf: string): StanceAt {
  let last: StanceChange | undefined;
  for (const change of stanceChanges(events)) {
    if (change.date > asOf) break;
    last = change;
  }
  return last ? { stance: last.to, since: last.date, eventId: last.eventId } : UNDECLARED;
}

export type StanceChange = { date: string; eventId: string; from: Stance; to: Stance };

/**
 * Every change of stance, in order. Events that repeat the current stance are
 * not changes; two events on one day that end where they began are not either.
 */
export function stanceChanges(events: readonly StanceEvent[]): StanceChange[] {
  const byDay = new Map<string, StanceEvent[]>();
  for (const e of [...events].sort(compareEvents)) {
    const day = byDay.get(e.date) ?? [];
    day.push(e);
    byDay.set(e.date, day);
  }
  const changes: StanceChange[] = [];
  let current: Stance = 'undeclared';
  for (const [date, day] of byDay) {
    const last = day.filter((e) => e.stance !== null).at(-1);
    if (last?.stance && last.stance !== current) {
      changes.push({ date, eventId: last.id, from: current, to: last.stance });
      current = last.stance;
    }
  }
  return changes;
}

export type StanceCounts = Record<Stance, number>;

/** Counts of each stance among the States given, as of a date. */
export function countStances(
  eventsByState: ReadonlyMap<string, readonly StanceEvent[]>,
  states: readonly string[],
  asOf: string,
): StanceCounts {
  const counts: StanceCounts = { supports: 0, opposes: 0, abstains: 0, undeclared: 0 };
  for (const s of states) counts[stanceAsOf(eventsByState.get(s) ?? [], asOf).stance]++;
  return counts;
}

/** Maps a recorded vote to the stance it implies; an absence implies none. */
export function stanceOfVote(vote: 'yes' | 'no' | 'abstain' | 'absent'): Stance | null {
  return vote === 'yes' ? 'supports' : vote === 'no' ? 'opposes' : vote === 'abstain' ? 'abstains' : null;
}
