/** API shapes of States (camelCase JSON). */
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../reference/citations.ts';

const area = z.object({ code: z.string().openapi({ example: '419' }), name: z.string() });

export const stateSchema = z
  .object({
    iso3: z.string().openapi({ example: 'BRA' }),
    iso2: z.string().openapi({ example: 'BR' }),
    numeric: z.string().openapi({ description: 'ISO 3166-1 numeric = UN M49 code', example: '076' }),
    name: z.string().openapi({ description: 'UN M49 name', example: 'Brazil' }),
    names: z.object({ en: z.string(), fr: z.string(), es: z.string() }),
    membership: z
      .enum(['member', 'observer'])
      .openapi({ description: 'UN Member State or non-member observer State' }),
    region: area,
    subregion: area,
    intermediateRegion: area.nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('State');

export type StateView = z.infer<typeof stateSchema>;

/** Path parameter: an ISO 3166-1 alpha-3 code, any case. */
export const iso3Param = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as BRA')
  .transform((s) => s.toUpperCase())
  .openapi({ param: { name: 'iso3', in: 'path' }, example: 'BRA', type: 'string' });
