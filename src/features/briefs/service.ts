/**
 * A State's country brief: one summary assembled from the services that own
 * each part — stances and their history from the positions service, votes and
 * source conflicts from the recorded resolutions, pledge counts and flags from
 * the pledge search (the rules of `src/domain/pledge-flags.ts`), national
 * reviews from the reviews repository — with every source cited numbered
 * once. The printable page and `GET /api/v1/states/{iso3}/brief` both render
 * this one value, so their figures cannot differ.
 *
 * @example
 * const brief = await stateBrief(db, 'BRA', { today: '2026-05-01', publicUrl: 'https://example.org' });
 * brief.stances.find((s) => s.compact === 'gcm')?.stance; // 'supports'
 * brief.references[0]; // { ref: 1, id: '…', title: '…', … }
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { PLEDGE_STATUSES, type PledgeStatus } from '../../domain/pledge-flags.ts';
import type { FacetCount } from '../../domain/pledge-search.ts';
import type { CompactId } from '../../http/params.ts';
import { CATEGORY_SCHEME } from '../pledges/repository.ts';
import { type PledgeListItem, registryContext, searchPledges } from '../pledges/service.ts';
import { listResolutions } from '../positions/repository.ts';
import { stateTimelines } from '../positions/service.ts';
import type { CitationView } from '../reference/citations.ts';
import { listNationalReviews } from '../reviews/repository.ts';
import { getState } from '../states/repository.ts';
import type { BriefCite, BriefConflict, BriefReference, BriefVote, StateBrief } from './schemas.ts';

/** How many pledges the brief lists; the counts always cover every pledge. */
export const BRIEF_PLEDGES_SHOWN = 10;
export const BRIEF_LICENCE = 'CC BY 4.0';
export const BRIEF_LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';
/** Votes of this year are the ones on the resolutions that endorsed the compacts (December 2018). */
const VOTE_YEAR = '2018';

/** The path of a State's brief page (upper-case ISO3, as citations should give it). */
export const briefPath = (iso3: string) => `/states/${iso3.toUpperCase()}/brief`;

/** Numbers sources in order of first citation; citing a source again gives the same number. */
class References {
  readonly list: BriefReference[] = [];
  private readonly byId = new Map<string, number>();

  private number(id: string, make: () => Omit<BriefReference, 'ref' | 'id'>): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const ref = this.list.length + 1;
    this.list.push({ ref, id, ...make() });
    this.byId.set(id, ref);
    return ref;
  }

  /** Curated citations (a source record, with the place in it). */
  cite(sources: CitationView[]): BriefCite[] {
    return sources.map((s) => ({
      ref: this.number(s.id, () => ({
        title: s.title,
        symbol: s.symbol,
        url: s.url,
        publisher: s.publisher,
        date: s.date,
      })),
      locator: s.locator,
    }));
  }

  /** Registry sources, given only by their address (pledge sources, review documents). */
  citeUrl(url: string, title = url): BriefCite {
    return {
      ref: this.number(url, () => ({ title, symbol: null, url, publisher: null, date: null })),
      locator: null,
    };
  }
}

async function dataVersionRow(db: Kysely<Database>): Promise<{ version: number; changedAt: string }> {
  const row = await db
    .selectFrom('data_version')
    .select(['version', 'changed_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return { version: Number(row?.version ?? 0), changedAt: row?.changed_at ?? new Date(0).toISOString() };
}

const countOf = (facet: FacetCount[], value: string) => facet.find((f) => f.value === value)?.count ?? 0;

/**
 * The State's most recent pledges as actor, with the total and the facet
 * counts (by status, flag, compact, objective, category) over all of them.
 */
async function pledgesOf(db: Kysely<Database>, iso3: string, today: string) {
  const { index } = await registryContext(db);
  if (index.size === 0) return null;
  return searchPledges(db, { actor: [iso3] }, { limit: BRIEF_PLEDGES_SHOWN }, today);
}

export type BriefOptions = { today: string; publicUrl: string };

/**
 * The brief of one State (any case of ISO3); NotFoundError for an unknown one.
 */
export async function stateBrief(
  db: Kysely<Database>,
  iso3Any: string,
  { today, publicUrl }: BriefOptions,
): Promise<StateBrief> {
  const state = await getState(db, iso3Any.toUpperCase());
  const iso3 = state.iso3;
  const [timelines, resolutions, reviews, pledges, registry, version] = await Promise.all([
    stateTimelines(db, state, today),
    listResolutions(db),
    listNationalReviews(db, { iso3 }),
    pledgesOf(db, iso3, today),
    registryContext(db),
    dataVersionRow(db),
  ]);
  const refs = new References();
  // Numbered in the order the page shows them.
  const stateCites = refs.cite(state.sources);

  const history = timelines.map((tl) => {
    const changes = new Map(tl.changes.map((c) => [c.eventId, c]));
    return {
      compact: tl.compact,
      events: tl.events.map(({ sources, ...e }) => {
        const change = changes.get(e.id);
        return {
          ...e,
          change: change ? { from: change.from, to: change.to } : null,
          cites: refs.cite(sources),
        };
      }),
    };
  });
  const citesOfEvent = new Map(history.flatMap((h) => h.events.map((e) => [e.id, e.cites] as const)));

  const votes: BriefVote[] = history
    .flatMap((h) => h.events)
    .filter((e) => e.resolution !== null && e.vote !== null && e.date.startsWith(VOTE_YEAR))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id.localeCompare(b.id)))
    .map((e) => ({
      eventId: e.id,
      resolution: e.resolution!,
      compact: e.compact,
      date: e.date,
      datePrecision: e.datePrecision,
      vote: e.vote!,
      conflictId: e.conflict?.id ?? null,
      cites: citesOfEvent.get(e.id) ?? [],
    }));

  const conflicts: BriefConflict[] = resolutions.flatMap((r) =>
    r.conflicts
      .filter((cf) => cf.states.includes(iso3))
      .map((cf) => ({
        id: cf.id,
        symbol: r.symbol,
        description: cf.description,
        readings: cf.readings.map((reading) => ({
          text: reading.text,
          preferred: reading.preferred,
          cites: refs.cite(reading.sources),
        })),
      })),
  );

  const items: PledgeListItem[] = pledges?.items ?? [];
  const facets = pledges?.facets;
  const statusCount = (s: PledgeStatus | 'none') => (facets ? countOf(facets.status, s) : 0);
  const byStatus = Object.fromEntries(
    [...PLEDGE_STATUSES, 'none' as const].map((s) => [s, statusCount(s)]),
  ) as StateBrief['pledges']['byStatus'];
  const pledgeItems = items.map((p) => ({
    id: p.id,
    title: p.title,
    compacts: p.compacts,
    objectives: p.objectives,
    status: p.latestStatus,
    announcedOn: p.announcedOn,
    targetDate: p.targetDate,
    overdue: p.flags.overdue,
    stale: p.flags.stale,
    synthetic: p.synthetic,
    cites: p.sources.map((url) => refs.citeUrl(url)),
  }));

  const objectiveCount = (id: string) => (facets ? countOf(facets.objective, id) : 0);
  const objectiveRow = (id: string) => {
    const o = registry.objectives.find((x) => x.id === id);
    return { id, shortLabel: o?.shortLabel ?? id, pledges: objectiveCount(id) };
  };
  const byCompact = (['gcm', 'gcr'] as const satisfies readonly CompactId[]).map((compact) => ({
    compact,
    pledges: facets ? countOf(facets.compact, compact) : 0,
    objectives: registry.objectives
      .filter((o) => o.compact === compact)
      .map((o) => objectiveRow(o.id))
      .filter((o) => o.pledges > 0),
  }));
  const byCategory = registry.categories.map((c) => ({
    id: c.id,
    name: c.name,
    pledges: facets ? countOf(facets.category, c.id) : 0,
    objectives: c.objectives.map(objectiveRow).filter((o) => o.pledges > 0),
  }));

  const nationalReviews = reviews.map(({ sort_key: _, iso3: _i, stateName: _n, ...r }) => ({
    ...r,
    cites: [refs.citeUrl(r.documentUrl, r.title)],
  }));

  return {
    iso3,
    name: state.name,
    names: state.names,
    membership: state.membership,
    region: state.region,
    subregion: state.subregion,
    asOf: today,
    dataVersion: version.version,
    dataChangedAt: version.changedAt,
    licence: BRIEF_LICENCE,
    licenceUrl: BRIEF_LICENCE_URL,
    url: `${publicUrl}${briefPath(iso3)}`,
    stateCites,
    stances: timelines.map((tl) => ({ compact: tl.compact, ...tl.current })),
    history,
    votes,
    conflicts,
    pledges: {
      total: pledges?.total ?? 0,
      byStatus,
      overdue: facets ? countOf(facets.flag, 'overdue') : 0,
      stale: facets ? countOf(facets.flag, 'stale') : 0,
      explorerUrl: `${publicUrl}/pledges?actor=${iso3}`,
      items: pledgeItems,
    },
    objectives: { byCompact, scheme: CATEGORY_SCHEME, byCategory },
    nationalReviews,
    references: refs.list,
  };
}
