/**
 * Reads the institutions of the compacts' governance architecture and the
 * relations between them, each with its sources. Every read runs a fixed
 * number of queries whatever the number of institutions.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, InstitutionsTable } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { citationsFor } from '../reference/citations.ts';
import type { InstitutionKind, InstitutionView, RelationType, RelationView } from './schemas.ts';

type Status = 'verified' | 'unverified';
type CompactId = 'gcm' | 'gcr';

export type InstitutionFilter = { kind?: string; compact?: string; afterSortKey?: number; limit?: number };
export type RelationFilter = { afterSortKey?: number; limit?: number };

/**
 * Institutions in reference order, each with its relations in both directions;
 * with `limit`, fetches `limit + 1` rows for paging.
 *
 * @example
 * const forums = await listInstitutions(db, { kind: 'forum', compact: 'gcm' });
 */
export async function listInstitutions(
  db: Kysely<Database>,
  filter: InstitutionFilter = {},
): Promise<(InstitutionView & { sort_key: number })[]> {
  let q = db.selectFrom('institutions').selectAll().orderBy('sort_key');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  // `compacts` is a comma-separated list; the delimiters stop "gcm" matching inside another id.
  if (filter.compact) q = q.where(sql<string>`',' || compacts || ','`, 'like', `%,${filter.compact},%`);
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  return toInstitutionViews(db, await q.execute());
}

/** One institution with its relations; throws NotFoundError for an unknown id. */
export async function getInstitution(db: Kysely<Database>, id: string): Promise<InstitutionView> {
  const row = await db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('institution', id);
  const [view] = await toInstitutionViews(db, [row]);
  const { sort_key: _, ...rest } = view!;
  return rest;
}

/**
 * Relations in reference order, read "from *type* to"; with `limit`, fetches
 * `limit + 1` rows for paging.
 *
 * @example
 * const [first] = await listRelations(db); // { id, from, to, type, note, sources, sort_key }
 */
export async function listRelations(
  db: Kysely<Database>,
  filter: RelationFilter = {},
): Promise<(RelationView & { sort_key: number })[]> {
  let q = db.selectFrom('institution_relations').selectAll().orderBy('sort_key');
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  const sources = await citationsFor(
    db,
    'relation',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    from: r.from_id,
    to: r.to_id,
    type: r.type as RelationType,
    note: r.note,
    sources: sources.get(r.id) ?? [],
  }));
}

async function toInstitutionViews(
  db: Kysely<Database>,
  rows: InstitutionsTable[],
): Promise<(InstitutionView & { sort_key: number })[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [sources, relations] = await Promise.all([
    citationsFor(db, 'institution', ids),
    db
      .selectFrom('institution_relations as r')
      .innerJoin('institutions as f', 'f.id', 'r.from_id')
      .innerJoin('institutions as t', 't.id', 'r.to_id')
      .select([
        'r.id',
        'r.from_id',
        'r.to_id',
        'r.type',
        'r.note',
        'f.name as from_name',
        'f.short_name as from_short_name',
        't.name as to_name',
        't.short_name as to_short_name',
      ])
      .where((eb) => eb.or([eb('r.from_id', 'in', ids), eb('r.to_id', 'in', ids)]))
      .orderBy('r.sort_key')
      .execute(),
  ]);
  const relationSources = await citationsFor(
    db,
    'relation',
    relations.map((r) => r.id),
  );
  const relationsOf = (id: string) => {
    const side = (r: (typeof relations)[number], direction: 'outgoing' | 'incoming') => ({
      id: r.id,
      type: r.type as RelationType,
      direction,
      other:
        direction === 'outgoing'
          ? { id: r.to_id, name: r.to_name, shortName: r.to_short_name }
          : { id: r.from_id, name: r.from_name, shortName: r.from_short_name },
      note: r.note,
      sources: relationSources.get(r.id) ?? [],
    });
    // What the institution does first, then what others do to it.
    return [
      ...relations.filter((r) => r.from_id === id).map((r) => side(r, 'outgoing')),
      ...relations.filter((r) => r.to_id === id).map((r) => side(r, 'incoming')),
    ];
  };
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as InstitutionKind,
    compacts: (r.compacts ? r.compacts.split(',') : []) as CompactId[],
    description: r.description,
    established: r.established,
    status: r.status as Status,
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
    relations: relationsOf(r.id),
  }));
}
