/** API v1: the timeline of milestones. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, pageOf, sendList } from '../../http/list.ts';
import { listResponse } from '../../http/openapi.ts';
import { milestonesDataset } from './datasets.ts';
import { listMilestones } from './repository.ts';
import { milestoneQuerySchema, milestoneSchema } from './schemas.ts';

/** Registers `GET /milestones`. */
export function registerMilestonesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/milestones',
      tags: ['Milestones'],
      summary: 'Milestones of the compacts, in chronological order',
      description:
        'Filter by `compact` and by a date range: `from`/`to` keep milestones whose span overlaps the range. ' +
        'A month- or year-precision date is stored as its first day and compared as such.',
      request: { query: milestoneQuerySchema },
      responses: listResponse(milestoneSchema, 'Milestones in date order'),
    }),
    async (c) => {
      const { compact, from, to, ...query } = c.req.valid('query');
      const rows = await listMilestones(c.var.deps.db, {
        compact,
        from,
        to,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...m }) => m), nextCursor },
        { filename: 'milestones', columns: milestonesDataset.columns },
      );
    },
  );
}
