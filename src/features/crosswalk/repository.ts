/**
 * Reads the crosswalk and the themes. Nodes are the two compacts, their
 * objectives (from their own tables) and the GCR sections and SDG targets of
 * `crosswalk.json`; links and themes carry their sources.
 *
 * @example
 * const { items } = await listLinks(db, { from: 'gcm-20' });
 * items[0]?.toCode; // '10.c'
 */
import type { Kysely } from 'kysely';
import type { Database, ThemesTable } from '../../db/schema.ts';
import { isGap, type LinkFilter, matchesTheme, sideOf, type ThemeFilter } from '../../domain/crosswalk.ts';
import { ValidationError } from '../../errors.ts';
import { citationsFor } from '../reference/citations.ts';
import type {
  CoverageView,
  CrosswalkLinkView,
  CrosswalkNodeView,
  LinkFilterQuery,
  NodeKind,
  ThemeView,
} from './schemas.ts';

type Paged = { afterSortKey?: number | undefined; limit?: number | undefined };
export type Keyed<T> = T & { sort_key: number };

/** The site page of a node: objectives and compacts have their own; the others open the crosswalk on them. */
export function nodeHref(id: string, kind: NodeKind): string {
  if (kind === 'compact') return `/compacts/${id}`;
  if (kind === 'gcm-objective' || kind === 'gcr-objective') return `/objectives/${id}`;
  return `/analysis/crosswalk?node=${id}#links`;
}

/**
 * Every node in reading order (the GCM and its objectives, the GCR, its
 * objectives and sections, then the SDG targets), with link counts and
 * sources; `sort_key` is the position in that order.
 */
export async function listAllNodes(db: Kysely<Database>): Promise<Keyed<CrosswalkNodeView>[]> {
  const [compacts, objectives, nodes, fromCounts, toCounts] = await Promise.all([
    db
      .selectFrom('compacts')
      .select(['id', 'name', 'short_name', 'status', 'notes'])
      .orderBy('sort_key')
      .execute(),
    db
      .selectFrom('objectives')
      .select(['id', 'compact_id', 'number', 'title', 'short_label', 'paragraph', 'status', 'notes'])
      .orderBy('sort_key')
      .execute(),
    db.selectFrom('crosswalk_nodes').selectAll().orderBy('sort_key').execute(),
    db
      .selectFrom('crosswalk_links')
      .select((eb) => ['from_id as id', eb.fn.countAll<number | string>().as('n')])
      .groupBy('from_id')
      .execute(),
    db
      .selectFrom('crosswalk_links')
      .select((eb) => ['to_id as id', eb.fn.countAll<number | string>().as('n')])
      .groupBy('to_id')
      .execute(),
  ]);
  const [compactSources, objectiveSources, nodeSources] = await Promise.all([
    citationsFor(
      db,
      'compact',
      compacts.map((c) => c.id),
    ),
    citationsFor(
      db,
      'objective',
      objectives.map((o) => o.id),
    ),
    citationsFor(
      db,
      'crosswalk_node',
      nodes.map((n) => n.id),
    ),
  ]);
  // PostgreSQL answers count(*) as a string (bigint); SQLite as a number.
  const counts = new Map<string, number>();
  for (const r of [...fromCounts, ...toCounts]) counts.set(r.id, (counts.get(r.id) ?? 0) + Number(r.n));

  const out: Keyed<CrosswalkNodeView>[] = [];
  const push = (v: Omit<CrosswalkNodeView, 'href' | 'linkCount' | 'side'>) => {
    out.push({
      ...v,
      side: sideOf(v.id) ?? 'sdg',
      href: nodeHref(v.id, v.kind),
      linkCount: counts.get(v.id) ?? 0,
      sort_key: out.length,
    });
  };
  const status = (s: string) => s as CrosswalkNodeView['status'];
  for (const c of compacts) {
    push({
      id: c.id,
      kind: 'compact',
      group: null,
      code: c.id.toUpperCase(),
      title: c.name,
      shortLabel: c.short_name,
      paragraphs: null,
      status: status(c.status),
      notes: c.notes,
      sources: compactSources.get(c.id) ?? [],
    });
    for (const o of objectives.filter((o) => o.compact_id === c.id)) {
      push({
        id: o.id,
        kind: c.id === 'gcm' ? 'gcm-objective' : 'gcr-objective',
        group: null,
        code: `${c.id.toUpperCase()} ${o.number}`,
        title: o.title,
        shortLabel: o.short_label,
        paragraphs: o.paragraph === null ? null : String(o.paragraph),
        status: status(o.status),
        notes: o.notes,
        sources: objectiveSources.get(o.id) ?? [],
      });
    }
    for (const n of nodes.filter((n) => n.kind === 'gcr-area' && sideOf(n.id) === c.id)) {
      push({
        id: n.id,
        kind: 'gcr-area',
        group: n.node_group,
        code: n.code,
        title: n.title,
        shortLabel: n.short_label,
        paragraphs: n.paragraphs,
        status: status(n.status),
        notes: n.notes,
        sources: nodeSources.get(n.id) ?? [],
      });
    }
  }
  for (const n of nodes.filter((n) => n.kind === 'sdg-target')) {
    push({
      id: n.id,
      kind: 'sdg-target',
      group: n.node_group,
      code: n.code,
      title: n.title,
      shortLabel: n.short_label,
      paragraphs: n.paragraphs,
      status: status(n.status),
      notes: n.notes,
      sources: nodeSources.get(n.id) ?? [],
    });
  }
  return out;
}

/** Nodes filtered by kind and side; with `limit`, `limit + 1` of them after the cursor, for paging. */
export async function listNodes(
  db: Kysely<Database>,
  filter: { kind?: NodeKind | undefined; side?: string | undefined } & Paged = {},
): Promise<Keyed<CrosswalkNodeView>[]> {
  const all = await listAllNodes(db);
  const kept = all.filter(
    (n) =>
      (filter.kind === undefined || n.kind === filter.kind) &&
      (filter.side === undefined || n.side === filter.side) &&
      (filter.afterSortKey === undefined || n.sort_key > filter.afterSortKey),
  );
  return filter.limit === undefined ? kept : kept.slice(0, filter.limit + 1);
}

/** Throws a ValidationError naming each of `from`, `to` and `node` that names no node. */
export function assertKnownNodes(nodes: { id: string }[], filter: LinkFilterQuery): void {
  const ids = new Set(nodes.map((n) => n.id));
  const problems = (['from', 'to', 'node'] as const)
    .filter((k) => filter[k] !== undefined && !ids.has(filter[k]!))
    .map((k) => ({ location: k, message: `unknown crosswalk node "${filter[k]}"` }));
  if (problems.length > 0) {
    throw new ValidationError(
      `The filter names what does not exist: ${problems.map((p) => p.location).join(', ')}.`,
      problems,
    );
  }
}

/**
 * Links in file order, filtered in SQL, each with the codes and labels of its
 * ends and its sources; with `limit`, `limit + 1` rows after the cursor.
 * `nodes` (all of them) saves reading them again when the caller has them.
 */
export async function listLinks(
  db: Kysely<Database>,
  filter: LinkFilter & Paged = {},
  nodes?: CrosswalkNodeView[],
): Promise<Keyed<CrosswalkLinkView>[]> {
  let q = db.selectFrom('crosswalk_links').selectAll().orderBy('sort_key');
  if (filter.from) q = q.where('from_id', '=', filter.from);
  if (filter.to) q = q.where('to_id', '=', filter.to);
  const node = filter.node;
  if (node) q = q.where((eb) => eb.or([eb('from_id', '=', node), eb('to_id', '=', node)]));
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.basis) q = q.where('basis', '=', filter.basis);
  const compact = filter.compact;
  if (compact) {
    q = q.where((eb) =>
      eb.or([
        eb('from_id', '=', compact),
        eb('from_id', 'like', `${compact}-%`),
        eb('to_id', '=', compact),
        eb('to_id', 'like', `${compact}-%`),
      ]),
    );
  }
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const [byId, sources] = await Promise.all([
    (nodes ? Promise.resolve(nodes) : listAllNodes(db)).then((list) => new Map(list.map((n) => [n.id, n]))),
    citationsFor(
      db,
      'crosswalk_link',
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const from = byId.get(r.from_id);
    const to = byId.get(r.to_id);
    return {
      sort_key: r.sort_key,
      id: r.id,
      from: r.from_id,
      fromKind: from?.kind ?? 'gcr-area',
      fromCode: from?.code ?? r.from_id,
      fromLabel: from?.shortLabel ?? r.from_id,
      to: r.to_id,
      toKind: to?.kind ?? 'sdg-target',
      toCode: to?.code ?? r.to_id,
      toLabel: to?.shortLabel ?? r.to_id,
      type: r.type as CrosswalkLinkView['type'],
      basis: r.basis as CrosswalkLinkView['basis'],
      rationale: r.rationale,
      status: r.status as CrosswalkLinkView['status'],
      notes: r.notes,
      sources: sources.get(r.id) ?? [],
    };
  });
}

const list = (s: string) => (s === '' ? [] : s.split(','));
function coverageOf(row: ThemesTable, prefix: 'gcm' | 'gcr'): CoverageView {
  return {
    level: row[`${prefix}_level`] as CoverageView['level'],
    objectives: list(row[`${prefix}_objectives`]),
    areas: list(row[`${prefix}_areas`]),
    locator: row[`${prefix}_locator`],
    rationale: row[`${prefix}_rationale`],
  };
}

/** Themes in file order, filtered by coverage; with `limit`, `limit + 1` of them after the cursor. */
export async function listThemes(
  db: Kysely<Database>,
  filter: ThemeFilter & Paged = {},
): Promise<Keyed<ThemeView>[]> {
  const rows = await db.selectFrom('themes').selectAll().orderBy('sort_key').execute();
  const sources = await citationsFor(
    db,
    'theme',
    rows.map((r) => r.id),
  );
  const kept = rows
    .map((r): Keyed<ThemeView> => {
      const gcm = coverageOf(r, 'gcm');
      const gcr = coverageOf(r, 'gcr');
      return {
        sort_key: r.sort_key,
        id: r.id,
        name: r.name,
        description: r.description,
        gap: isGap({ gcm, gcr }),
        gcm,
        gcr,
        status: r.status as ThemeView['status'],
        notes: r.notes,
        sources: sources.get(r.id) ?? [],
      };
    })
    .filter(
      (t) =>
        matchesTheme(t, filter) && (filter.afterSortKey === undefined || t.sort_key > filter.afterSortKey),
    );
  return filter.limit === undefined ? kept : kept.slice(0, filter.limit + 1);
}
