/**
 * Reads classification schemes with their categories and member objectives.
 * Schemes are data: any number of them load from `classifications.json`, and
 * every read takes the same fixed number of queries however many there are.
 */
import type { Kysely } from 'kysely';
import type { ClassificationSchemesTable, Database } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { citationsFor } from '../reference/citations.ts';
import type { ClassificationCategoryView, ClassificationMemberView, ClassificationView } from './schemas.ts';

type Status = 'verified' | 'unverified';

export type ClassificationFilter = { afterSortKey?: number; limit?: number };

/**
 * Schemes in file order; with `limit`, fetches `limit + 1` rows for paging.
 *
 * @example
 * const [wmr] = await listClassifications(db);
 * wmr.categories[0].objectives; // ['gcm-1', 'gcm-3', …]
 */
export async function listClassifications(
  db: Kysely<Database>,
  filter: ClassificationFilter = {},
): Promise<(ClassificationView & { sort_key: number })[]> {
  let q = db.selectFrom('classification_schemes').selectAll().orderBy('sort_key');
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  return toClassificationViews(db, await q.execute());
}

/** One scheme by id; throws NotFoundError for an unknown id. */
export async function getClassification(db: Kysely<Database>, id: string): Promise<ClassificationView> {
  const row = await db
    .selectFrom('classification_schemes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('classification scheme', id);
  const [view] = await toClassificationViews(db, [row]);
  const { sort_key: _, ...scheme } = view!;
  return scheme;
}

async function toClassificationViews(
  db: Kysely<Database>,
  rows: ClassificationSchemesTable[],
): Promise<(ClassificationView & { sort_key: number })[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  // Three batch queries for all schemes at once, rather than one per scheme or category.
  const [categories, members, sources] = await Promise.all([
    db
      .selectFrom('classification_categories')
      .selectAll()
      .where('scheme_id', 'in', ids)
      .orderBy('sort_key')
      .execute(),
    db
      .selectFrom('classification_members as m')
      .innerJoin('classification_categories as c', 'c.id', 'm.category_id')
      .innerJoin('objectives as o', 'o.id', 'm.objective_id')
      .select(['m.category_id', 'm.objective_id', 'm.label', 'o.number', 'o.title', 'o.short_label'])
      .where('c.scheme_id', 'in', ids)
      .orderBy('m.category_id')
      .orderBy('m.position')
      .execute(),
    citationsFor(db, 'classification', ids),
  ]);

  const membersBy = new Map<string, ClassificationMemberView[]>();
  for (const m of members) {
    const list = membersBy.get(m.category_id) ?? [];
    list.push({
      objective: m.objective_id,
      number: m.number,
      title: m.title,
      shortLabel: m.short_label,
      label: m.label,
    });
    membersBy.set(m.category_id, list);
  }
  const categoriesBy = new Map<string, ClassificationCategoryView[]>();
  for (const c of categories) {
    const list = categoriesBy.get(c.scheme_id) ?? [];
    const catMembers = membersBy.get(c.id) ?? [];
    list.push({
      id: c.id,
      position: c.position,
      name: c.name,
      description: c.description,
      objectives: catMembers.map((m) => m.objective),
      members: catMembers,
    });
    categoriesBy.set(c.scheme_id, list);
  }

  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    name: r.name,
    compact: r.compact_id,
    description: r.description,
    status: r.status as Status,
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
    categories: categoriesBy.get(r.id) ?? [],
  }));
}
