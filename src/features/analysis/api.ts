/**
 * API v1: the analysis — coverage and gaps (`/analysis/coverage`), the
 * category lens (`/analysis/categories`) and support (`/analysis/support`),
 * each with its CSV twin. Every table is a list (`data`, `page`) whose `meta`
 * carries the filter and the summary figures.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { type CsvColumn, decodeCursor, pageOf, sendList } from '../../http/list.ts';
import { listResponse } from '../../http/openapi.ts';
import { todayIso } from '../../http/params.ts';
import {
  categoryRows,
  coverageColumns,
  coverageRows,
  filterMeta,
  lensColumns,
  lensRows,
  supportColumns,
  supportRows,
} from './datasets.ts';
import { facetLabelEn } from './labels.ts';
import {
  categoryCoverageSchema,
  coverageCellSchema,
  coverageMetaSchema,
  coverageQuerySchema,
  differingSchema,
  keyCoverageSchema,
  lensMetaSchema,
  lensPointSchema,
  lensQuerySchema,
  objectiveCoverageSchema,
  regionChangesSchema,
  supportMetaSchema,
  supportPointSchema,
  supportQuerySchema,
} from './schemas.ts';
import { categoryLensAnalysis, coverageAnalysis, supportAnalysis } from './service.ts';

/** A page of rows held in memory (at most a few hundred): the cursor is a position. */
function pageRows<T>(rows: T[], cursor: string | undefined, limit: number) {
  const after = decodeCursor(cursor);
  const { items, nextCursor } = pageOf(
    rows.map((row, sort_key) => ({ row, sort_key })).filter((r) => r.sort_key > after),
    limit,
  );
  return { items: items.map((i) => i.row), nextCursor };
}

export function registerAnalysisApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/analysis/coverage',
      tags: ['Analysis'],
      summary: 'Pledges per objective crossed with region, actor type, WMR 2020 category or compact; gaps',
      description:
        'Counts published pledges per objective and key of `by`, with the fulfilled, overdue and stale counts and shares. ' +
        'A pledge counts once per cell it falls in: under each region one of its places lies in (`global` for places at 001, `none` without a place), under its actor type, under each compact it is made to; ' +
        'with `by=category` each objective has one cell, under its `wmr2020` category (`none` for GCR objectives). ' +
        '`meta.orphans` names the objectives and M49 regions no selected pledge has; `meta.belowMedian` the objectives with fewer pledges than half the median of their category. ' +
        'Overdue and stale follow the pledge flags on today’s date. Definitions: docs/analysis.md.',
      request: { query: coverageQuerySchema },
      responses: listResponse(
        z.union([coverageCellSchema, objectiveCoverageSchema, keyCoverageSchema, categoryCoverageSchema]),
        'The rows of the chosen table',
        coverageMetaSchema,
      ),
    }),
    async (c) => {
      const { by, table, from, to, region, ...query } = c.req.valid('query');
      const result = await coverageAnalysis(c.var.deps.db, by, { from, to, region }, todayIso());
      const a = result.analysis;
      const rows = coverageRows(result, table);
      const page = pageRows(rows, query.cursor, query.limit);
      return sendList(
        c,
        query,
        {
          items: page.items,
          nextCursor: page.nextCursor,
          meta: {
            by,
            table,
            today: result.today,
            filter: filterMeta(result.filter),
            keys: a.keys.map((key) => ({ key, label: facetLabelEn(result.labels, by, key) })),
            total: a.total,
            withObjective: a.withObjective,
            undated: a.undated,
            undatedExcluded: a.undatedExcluded,
            orphans: a.orphans,
            belowMedian: a.belowMedian,
            objectives: a.objectives,
            categories: categoryRows(result),
          },
        },
        {
          filename: `coverage-${by}${table === 'cells' ? '' : `-${table}`}`,
          columns: coverageColumns[table] as CsvColumn<object>[],
        },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/analysis/categories',
      tags: ['Analysis'],
      summary: 'The WMR 2020 categories year by year: pledges, progress updates, fulfilment',
      description:
        'For each `wmr2020` category and calendar year: pledges announced, announced by the end of the year, progress updates reported, pledges reporting, and pledges whose status at the end of the year (the last update on or before 31 December) is fulfilled. ' +
        'A pledge belongs to every category one of its objectives is in. The years run from the first selected announcement (or `from`) to this year; `from`, `to` and `region` select pledges as for coverage.',
      request: { query: lensQuerySchema },
      responses: listResponse(lensPointSchema, 'One row per category and year', lensMetaSchema),
    }),
    async (c) => {
      const { from, to, region, ...query } = c.req.valid('query');
      const result = await categoryLensAnalysis(c.var.deps.db, { from, to, region }, todayIso());
      const page = pageRows(lensRows(result), query.cursor, query.limit);
      return sendList(
        c,
        query,
        {
          items: page.items,
          nextCursor: page.nextCursor,
          meta: {
            today: result.today,
            filter: filterMeta(result.filter),
            years: result.lens.years,
            undated: result.lens.undated,
          },
        },
        { filename: 'category-lens', columns: lensColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/analysis/support',
      tags: ['Analysis'],
      summary: 'Supporters per compact over time, changes per region, States whose stance differs',
      description:
        'Stances follow the positions rules (`/positions`). `series`: counts of each stance at every date a stance changed within the window, with a first point on `from` (counts as of that day) and a last on `to` (default today). ' +
        '`regions`: per M49 region and compact, the changes of stance from `from` to `to`, and the supporters the day before `from` and on `to`. ' +
        '`differing`: States whose stance on the GCM differs from their stance on the GCR on `to`. `region` narrows all three to one region’s States.',
      request: { query: supportQuerySchema },
      responses: listResponse(
        z.union([supportPointSchema, regionChangesSchema, differingSchema]),
        'The rows of the chosen table',
        supportMetaSchema,
      ),
    }),
    async (c) => {
      const { table, from, to, region, ...query } = c.req.valid('query');
      const result = await supportAnalysis(c.var.deps.db, { from, to, region }, todayIso());
      const page = pageRows(supportRows(result, table), query.cursor, query.limit);
      return sendList(
        c,
        query,
        {
          items: page.items,
          nextCursor: page.nextCursor,
          meta: {
            table,
            filter: filterMeta(result.filter),
            to: result.to,
            states: result.states,
            regions: result.regions,
            differing: result.differing,
          },
        },
        {
          filename: `support-${table}`,
          columns: supportColumns[table] as CsvColumn<object>[],
        },
      );
    },
  );
}
