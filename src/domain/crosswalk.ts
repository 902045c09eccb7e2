/**
 * The crosswalk between the compacts and the SDG targets, and the coverage of
 * themes by each compact, as pure functions: which side of the crosswalk a
 * node is on, which links a filter keeps, the matrix of a set of links, and
 * which themes are gaps (covered by neither compact).
 *
 * @example
 * sideOf('gcm-5'); // 'gcm'
 * sideOf('gcr-area-education'); // 'gcr'
 * sideOf('sdg-10-7'); // 'sdg'
 * isGap({ gcm: { level: 'not_covered' }, gcr: { level: 'not_covered' } }); // true
 */

export type Side = 'gcm' | 'gcr' | 'sdg';
export type LinkType = 'overlaps' | 'complements' | 'related';
export type Basis = 'official' | 'curated';
export type CoverageLevel = 'addressed' | 'mentioned' | 'not_covered';

/**
 * The side of the crosswalk a node id belongs to, from its id alone: the
 * compacts (`gcm`, `gcr`), their objectives (`gcm-5`), GCR sections
 * (`gcr-area-…`, `gcr-tool-…`) and SDG targets (`sdg-10-7`). Null for
 * anything else.
 */
export function sideOf(id: string): Side | null {
  if (id === 'gcm' || id.startsWith('gcm-')) return 'gcm';
  if (id === 'gcr' || id.startsWith('gcr-')) return 'gcr';
  if (id.startsWith('sdg-')) return 'sdg';
  return null;
}

/**
 * Whether a link may go from `from` to `to`: GCM → GCR, GCM → SDG or
 * GCR → SDG. Each pair of compacts or frameworks is linked in one direction
 * only, so a matrix has one reading and a pair cannot be listed twice.
 */
export function isAllowedDirection(from: string, to: string): boolean {
  const a = sideOf(from);
  const b = sideOf(to);
  return (a === 'gcm' && (b === 'gcr' || b === 'sdg')) || (a === 'gcr' && b === 'sdg');
}

/** The id of a link: its two ends, which are unique as a pair. */
export const linkId = (from: string, to: string) => `${from}--${to}`;

export type LinkLike = { from: string; to: string; type: LinkType; basis: Basis };

export type LinkFilter = {
  from?: string | undefined;
  to?: string | undefined;
  /** Either end. */
  node?: string | undefined;
  type?: LinkType | undefined;
  basis?: Basis | undefined;
  /** Links with at least one end in this compact. */
  compact?: 'gcm' | 'gcr' | undefined;
};

/** Whether a link passes every condition of the filter (an empty filter keeps everything). */
export function matchesLink(link: LinkLike, f: LinkFilter): boolean {
  if (f.from !== undefined && link.from !== f.from) return false;
  if (f.to !== undefined && link.to !== f.to) return false;
  if (f.node !== undefined && link.from !== f.node && link.to !== f.node) return false;
  if (f.type !== undefined && link.type !== f.type) return false;
  if (f.basis !== undefined && link.basis !== f.basis) return false;
  if (f.compact !== undefined && sideOf(link.from) !== f.compact && sideOf(link.to) !== f.compact)
    return false;
  return true;
}

/**
 * A matrix of links: one row per id in `rows`, one column per id in
 * `columns`, each cell the link between them (or null). Links whose ends are
 * not both among the rows and columns are left out.
 */
export function buildMatrix<L extends LinkLike>(
  rows: string[],
  columns: string[],
  links: L[],
): { row: string; cells: { column: string; link: L | null }[] }[] {
  const byPair = new Map<string, L>();
  for (const l of links) byPair.set(linkId(l.from, l.to), l);
  return rows.map((row) => ({
    row,
    cells: columns.map((column) => ({ column, link: byPair.get(linkId(row, column)) ?? null })),
  }));
}

export type CoverageLike = { level: CoverageLevel };
export type ThemeLike = { gcm: CoverageLike; gcr: CoverageLike };

/** A gap: a theme that neither compact covers. */
export function isGap(theme: ThemeLike): boolean {
  return theme.gcm.level === 'not_covered' && theme.gcr.level === 'not_covered';
}

export type ThemeFilter = {
  /** With `compact`: that compact's level; without: either compact's level. */
  coverage?: CoverageLevel | undefined;
  /** Alone: themes this compact covers (addressed or mentioned). */
  compact?: 'gcm' | 'gcr' | undefined;
  /** true: gaps only; false: themes at least one compact covers. */
  gap?: boolean | undefined;
};

/** Whether a theme passes every condition of the filter (an empty filter keeps everything). */
export function matchesTheme(theme: ThemeLike, f: ThemeFilter): boolean {
  if (f.gap !== undefined && isGap(theme) !== f.gap) return false;
  if (f.coverage !== undefined) {
    const levels = f.compact ? [theme[f.compact].level] : [theme.gcm.level, theme.gcr.level];
    if (!levels.includes(f.coverage)) return false;
  } else if (f.compact !== undefined && theme[f.compact].level === 'not_covered') {
    return false;
  }
  return true;
}

/** Gaps first, then the other themes, each group in its original order (a stable sort). */
export function gapsFirst<T extends ThemeLike>(themes: T[]): T[] {
  return [...themes.filter(isGap), ...themes.filter((t) => !isGap(t))];
}
