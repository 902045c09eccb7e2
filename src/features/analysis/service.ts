/**
 * The analysis as the API and the pages read it: coverage and gaps, the
 * category lens and support, each under one filter (date range, region).
 *
 * Pledges are counted over the explorer's in-memory index
 * (`registryContext`, rebuilt once per data version), so a cell of a heat
 * map and the explorer's count for the same choices agree; the progress
 * updates per pledge and year come from one SQL aggregate memoised per data
 * version. Support derives from the positions service (stances by the rules
 * of `src/domain/stance.ts`), never from the events directly.
 *
 * @example
 * const c = await coverageAnalysis(db, 'region', { from: '2019-01-01' }, '2024-06-01');
 * c.analysis.orphans.objectives; // objectives no selected pledge lists
 */
import type { Kysely } from 'kysely';
import { memoByDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import {
  type AnalysisFilter,
  aggregateCoverage,
  analyseCoverage,
  type CategoryLens,
  type CoverageAnalysis,
  type CoverageDimension,
  categoryLens,
} from '../../domain/coverage.ts';
import { ValidationError } from '../../errors.ts';
import { COMPACT_IDS, type CompactId } from '../../http/params.ts';
import type { CategoryRef, ObjectiveRef, RegionRef } from '../pledges/repository.ts';
import { registryContext } from '../pledges/service.ts';
import { listChanges, positionsAsOf } from '../positions/service.ts';
import { listStates } from '../states/repository.ts';
import { loadUpdateYears } from './repository.ts';
import {
  changesByRegion,
  type DifferingState,
  differingStates,
  type RegionChanges,
  type SupportPoint,
  supportSeries,
} from './support.ts';

const updateYears = memoByDataVersion((db) => loadUpdateYears(db));
const allStates = memoByDataVersion((db) => listStates(db));

/** The labels the pages and the API name things with. */
export type AnalysisLabels = { objectives: ObjectiveRef[]; categories: CategoryRef[]; regions: RegionRef[] };

function checkRange(filter: AnalysisFilter): void {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new ValidationError(`\`from\` (${filter.from}) is after \`to\` (${filter.to}).`, [
      { location: 'from', message: `${filter.from} is after to=${filter.to}` },
    ]);
  }
}

function checkRegion(region: string | undefined, allowed: readonly { code: string; name: string }[]): void {
  if (region === undefined || allowed.some((r) => r.code === region)) return;
  throw new ValidationError(`Unknown region "${region}".`, [
    {
      location: 'region',
      message: `must be one of ${allowed.map((r) => `${r.code} (${r.name})`).join(', ')}`,
    },
  ]);
}

/** The regions a pledge filter takes: the M49 regions of the States, in code order, and `global`. */
export function pledgeRegions(regions: readonly RegionRef[]): RegionRef[] {
  return [
    ...[...regions].sort((a, b) => (a.code < b.code ? -1 : 1)),
    { code: 'global', name: 'Global (places at 001, the world)' },
  ];
}

export type CoverageResult = {
  filter: AnalysisFilter;
  today: string;
  analysis: CoverageAnalysis;
  labels: AnalysisLabels;
};

/** Coverage of the objectives by `by`, for the pledges the filter selects. */
export async function coverageAnalysis(
  db: Kysely<Database>,
  by: CoverageDimension,
  filter: AnalysisFilter,
  today: string,
): Promise<CoverageResult> {
  const context = await registryContext(db);
  checkRange(filter);
  checkRegion(filter.region, pledgeRegions(context.regions));
  const aggregate = aggregateCoverage(context.index, context.categories, by, filter, today);
  return {
    filter,
    today,
    analysis: analyseCoverage(aggregate),
    labels: { objectives: context.objectives, categories: context.categories, regions: context.regions },
  };
}

export type LensResult = {
  filter: AnalysisFilter;
  today: string;
  lens: CategoryLens;
  labels: AnalysisLabels;
};

/** The `wmr2020` categories year by year, for the pledges the filter selects. */
export async function categoryLensAnalysis(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  today: string,
): Promise<LensResult> {
  const [context, years] = await Promise.all([registryContext(db), updateYears(db)]);
  checkRange(filter);
  checkRegion(filter.region, pledgeRegions(context.regions));
  return {
    filter,
    today,
    lens: categoryLens(context.index, context.categories, years, filter, today),
    labels: { objectives: context.objectives, categories: context.categories, regions: context.regions },
  };
}

export type DifferingView = DifferingState & { name: string; region: string };

export type SupportResult = {
  filter: AnalysisFilter;
  /** The end of the window: `to`, or today. */
  to: string;
  /** States counted (all, or those of the region). */
  states: number;
  series: { compact: CompactId; points: SupportPoint[] }[];
  regions: (RegionChanges & { regionName: string })[];
  differing: DifferingView[];
  regionNames: RegionRef[];
};

/** The day before an ISO date. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Supporters per compact over time, changes per region in the window, and
 * the States whose stance differs between the compacts on its last day.
 * `region` narrows all three to the States of one M49 region.
 */
export async function supportAnalysis(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  today: string,
): Promise<SupportResult> {
  const states = await allStates(db);
  const regionNames = new Map<string, string>();
  for (const s of states) regionNames.set(s.region.code, s.region.name);
  const regions = [...regionNames]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  checkRange(filter);
  checkRegion(filter.region, regions);
  const to = filter.to ?? today;
  const regionOf = new Map(states.map((s) => [s.iso3, s.region.code]));
  const chosen = new Set(
    states.filter((s) => !filter.region || s.region.code === filter.region).map((s) => s.iso3),
  );
  const changes = await listChanges(db, {});

  const supportersByRegion = async (compact: CompactId, asOf: string) => {
    const { items } = await positionsAsOf(db, { compact, asOf });
    const out = new Map<string, number>();
    for (const i of items) {
      if (i.stance !== 'supports') continue;
      const r = regionOf.get(i.iso3)!;
      out.set(r, (out.get(r) ?? 0) + 1);
    }
    return out;
  };
  const [afterGcm, afterGcr, beforeGcm, beforeGcr] = await Promise.all([
    supportersByRegion('gcm', to),
    supportersByRegion('gcr', to),
    filter.from
      ? supportersByRegion('gcm', dayBefore(filter.from))
      : Promise.resolve(new Map<string, number>()),
    filter.from
      ? supportersByRegion('gcr', dayBefore(filter.from))
      : Promise.resolve(new Map<string, number>()),
  ]);
  const before = { gcm: beforeGcm, gcr: beforeGcr };
  const after = { gcm: afterGcm, gcr: afterGcr };
  const shownRegions = regions.filter((r) => !filter.region || r.code === filter.region);
  const perRegion = changesByRegion(
    changes,
    regionOf,
    shownRegions.map((r) => r.code),
    { from: filter.from, to },
    (compact, region) => before[compact].get(region) ?? 0,
    (compact, region) => after[compact].get(region) ?? 0,
  );

  const [gcm, gcr] = await Promise.all(
    COMPACT_IDS.map((compact) => positionsAsOf(db, { compact, asOf: to, region: filter.region })),
  );
  const byIso3 = new Map(states.map((s) => [s.iso3, s]));
  const differing = differingStates(gcm!.items, gcr!.items).map((d) => ({
    ...d,
    name: byIso3.get(d.iso3)?.name ?? d.iso3,
    region: byIso3.get(d.iso3)?.region.code ?? '',
  }));

  return {
    filter,
    to,
    states: chosen.size,
    series: COMPACT_IDS.map((compact) => ({
      compact,
      points: supportSeries(
        changes.filter((c) => c.compact === compact),
        chosen,
        { from: filter.from },
        to,
      ),
    })),
    regions: perRegion.map((r) => ({ ...r, regionName: regionNames.get(r.region) ?? r.region })),
    differing,
    regionNames: regions,
  };
}
