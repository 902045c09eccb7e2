/**
 * The tables of the analysis, built once from a service result and used by
 * the API (JSON and its CSV twin) and by the pages, so a figure reads the
 * same everywhere. CSV headers are the JSON field names.
 */
import type {
  CoverageAnalysis,
  CoverageCell,
  KeyCoverage,
  ObjectiveCoverage,
} from '../../domain/coverage.ts';
import type { CsvColumn } from '../../http/list.ts';
import type { CoverageTable, SupportTable } from './schemas.ts';
import type { CoverageResult, LensResult, SupportResult } from './service.ts';

/** Columns that copy the fields of the same name; true and false are written as words, as in JSON. */
function fields<T>(...names: (keyof T & string)[]): CsvColumn<T>[] {
  return names.map((name) => ({
    header: name,
    value: (row: T) => {
      const v = row[name] as string | number | boolean | null;
      return typeof v === 'boolean' ? String(v) : v;
    },
  }));
}

const COUNT_FIELDS = [
  'pledges',
  'fulfilled',
  'overdue',
  'stale',
  'fulfilledShare',
  'overdueShare',
  'staleShare',
] as const;

export type CategoryRow = CoverageAnalysis['categories'][number] & { name: string };

export const coverageColumns = {
  cells: fields<CoverageCell>('objective', 'key', ...COUNT_FIELDS),
  objectives: fields<ObjectiveCoverage>(
    'objective',
    'category',
    ...COUNT_FIELDS,
    'categoryMedian',
    'ratioToMedian',
    'belowCategoryMedian',
    'orphan',
  ),
  keys: fields<KeyCoverage>('key', ...COUNT_FIELDS),
  categories: fields<CategoryRow>(
    'category',
    'name',
    'objectives',
    ...COUNT_FIELDS,
    'medianObjectivePledges',
  ),
  regions: fields<KeyCoverage>('key', ...COUNT_FIELDS),
};

/** The rows of one coverage table. */
export function coverageRows(result: CoverageResult, table: CoverageTable): object[] {
  const a = result.analysis;
  switch (table) {
    case 'cells':
      return a.cells;
    case 'objectives':
      return a.objectives;
    case 'keys':
      return a.keyTotals;
    case 'categories':
      return categoryRows(result);
    case 'regions':
      return a.regions;
  }
}

export function categoryRows(result: CoverageResult): CategoryRow[] {
  const names = new Map(result.labels.categories.map((c) => [c.id, c.name]));
  return result.analysis.categories.map((c) => ({ ...c, name: names.get(c.category) ?? c.category }));
}

export type LensRow = LensResult['lens']['points'][number] & { name: string };

export function lensRows(result: LensResult): LensRow[] {
  const names = new Map(result.labels.categories.map((c) => [c.id, c.name]));
  return result.lens.points.map((p) => ({ ...p, name: names.get(p.category) ?? p.category }));
}

export const lensColumns = fields<LensRow>(
  'category',
  'name',
  'year',
  'announced',
  'cumulative',
  'updates',
  'reporting',
  'fulfilled',
  'reportingShare',
  'fulfilledShare',
);

export type SupportPointRow = {
  compact: 'gcm' | 'gcr';
  date: string;
  supports: number;
  opposes: number;
  abstains: number;
  undeclared: number;
};
export type RegionChangesRow = SupportResult['regions'][number];
export type DifferingRow = SupportResult['differing'][number];

export function supportPointRows(result: SupportResult): SupportPointRow[] {
  return result.series.flatMap((s) =>
    s.points.map((p) => ({ compact: s.compact, date: p.date, ...p.counts })),
  );
}

export const supportColumns = {
  series: fields<SupportPointRow>('compact', 'date', 'supports', 'opposes', 'abstains', 'undeclared'),
  regions: fields<RegionChangesRow>(
    'region',
    'regionName',
    'compact',
    'states',
    'supportersBefore',
    'supportersAfter',
    'changes',
    'gained',
    'lost',
    'net',
  ),
  differing: fields<DifferingRow>('iso3', 'name', 'region', 'gcm', 'gcmSince', 'gcr', 'gcrSince'),
};

/** The rows of one support table. */
export function supportRows(result: SupportResult, table: SupportTable): object[] {
  if (table === 'series') return supportPointRows(result);
  return table === 'regions' ? result.regions : result.differing;
}

/** The filter as the API echoes it. */
export function filterMeta(filter: { from?: string; to?: string; region?: string }) {
  return { from: filter.from ?? null, to: filter.to ?? null, region: filter.region ?? null };
}

/** The API address of an analysis table with the filter (and `format=csv` for the twin). */
export function analysisApiUrl(
  path: 'coverage' | 'categories' | 'support',
  params: Record<string, string | undefined>,
  format?: 'csv',
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('limit', '500');
  if (format) q.set('format', format);
  return `/api/v1/analysis/${path}?${q.toString()}`;
}
