/**
 * What the analysis reads from the database, on both engines.
 *
 * - `loadUpdateYears`: one SQL aggregate of the progress updates, per pledge
 *   and calendar year (how many, and the status of the last), for the
 *   category lens. Memoised per data version by the service.
 * - `sqlCoverageCells`: the coverage cells counted by the database itself in
 *   one GROUP BY. The pages and the API count over the explorer's in-memory
 *   index instead (built once per data version), because this query takes
 *   well over half a second on 100,000 pledges (bench/analysis.ts measures
 *   both); it stays as the independent check that the two agree (tests, on
 *   both engines) and as the benchmark's reference.
 * - `countPledgeObjectives`: the plain count the benchmark compares with.
 *
 * The pledge rows themselves come from the explorer (`registryContext`), so
 * the explorer and the analysis share one definition of region and flags.
 *
 * @example
 * const years = await loadUpdateYears(db); // [{ pledgeId: 'P-01', year: 2020, updates: 1, lastStatus: 'in_progress' }, …]
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  type AnalysisFilter,
  type CoverageDimension,
  staleCutoff,
  type UpdateYear,
} from '../../domain/coverage.ts';
import type { PledgeStatus } from '../../domain/pledge-flags.ts';
import { CATEGORY_SCHEME } from '../pledges/repository.ts';

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Per pledge and calendar year of report: the number of progress updates and
 * the status of the last one (by date, then id in byte order: the rule the
 * writer uses for a pledge's latest status).
 */
export async function loadUpdateYears(db: Kysely<Database>): Promise<UpdateYear[]> {
  const byId = isPostgres(db) ? sql`id collate "C"` : sql`id`;
  const rows = await sql<{ pledge_id: string; year: string; updates: number | string; last_status: string }>`
    select pledge_id, year, count(*) as updates, max(case when rn = 1 then status end) as last_status
    from (
      select pledge_id, substr(reported_on, 1, 4) as year, status,
        row_number() over (
          partition by pledge_id, substr(reported_on, 1, 4)
          order by reported_on desc, ${byId} desc
        ) as rn
      from pledge_updates
    ) u
    group by pledge_id, year`.execute(db);
  return rows.rows.map((r) => ({
    pledgeId: r.pledge_id,
    year: Number(r.year),
    updates: Number(r.updates),
    lastStatus: r.last_status as PledgeStatus,
  }));
}

export type SqlCell = {
  objective: string;
  key: string;
  pledges: number;
  fulfilled: number;
  overdue: number;
  stale: number;
};

/** Place code → M49 region (`global` for 001), as the explorer's vocabulary maps places. */
const PLACE_REGIONS = sql`place_regions(place, region) as (
    select iso3, region_code from states
    union select region_code, region_code from states
    union select subregion_code, region_code from states
    union select intermediate_code, region_code from states where intermediate_code is not null
    union select '001', 'global'
  )`;

const PLEDGE_REGIONS = sql`pledge_regions(pledge_id, region) as (
    select distinct pp.pledge_id, pr.region from pledge_places pp
      join place_regions pr on pr.place = pp.place_code
    union all
    select p.id, 'none' from pledges p
      where not exists (select 1 from pledge_places pp where pp.pledge_id = p.id)
  )`;

/**
 * Coverage cells straight from SQL: pledges per objective and key, with the
 * fulfilled, overdue and stale counts on `today`. Only non-empty cells.
 */
export async function sqlCoverageCells(
  db: Kysely<Database>,
  by: CoverageDimension,
  filter: AnalysisFilter,
  today: string,
): Promise<SqlCell[]> {
  const cutoff = staleCutoff(today);
  const conditions = [sql`1 = 1`];
  if (filter.from) conditions.push(sql`p.announced_on >= ${filter.from}`);
  if (filter.to) conditions.push(sql`p.announced_on <= ${filter.to}`);
  if (filter.region) {
    conditions.push(
      sql`exists (select 1 from pledge_regions r where r.pledge_id = p.id and r.region = ${filter.region})`,
    );
  }
  const where = sql.join(conditions, sql` and `);
  const keyed =
    by === 'region'
      ? sql`join pledge_regions k on k.pledge_id = s.id`
      : by === 'actorType'
        ? sql`join (select p.id as pledge_id, a.type as key from pledges p join actors a on a.id = p.actor_id) k
            on k.pledge_id = s.id`
        : by === 'compact'
          ? sql`join (select pledge_id, compact_id as key from pledge_compacts) k on k.pledge_id = s.id`
          : sql`left join (select m.objective_id, c.id as key from classification_members m
              join classification_categories c on c.id = m.category_id
              where c.scheme_id = ${CATEGORY_SCHEME}) k on k.objective_id = po.objective_id`;
  const keyColumn =
    by === 'region' ? sql`k.region` : by === 'category' ? sql`coalesce(k.key, 'none')` : sql`k.key`;
  const rows = await sql<{
    objective: string;
    key: string;
    pledges: number | string;
    fulfilled: number | string;
    overdue: number | string;
    stale: number | string;
  }>`with ${PLACE_REGIONS}, ${PLEDGE_REGIONS},
    s as (
      select p.id,
        case when p.latest_status = 'fulfilled' then 1 else 0 end as ful,
        case when coalesce(p.latest_status, '') <> 'fulfilled' and p.target_date < ${today} then 1 else 0 end as od,
        case when coalesce(p.latest_status, '') <> 'fulfilled'
          and coalesce(p.last_reported_on, p.announced_on) <= ${cutoff} then 1 else 0 end as st
      from pledges p
      where ${where}
    )
    select po.objective_id as objective, ${keyColumn} as key, count(*) as pledges,
      sum(s.ful) as fulfilled, sum(s.od) as overdue, sum(s.st) as stale
    from s
    join pledge_objectives po on po.pledge_id = s.id
    ${keyed}
    group by po.objective_id, ${keyColumn}`.execute(db);
  return rows.rows.map((r) => ({
    objective: r.objective,
    key: r.key,
    pledges: Number(r.pledges),
    fulfilled: Number(r.fulfilled),
    overdue: Number(r.overdue),
    stale: Number(r.stale),
  }));
}

/** `select count(*) from pledge_objectives`: the cheapest query over the same link table. */
export async function countPledgeObjectives(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('pledge_objectives')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
