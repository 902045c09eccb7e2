/** Reads States with their codes, M49 regions and sources. */
import type { Kysely } from 'kysely';
import type { Database, StatesTable } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { citationsFor } from '../reference/citations.ts';
import type { StateView } from './schemas.ts';

export type StateFilter = {
  region?: string;
  subregion?: string;
  membership?: 'member' | 'observer';
  afterSortKey?: number;
  limit?: number;
};

/** States in name order; with `limit`, `limit + 1` rows for paging. */
export async function listStates(
  db: Kysely<Database>,
  filter: StateFilter = {},
): Promise<(StateView & { sort_key: number })[]> {
  let q = db.selectFrom('states').selectAll().orderBy('sort_key');
  if (filter.region) q = q.where('region_code', '=', filter.region);
  if (filter.subregion) q = q.where('subregion_code', '=', filter.subregion);
  if (filter.membership) q = q.where('membership', '=', filter.membership);
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  const sources = await citationsFor(
    db,
    'state',
    rows.map((r) => r.iso3),
  );
  return rows.map((r) => ({ ...toStateView(r, sources.get(r.iso3) ?? []), sort_key: r.sort_key }));
}

export async function getState(db: Kysely<Database>, iso3: string): Promise<StateView> {
  const row = await db.selectFrom('states').selectAll().where('iso3', '=', iso3).executeTakeFirst();
  if (!row) throw new NotFoundError('State', iso3);
  const sources = await citationsFor(db, 'state', [iso3]);
  return toStateView(row, sources.get(iso3) ?? []);
}

/** Throws NotFoundError for an unknown ISO3 code; one indexed lookup. */
export async function assertStateExists(db: Kysely<Database>, iso3: string): Promise<void> {
  const row = await db.selectFrom('states').select('iso3').where('iso3', '=', iso3).executeTakeFirst();
  if (!row) throw new NotFoundError('State', iso3);
}

/** The M49 regions and sub-regions the States fall in, for filters. */
export async function listRegions(
  db: Kysely<Database>,
): Promise<{ code: string; name: string; subregions: { code: string; name: string }[] }[]> {
  const rows = await db
    .selectFrom('states')
    .select(['region_code', 'region_name', 'subregion_code', 'subregion_name'])
    .distinct()
    .orderBy('region_name')
    .orderBy('subregion_name')
    .execute();
  const regions = new Map<
    string,
    { code: string; name: string; subregions: { code: string; name: string }[] }
  >();
  for (const r of rows) {
    const region = regions.get(r.region_code) ?? { code: r.region_code, name: r.region_name, subregions: [] };
    region.subregions.push({ code: r.subregion_code, name: r.subregion_name });
    regions.set(r.region_code, region);
  }
  return [...regions.values()];
}

export function toStateView(r: StatesTable, sources: StateView['sources']): StateView {
  return {
    iso3: r.iso3,
    iso2: r.iso2,
    numeric: r.numeric,
    name: r.name,
    names: { en: r.name, fr: r.name_fr, es: r.name_es },
    membership: r.membership as StateView['membership'],
    region: { code: r.region_code, name: r.region_name },
    subregion: { code: r.subregion_code, name: r.subregion_name },
    intermediateRegion: r.intermediate_code
      ? { code: r.intermediate_code, name: r.intermediate_name ?? '' }
      : null,
    sources,
  };
}
