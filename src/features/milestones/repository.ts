/** Reads the milestones of the timeline, each with its sources. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CompactId } from '../../http/params.ts';
import { citationsFor } from '../reference/citations.ts';
import type { DatePrecision, MilestoneView } from './schemas.ts';

type Status = 'verified' | 'unverified';

export type MilestoneFilter = {
  compact?: CompactId | undefined;
  /** Keeps milestones that end on or after this ISO date. */
  from?: string | undefined;
  /** Keeps milestones that start on or before this ISO date. */
  to?: string | undefined;
  afterSortKey?: number;
  limit?: number;
};

/**
 * Milestones in file order, which is chronological; with `limit`, fetches
 * `limit + 1` rows for paging. `from`/`to` keep every milestone whose span
 * (`date` to `endDate`) overlaps the range, so a conference that runs across
 * `from` is kept.
 *
 * @example
 * const gcr2019 = await listMilestones(db, { compact: 'gcr', from: '2019-01-01', to: '2019-12-31' });
 */
export async function listMilestones(
  db: Kysely<Database>,
  filter: MilestoneFilter = {},
): Promise<(MilestoneView & { sort_key: number })[]> {
  let q = db.selectFrom('milestones').selectAll().orderBy('sort_key');
  if (filter.compact) {
    // `compacts` is a comma-separated list; fencing it with commas matches whole ids only.
    q = q.where(sql<string>`',' || ${sql.ref('compacts')} || ','`, 'like', `%,${filter.compact},%`);
  }
  // ISO dates as text compare in date order on both engines.
  if (filter.from) q = q.where((eb) => eb(eb.fn.coalesce('end_date', 'date'), '>=', filter.from!));
  if (filter.to) q = q.where('date', '<=', filter.to);
  if (filter.afterSortKey !== undefined) q = q.where('sort_key', '>', filter.afterSortKey);
  if (filter.limit !== undefined) q = q.limit(filter.limit + 1);
  const rows = await q.execute();
  const sources = await citationsFor(
    db,
    'milestone',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    sort_key: r.sort_key,
    id: r.id,
    date: r.date,
    datePrecision: r.date_precision as DatePrecision,
    endDate: r.end_date,
    title: r.title,
    description: r.description,
    kind: r.kind,
    compacts: r.compacts.split(',').filter(Boolean) as CompactId[],
    symbol: r.symbol,
    status: r.status as Status,
    notes: r.notes,
    sources: sources.get(r.id) ?? [],
  }));
}
