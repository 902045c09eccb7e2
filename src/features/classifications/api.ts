/** API v1: classification schemes of objectives. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { csvResponse, decodeCursor, listQuerySchema, pageOf, sendList, toCsv } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { classificationRows, classificationsDataset } from './datasets.ts';
import { getClassification, listClassifications } from './repository.ts';
import { classificationIdParam, classificationSchema } from './schemas.ts';

const CSV_NOTE = 'With `format=csv`, one row per category and objective.';

/** Registers `GET /classifications` and `GET /classifications/{id}`. */
export function registerClassificationsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/classifications',
      tags: ['Classifications'],
      summary: 'Classification schemes of objectives',
      description: `Every scheme with its categories and their objectives. ${CSV_NOTE}`,
      request: { query: listQuerySchema },
      responses: listResponse(classificationSchema, 'Schemes in order'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const rows = await listClassifications(c.var.deps.db, {
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      const schemes = items.map(({ sort_key: _, ...s }) => s);
      // The CSV twin pages by scheme like the JSON, but flattens each scheme into its rows.
      if (query.format === 'csv') {
        return sendList(
          c,
          query,
          { items: classificationRows(schemes), nextCursor },
          { filename: 'classifications', columns: classificationsDataset.columns },
        );
      }
      // The JSON branch never reads the CSV columns.
      return sendList(c, query, { items: schemes, nextCursor }, { filename: 'classifications', columns: [] });
    },
  );

  const item = itemResponse(classificationSchema, 'The scheme');
  api.openapi(
    createRoute({
      method: 'get',
      path: '/classifications/{id}',
      tags: ['Classifications'],
      summary: 'One classification scheme',
      description: CSV_NOTE,
      request: {
        params: z.object({ id: classificationIdParam }),
        query: z.object({
          format: z
            .enum(['json', 'csv'])
            .default('json')
            .openapi({ description: '`csv` returns the scheme as CSV.' }),
        }),
      },
      responses: {
        ...item,
        200: { ...item[200], content: { ...item[200].content, 'text/csv': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const scheme = await getClassification(c.var.deps.db, id);
      if (c.req.valid('query').format === 'csv') {
        return csvResponse(c, id, toCsv(classificationRows([scheme]), classificationsDataset.columns));
      }
      return c.json({ data: scheme }, 200);
    },
  );
}
