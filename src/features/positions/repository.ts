/**
 * Reads what positions are derived from: the recorded position events (the
 * current versions, or those on record at a past moment) and the roll-call
 * votes, each turned into one event shape.
 */
import type { Kysely } from 'kysely';
import type { Database, PositionEventsTable } from '../../db/schema.ts';
import { type Stance, stanceOfVote } from '../../domain/stance.ts';
import { NotFoundError } from '../../errors.ts';
import { type CitationView, citationsFor } from '../reference/citations.ts';
import type { Citation } from '../reference/schema.ts';
import type { PositionEventView, ResolutionView, VoteValue } from './schemas.ts';

export type EventFilter = { state?: string; compact?: string; knownAt?: string };

/** Position events and roll-call votes as events, in no particular order. */
export async function loadPositionEvents(
  db: Kysely<Database>,
  filter: EventFilter = {},
): Promise<PositionEventView[]> {
  let q = db.selectFrom('position_events').selectAll();
  if (filter.knownAt) {
    q = q
      .where('recorded_at', '<=', filter.knownAt)
      .where((eb) => eb.or([eb('superseded_at', 'is', null), eb('superseded_at', '>', filter.knownAt!)]));
  } else q = q.where('superseded_at', 'is', null);
  if (filter.state) q = q.where('state_iso3', '=', filter.state);
  if (filter.compact) q = q.where('compact_id', '=', filter.compact);

  let votesQ = db
    .selectFrom('votes as v')
    .innerJoin('resolutions as r', 'r.id', 'v.resolution_id')
    .select(['v.iso3', 'v.vote', 'r.id', 'r.symbol', 'r.compact_id', 'r.date', 'r.implies_stance']);
  if (filter.state) votesQ = votesQ.where('v.iso3', '=', filter.state);
  if (filter.compact) votesQ = votesQ.where('r.compact_id', '=', filter.compact);

  const [rows, votes, conflicts, sourceIndex] = await Promise.all([
    q.execute(),
    votesQ.execute(),
    conflictsByStateAndResolution(db),
    loadSourceIndex(db),
  ]);
  const resolutionSources = await citationsFor(db, 'resolution', [...new Set(votes.map((v) => v.id))]);

  const events: PositionEventView[] = rows.map((r) => toEventView(r, sourceIndex));
  for (const v of votes) {
    const vote = v.vote as VoteValue;
    events.push({
      id: `vote-${v.id}-${v.iso3.toLowerCase()}`,
      version: 1,
      state: v.iso3,
      compact: v.compact_id as PositionEventView['compact'],
      date: v.date,
      datePrecision: 'day',
      endDate: null,
      kind: 'vote',
      stance: v.implies_stance === 1 ? stanceOfVote(vote) : null,
      title: voteTitle(vote, v.symbol),
      note: null,
      status: 'verified',
      vote,
      resolution: { id: v.id, symbol: v.symbol },
      conflict: conflicts.get(`${v.iso3} ${v.id}`) ?? null,
      recordedAt: null,
      supersededAt: null,
      sources: resolutionSources.get(v.id) ?? [],
    });
  }
  return events;
}

/** All versions of one position event, newest first. */
export async function listEventVersions(db: Kysely<Database>, id: string): Promise<PositionEventView[]> {
  const rows = await db.selectFrom('position_events').select('event_id').where('event_id', '=', id).execute();
  if (rows.length === 0) throw new NotFoundError('position event', id);
  const sourceIndex = await loadSourceIndex(db);
  const versions = await db
    .selectFrom('position_events')
    .selectAll()
    .where('event_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return versions.map((r) => toEventView(r, sourceIndex));
}

function toEventView(r: PositionEventsTable, sourceIndex: Map<string, SourceRow>): PositionEventView {
  return {
    id: r.event_id,
    version: r.version,
    state: r.state_iso3,
    compact: r.compact_id as PositionEventView['compact'],
    date: r.date,
    datePrecision: r.date_precision as PositionEventView['datePrecision'],
    endDate: r.end_date,
    kind: r.kind as PositionEventView['kind'],
    stance: r.stance as Stance | null,
    title: r.title,
    note: r.note,
    status: r.status as PositionEventView['status'],
    vote: null,
    resolution: null,
    conflict: null,
    recordedAt: r.recorded_at,
    supersededAt: r.superseded_at,
    sources: resolveCitations(JSON.parse(r.sources_json) as Citation[], sourceIndex),
  };
}

function voteTitle(vote: VoteValue, symbol: string): string {
  if (vote === 'absent') return `Did not vote on ${symbol}`;
  if (vote === 'abstain') return `Abstained on ${symbol}`;
  return `Voted ${vote} on ${symbol}`;
}

type SourceRow = Omit<CitationView, 'locator'>;

async function loadSourceIndex(db: Kysely<Database>): Promise<Map<string, SourceRow>> {
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'title', 'symbol', 'url', 'publisher', 'date'])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Event versions keep their citations as JSON; a source later removed is still shown by its id. */
function resolveCitations(citations: Citation[], index: Map<string, SourceRow>): CitationView[] {
  return citations.map((c) => {
    const s = index.get(c.source);
    return s
      ? { ...s, locator: c.locator ?? null }
      : {
          id: c.source,
          title: c.source,
          symbol: null,
          url: null,
          publisher: null,
          date: null,
          locator: c.locator ?? null,
        };
  });
}

async function conflictsByStateAndResolution(
  db: Kysely<Database>,
): Promise<Map<string, { id: string; description: string }>> {
  const rows = await db
    .selectFrom('conflict_states as cs')
    .innerJoin('source_conflicts as c', 'c.id', 'cs.conflict_id')
    .select(['cs.iso3', 'c.id', 'c.resolution_id', 'c.description'])
    .execute();
  return new Map(rows.map((r) => [`${r.iso3} ${r.resolution_id}`, { id: r.id, description: r.description }]));
}

/** Resolutions with recorded votes, with their conflicts and sources. */
export async function listResolutions(db: Kysely<Database>): Promise<ResolutionView[]> {
  const [rows, conflicts, conflictStates, sourceIndex] = await Promise.all([
    db.selectFrom('resolutions').selectAll().orderBy('sort_key').execute(),
    db.selectFrom('source_conflicts').selectAll().orderBy('sort_key').execute(),
    db.selectFrom('conflict_states').selectAll().orderBy('iso3').execute(),
    loadSourceIndex(db),
  ]);
  const sources = await citationsFor(
    db,
    'resolution',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    symbol: r.symbol,
    compact: r.compact_id as ResolutionView['compact'],
    date: r.date,
    title: r.title,
    subject: r.subject,
    impliesStance: r.implies_stance === 1,
    official: {
      yes: r.official_yes,
      no: r.official_no,
      abstain: r.official_abstain,
      notVoting: r.official_not_voting,
    },
    recorded: r.recorded as ResolutionView['recorded'],
    conflicts: conflicts
      .filter((c) => c.resolution_id === r.id)
      .map((c) => ({
        id: c.id,
        description: c.description,
        states: conflictStates.filter((s) => s.conflict_id === c.id).map((s) => s.iso3),
        readings: (
          JSON.parse(c.readings_json) as { text: string; preferred: boolean; sources: Citation[] }[]
        ).map((rd) => ({
          text: rd.text,
          preferred: rd.preferred,
          sources: resolveCitations(rd.sources, sourceIndex),
        })),
      })),
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
  }));
}

/** A resolution by symbol (`A/RES/73/195`) or id (`a-res-73-195`). */
export async function findResolution(db: Kysely<Database>, key: string): Promise<ResolutionView | undefined> {
  const all = await listResolutions(db);
  const k = key.trim().toLowerCase();
  return all.find((r) => r.id === k || r.symbol.toLowerCase() === k);
}

export async function listVotesOf(
  db: Kysely<Database>,
  resolutionId: string,
): Promise<{ iso3: string; name: string; vote: VoteValue; sort_key: number }[]> {
  const rows = await db
    .selectFrom('votes as v')
    .innerJoin('states as s', 's.iso3', 'v.iso3')
    .select(['v.iso3', 's.name', 'v.vote', 's.sort_key'])
    .where('v.resolution_id', '=', resolutionId)
    .orderBy('s.sort_key')
    .execute();
  return rows.map((r) => ({ ...r, vote: r.vote as VoteValue }));
}
