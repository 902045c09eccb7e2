/** Figures and source listings for the home and about pages. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type SourceUse = {
  id: string;
  title: string;
  symbol: string | null;
  url: string | null;
  publisher: string | null;
  date: string | null;
  citedBy: number;
};

/** Every source with the number of records citing it, in file order. */
export async function listSourcesWithUse(db: Kysely<Database>): Promise<SourceUse[]> {
  const rows = await db
    .selectFrom('sources as s')
    .leftJoin('record_sources as rs', 'rs.source_id', 's.id')
    .select(['s.id', 's.title', 's.symbol', 's.url', 's.publisher', 's.date', 's.sort_key'])
    .select((eb) => eb.fn.count<string | number>('rs.record_id').as('cited_by'))
    .groupBy(['s.id', 's.title', 's.symbol', 's.url', 's.publisher', 's.date', 's.sort_key'])
    .orderBy('s.sort_key')
    .execute();
  // Position events (current versions) and the readings of source conflicts keep their citations
  // as JSON; count those too.
  const [events, conflicts] = await Promise.all([
    db.selectFrom('position_events').select('sources_json').where('superseded_at', 'is', null).execute(),
    db.selectFrom('source_conflicts').select('readings_json').execute(),
  ]);
  const inJson = new Map<string, number>();
  const count = (citations: { source: string }[]) => {
    for (const c of citations) inJson.set(c.source, (inJson.get(c.source) ?? 0) + 1);
  };
  for (const e of events) count(JSON.parse(e.sources_json));
  for (const c of conflicts)
    for (const r of JSON.parse(c.readings_json) as { sources: { source: string }[] }[]) count(r.sources);
  return rows.map(({ cited_by, sort_key: _, ...r }) => ({
    ...r,
    citedBy: Number(cited_by) + (inJson.get(r.id) ?? 0),
  }));
}

export async function countSources(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records whose status is unverified, across the curated tables, for the about page. */
export async function listUnverified(
  db: Kysely<Database>,
): Promise<{ kind: string; id: string; title: string; notes: string | null }[]> {
  const [objectives, milestones, institutions, followUps] = await Promise.all([
    db
      .selectFrom('objectives')
      .select(['id', 'title', 'notes'])
      .where('status', '=', 'unverified')
      .orderBy('sort_key')
      .execute(),
    db
      .selectFrom('milestones')
      .select(['id', 'title', 'notes'])
      .where('status', '=', 'unverified')
      .orderBy('sort_key')
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'name as title', 'notes'])
      .where('status', '=', 'unverified')
      .orderBy('sort_key')
      .execute(),
    db
      .selectFrom('follow_up_mechanisms')
      .select(['id', 'name as title', 'notes'])
      .where('status', '=', 'unverified')
      .orderBy('sort_key')
      .execute(),
  ]);
  return [
    ...objectives.map((r) => ({ kind: 'objective', ...r })),
    ...milestones.map((r) => ({ kind: 'milestone', ...r })),
    ...institutions.map((r) => ({ kind: 'institution', ...r })),
    ...followUps.map((r) => ({ kind: 'follow-up', ...r })),
  ];
}
