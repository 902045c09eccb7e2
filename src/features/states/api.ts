/** API v1: States, and each State's positions over time. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, listQuerySchema, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { todayIso } from '../../http/params.ts';
import { positionEventSchema, stanceEnum } from '../positions/schemas.ts';
import { stateTimelines } from '../positions/service.ts';
import { statesDataset } from './datasets.ts';
import { getState, listStates } from './repository.ts';
import { iso3Param, stateSchema } from './schemas.ts';

const timelineSchema = z
  .object({
    compact: z.enum(['gcm', 'gcr']),
    current: z.object({
      stance: stanceEnum,
      since: z.string().nullable(),
      sincePrecision: z.enum(['day', 'month', 'year']).nullable(),
      eventId: z.string().nullable(),
    }),
    events: z.array(positionEventSchema),
    changes: z.array(z.object({ date: z.string(), from: stanceEnum, to: stanceEnum, eventId: z.string() })),
  })
  .openapi('StanceTimeline');

export function registerStatesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/states',
      tags: ['States'],
      summary: 'The 193 UN Member States and the two observer States',
      request: {
        query: listQuerySchema.extend({
          region: z
            .string()
            .regex(/^\d{3}$/, 'must be a three-digit UN M49 region code')
            .optional()
            .openapi({ example: '150' }),
          subregion: z
            .string()
            .regex(/^\d{3}$/, 'must be a three-digit UN M49 sub-region code')
            .optional(),
          membership: z.enum(['member', 'observer']).optional(),
        }),
      },
      responses: listResponse(stateSchema, 'States in name order'),
    }),
    async (c) => {
      const { region, subregion, membership, ...query } = c.req.valid('query');
      const rows = await listStates(c.var.deps.db, {
        region,
        subregion,
        membership,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...s }) => s), nextCursor },
        { filename: 'states', columns: statesDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/states/{iso3}',
      tags: ['States'],
      summary: 'One State',
      request: { params: z.object({ iso3: iso3Param }) },
      responses: itemResponse(stateSchema, 'The State'),
    }),
    async (c) => c.json({ data: await getState(c.var.deps.db, c.req.valid('param').iso3) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/states/{iso3}/positions',
      tags: ['States', 'Positions'],
      summary: "A State's position on each compact: every event, the changes, and the stance today",
      request: { params: z.object({ iso3: iso3Param }) },
      responses: itemResponse(
        z
          .object({
            iso3: z.string(),
            name: z.string(),
            asOf: z.string(),
            timelines: z.array(timelineSchema),
          })
          .openapi('StatePositions'),
        'One timeline per compact',
      ),
    }),
    async (c) => {
      const db = c.var.deps.db;
      const state = await getState(db, c.req.valid('param').iso3);
      const asOf = todayIso();
      return c.json(
        {
          data: {
            iso3: state.iso3,
            name: state.name,
            asOf,
            timelines: await stateTimelines(db, state, asOf),
          },
        },
        200,
      );
    },
  );
}
