/** API v1: institutions of the governance architecture and the relations between them. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, listQuerySchema, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { institutionsDataset, relationsDataset } from './datasets.ts';
import { getInstitution, listInstitutions, listRelations } from './repository.ts';
import { institutionFilterSchema, institutionIdParam, institutionSchema, relationSchema } from './schemas.ts';

/** Registers `/institutions`, `/institutions/{id}` and `/relations`. */
export function registerInstitutionsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/institutions',
      tags: ['Institutions'],
      summary: 'Institutions of the governance architecture, each with its relations',
      request: { query: listQuerySchema.extend(institutionFilterSchema.shape) },
      responses: listResponse(institutionSchema, 'Institutions in reference order'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const rows = await listInstitutions(c.var.deps.db, {
        kind: query.kind,
        compact: query.compact,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...i }) => i), nextCursor },
        { filename: 'institutions', columns: institutionsDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/institutions/{id}',
      tags: ['Institutions'],
      summary: 'One institution, with its relations in both directions',
      request: { params: z.object({ id: institutionIdParam }) },
      responses: itemResponse(institutionSchema, 'The institution'),
    }),
    async (c) => c.json({ data: await getInstitution(c.var.deps.db, c.req.valid('param').id) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/relations',
      tags: ['Institutions'],
      summary: 'Relations between institutions, read "from type to"',
      request: { query: listQuerySchema },
      responses: listResponse(relationSchema, 'Relations in reference order'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const rows = await listRelations(c.var.deps.db, {
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(({ sort_key: _, ...r }) => r), nextCursor },
        { filename: 'relations', columns: relationsDataset.columns },
      );
    },
  );
}
