/** API v1: review cycles of both compacts, and the national reviews recorded for them. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { nationalReviewColumns, reviewCyclesDataset } from './datasets.ts';
import { getNationalReview, getReviewCycle, listNationalReviews, listReviewCycles } from './repository.ts';
import {
  cycleIdParam,
  nationalReviewQuerySchema,
  nationalReviewSchema,
  reviewCycleQuerySchema,
  reviewCycleSchema,
  reviewIdParam,
} from './schemas.ts';
import { assertNationalReviewFilter } from './service.ts';

/** Registers `GET /review-cycles`, `/review-cycles/{id}`, `/national-reviews` and `/national-reviews/{id}`. */
export function registerReviewsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/review-cycles',
      tags: ['Reviews'],
      summary: 'Review and pledging cycles of both compacts, in chronological order',
      description:
        'IMRF, GRF, HLOM, the GRF Progress Review and the GCM regional reviews, each with its sources. ' +
        'A cycle whose exact dates were not found has `datePrecision: "year"` and `status: "unverified"`. ' +
        '`pledgeCount` counts the pledges recorded as made at a forum (null where pledges cannot name the cycle).',
      request: { query: reviewCycleQuerySchema },
      responses: listResponse(reviewCycleSchema, 'Review cycles in date order'),
    }),
    async (c) => {
      const { compact, kind, ...query } = c.req.valid('query');
      const rows = await listReviewCycles(c.var.deps.db, {
        compact,
        kind,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...r }) => r), nextCursor },
        { filename: 'review-cycles', columns: reviewCyclesDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/review-cycles/{id}',
      tags: ['Reviews'],
      summary: 'One review cycle, with its national review count and, for a forum, the pledges made at it',
      request: { params: z.object({ id: cycleIdParam }) },
      responses: itemResponse(reviewCycleSchema, 'The review cycle'),
    }),
    async (c) => c.json({ data: await getReviewCycle(c.var.deps.db, c.req.valid('param').id) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/national-reviews',
      tags: ['Reviews'],
      summary: 'National reviews of implementation, by State, review cycle and objective',
      description:
        'Filters: `iso3`, `cycle` (a review cycle id) and `objective` (reviews that report on it). ' +
        'A well-formed value that names no State, cycle or objective is a 400 problem naming the parameter. ' +
        'The CSV twin has the columns of the registry import format, then `stateName` and `cycleName`.',
      request: { query: nationalReviewQuerySchema },
      responses: listResponse(nationalReviewSchema, 'National reviews in registry order'),
    }),
    async (c) => {
      const { iso3, cycle, objective, ...query } = c.req.valid('query');
      const db = c.var.deps.db;
      const afterSortKey = decodeCursor(query.cursor);
      await assertNationalReviewFilter(db, { iso3, cycle, objective });
      const rows = await listNationalReviews(db, {
        iso3,
        cycle,
        objective,
        afterSortKey,
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...r }) => r), nextCursor },
        { filename: 'national-reviews', columns: nationalReviewColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/national-reviews/{id}',
      tags: ['Reviews'],
      summary: 'One national review',
      request: { params: z.object({ id: reviewIdParam }) },
      responses: itemResponse(nationalReviewSchema, 'The national review'),
    }),
    async (c) => c.json({ data: await getNationalReview(c.var.deps.db, c.req.valid('param').id) }, 200),
  );
}
