/** API v1: compacts, their objectives and principles. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, listQuerySchema, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { compactsDataset, objectivesDataset } from './datasets.ts';
import { assertCompactExists, getCompact, getObjective, listCompacts, listObjectives } from './repository.ts';
import { compactIdParam, compactSchema, objectiveSchema } from './schemas.ts';

export function registerCompactsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/compacts',
      tags: ['Compacts'],
      summary: 'Both compacts',
      request: { query: listQuerySchema },
      responses: listResponse(compactSchema, 'The GCM and the GCR'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const after = decodeCursor(query.cursor);
      const all = (await listCompacts(c.var.deps.db)).map((x, i) => ({ ...x, sort_key: i }));
      const { items, nextCursor } = pageOf(
        all.filter((x) => x.sort_key > after),
        query.limit,
      );
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...x }) => x), nextCursor },
        { filename: 'compacts', columns: compactsDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/compacts/{id}',
      tags: ['Compacts'],
      summary: 'One compact, with its structure, guiding principles and follow-up',
      request: { params: z.object({ id: compactIdParam }) },
      responses: itemResponse(compactSchema, 'The compact'),
    }),
    async (c) => c.json({ data: await getCompact(c.var.deps.db, c.req.valid('param').id) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/compacts/{id}/objectives',
      tags: ['Compacts'],
      summary: "A compact's objectives",
      request: { params: z.object({ id: compactIdParam }), query: listQuerySchema },
      responses: listResponse(objectiveSchema, 'Objectives in order'),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      await assertCompactExists(c.var.deps.db, id); // 404 for an unknown compact, not an empty list
      const rows = await listObjectives(c.var.deps.db, {
        compactId: id,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...o }) => o), nextCursor },
        { filename: `${id}-objectives`, columns: objectivesDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/objectives/{id}',
      tags: ['Compacts'],
      summary: 'One objective',
      request: {
        params: z.object({
          id: z
            .string()
            .regex(/^(gcm|gcr)-\d{1,2}$/, 'must look like gcm-1 … gcm-23 or gcr-1 … gcr-4')
            .openapi({ param: { name: 'id', in: 'path' }, example: 'gcm-11' }),
        }),
      },
      responses: itemResponse(objectiveSchema, 'The objective'),
    }),
    async (c) => c.json({ data: await getObjective(c.var.deps.db, c.req.valid('param').id) }, 200),
  );
}
