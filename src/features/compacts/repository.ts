/**
 * Reads compacts, their objectives, guiding principles and follow-up
 * mechanisms, each with its sources.
 */
import type { Kysely } from 'kysely';
import type { Database, ObjectivesTable } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { citationsFor } from '../reference/citations.ts';
import type { CompactView, ObjectiveView, PrincipleView } from './schemas.ts';

type Status = 'verified' | 'unverified';

export async function listCompacts(db: Kysely<Database>): Promise<CompactView[]> {
  const rows = await db.selectFrom('compacts').selectAll().orderBy('sort_key').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [followUps, principles, counts, compactSources] = await Promise.all([
    db
      .selectFrom('follow_up_mechanisms')
      .selectAll()
      .where('compact_id', 'in', ids)
      .orderBy('sort_key')
      .execute(),
    listPrinciples(db),
    db
      .selectFrom('objectives')
      .select(['compact_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('compact_id')
      .execute(),
    citationsFor(db, 'compact', ids),
  ]);
  const followUpSources = await citationsFor(
    db,
    'follow_up',
    followUps.map((f) => f.id),
  );
  const countBy = new Map(counts.map((c) => [c.compact_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    acronym: r.acronym,
    legallyBinding: r.legally_binding === 1,
    legalNature: r.legal_nature,
    summary: r.summary,
    adoption: JSON.parse(r.adoption_json),
    endorsement: JSON.parse(r.endorsement_json),
    structure: JSON.parse(r.structure_json),
    followUp: followUps
      .filter((f) => f.compact_id === r.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        description: f.description,
        frequency: f.frequency,
        paragraph: f.paragraph,
        status: f.status as Status,
        notes: f.notes,
        sources: followUpSources.get(f.id) ?? [],
      })),
    principles: principles.filter((p) => p.compact === r.id),
    objectiveCount: countBy.get(r.id) ?? 0,
    status: r.status as Status,
    notes: r.notes,
    sources: compactSources.get(r.id) ?? [],
  }));
}

export async function getCompact(db: Kysely<Database>, id: string): Promise<CompactView> {
  const compact = (await listCompacts(db)).find((c) => c.id === id);
  if (!compact) throw new NotFoundError('compact', id);
  return compact;
}

/** Throws NotFoundError unless the compact exists; one indexed lookup. */
export async function assertCompactExists(db: Kysely<Database>, id: string): Promise<void> {
  const row = await db.selectFrom('compacts').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('compact', id);
}

export async function listPrinciples(db: Kysely<Database>, compactId?: string): Promise<PrincipleView[]> {
  let q = db.selectFrom('principles').selectAll().orderBy('sort_key');
  if (compactId) q = q.where('compact_id', '=', compactId);
  const rows = await q.execute();
  const sources = await citationsFor(
    db,
    'principle',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    compact: r.compact_id,
    position: r.position,
    code: r.code,
    title: r.title,
    description: r.description,
    status: r.status as Status,
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
  }));
}

export type ObjectiveFilter = { compactId?: string; afterSortKey?: number; limit?: number };

/** Objectives in compact order; with `limit`, fetches `limit + 1` rows for paging. */
export async function listObjectives(
  db: Kysely<Database>,
  filter: ObjectiveFilter = {},
): Promise<(ObjectiveView & { sort_key: number })[]> {
  let q = db.selectFrom('objectives').selectAll().orderBy('sort_key');
  if (filter.compactId) q = q.where('compact_id', '=', filter.compactId);
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  return toObjectiveViews(db, await q.execute());
}

export async function getObjective(db: Kysely<Database>, id: string): Promise<ObjectiveView> {
  const row = await db.selectFrom('objectives').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('objective', id);
  const [view] = await toObjectiveViews(db, [row]);
  const { sort_key: _, ...objective } = view!;
  return objective;
}

async function toObjectiveViews(
  db: Kysely<Database>,
  rows: ObjectivesTable[],
): Promise<(ObjectiveView & { sort_key: number })[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [sources, memberships] = await Promise.all([
    citationsFor(db, 'objective', ids),
    db
      .selectFrom('classification_members as m')
      .innerJoin('classification_categories as c', 'c.id', 'm.category_id')
      .select(['m.objective_id', 'c.scheme_id', 'c.id', 'c.name', 'c.position'])
      .where('m.objective_id', 'in', ids)
      .orderBy('c.sort_key')
      .execute(),
  ]);
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    compact: r.compact_id,
    number: r.number,
    title: r.title,
    shortLabel: r.short_label,
    paragraph: r.paragraph,
    actionCount: r.action_count,
    actionCountNote: r.action_count_note,
    categories: memberships
      .filter((m) => m.objective_id === r.id)
      .map((m) => ({ scheme: m.scheme_id, id: m.id, name: m.name, position: m.position })),
    status: r.status as Status,
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
  }));
}
