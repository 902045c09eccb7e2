/**
 * Building blocks for OpenAPI route definitions, so every route documents the
 * same envelopes and error shape.
 */
import { z } from '@hono/zod-openapi';
import { pageSchema } from './list.ts';

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: '/api#problem-not_found' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'not_found' }),
    instance: z.string(),
    errors: z.array(z.object({ location: z.string().optional(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const errorResponses = {
  400: problem('Malformed parameters'),
  404: problem('No such resource'),
} as const;

/** `{ data: item }` */
export function itemResponse<T extends z.ZodType>(schema: T, description: string) {
  return {
    200: { description, content: { 'application/json': { schema: z.object({ data: schema }) } } },
    ...errorResponses,
  };
}

/** `{ data: [item], page, meta? }` or its CSV twin. */
export function listResponse<T extends z.ZodType>(schema: T, description: string, meta?: z.ZodType) {
  return {
    200: {
      description: `${description}. With \`format=csv\`, the same page as CSV; a \`Link: rel="next"\` header points at the next page.`,
      content: {
        'application/json': {
          schema: z.object({ data: z.array(schema), page: pageSchema, ...(meta ? { meta } : {}) }),
        },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses,
  };
}
