/** API shapes of classification schemes: categories of a compact's objectives (camelCase JSON). */
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../reference/citations.ts';

export const classificationIdParam = z.string().openapi({
  param: { name: 'id', in: 'path' },
  example: 'wmr2020',
  description: 'Id of a classification scheme',
});

export const classificationMemberSchema = z
  .object({
    objective: z.string().openapi({ example: 'gcm-1' }),
    number: z.number().int(),
    title: z.string().openapi({ description: 'Official title of the objective' }),
    shortLabel: z.string(),
    label: z.string().nullable().openapi({
      description: "The source's own wording for the objective",
      example: 'Improving migration data and research',
    }),
  })
  .openapi('ClassificationMember');

export const classificationCategorySchema = z
  .object({
    id: z.string().openapi({ example: 'wmr2020-1' }),
    position: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    objectives: z
      .array(z.string())
      .openapi({ description: 'Objective ids, in the order of the source', example: ['gcm-1', 'gcm-3'] }),
    members: z.array(classificationMemberSchema),
  })
  .openapi('ClassificationCategory');

export const classificationSchema = z
  .object({
    id: z.string().openapi({ example: 'wmr2020' }),
    name: z.string(),
    compact: z.string().openapi({ example: 'gcm' }),
    description: z.string(),
    status: z.enum(['verified', 'unverified']),
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
    categories: z.array(classificationCategorySchema),
  })
  .openapi('ClassificationScheme');

export type ClassificationView = z.infer<typeof classificationSchema>;
export type ClassificationCategoryView = z.infer<typeof classificationCategorySchema>;
export type ClassificationMemberView = z.infer<typeof classificationMemberSchema>;
