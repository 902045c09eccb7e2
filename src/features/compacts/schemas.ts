/** API shapes of compacts, objectives and guiding principles (camelCase JSON). */
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../reference/citations.ts';

export const compactIdParam = z
  .string()
  .openapi({ param: { name: 'id', in: 'path' }, example: 'gcm', description: '`gcm` or `gcr`' });

const curated = {
  status: z.enum(['verified', 'unverified']),
  notes: z.string().nullable(),
  sources: z.array(citationSchema),
};

type StructureNode = { title: string; paragraphs?: string; notes?: string; children?: StructureNode[] };
export const structureNodeSchema: z.ZodType<StructureNode> = z
  .lazy(() =>
    z.object({
      title: z.string(),
      paragraphs: z.string().optional(),
      notes: z.string().optional(),
      children: z.array(structureNodeSchema).optional(),
    }),
  )
  .openapi('StructureNode', { type: 'object' });

export const followUpSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    frequency: z.string().nullable(),
    paragraph: z.string().nullable(),
    ...curated,
  })
  .openapi('FollowUpMechanism');

export const principleSchema = z
  .object({
    id: z.string().openapi({ example: 'gcm-gp-a' }),
    compact: z.string(),
    position: z.number().int(),
    code: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    ...curated,
  })
  .openapi('GuidingPrinciple');

export const compactSchema = z
  .object({
    id: z.string().openapi({ example: 'gcm' }),
    name: z.string(),
    shortName: z.string(),
    acronym: z.string(),
    legallyBinding: z.boolean(),
    legalNature: z.string(),
    summary: z.string(),
    adoption: z.object({
      body: z.string(),
      place: z.string().optional(),
      date: z.string(),
      manner: z.string().optional(),
      notes: z.string().optional(),
    }),
    endorsement: z.object({
      resolution: z.string(),
      date: z.string(),
      verb: z.enum(['endorsed', 'affirmed']),
      vote: z
        .object({ yes: z.number(), no: z.number(), abstain: z.number(), notVoting: z.number().optional() })
        .optional(),
    }),
    structure: z.array(structureNodeSchema),
    followUp: z.array(followUpSchema),
    principles: z.array(principleSchema),
    objectiveCount: z.number().int(),
    ...curated,
  })
  .openapi('Compact');

export const categoryRefSchema = z
  .object({ scheme: z.string(), id: z.string(), name: z.string(), position: z.number().int() })
  .openapi('CategoryRef');

export const objectiveSchema = z
  .object({
    id: z.string().openapi({ example: 'gcm-1' }),
    compact: z.string().openapi({ example: 'gcm' }),
    number: z.number().int(),
    title: z.string(),
    shortLabel: z.string(),
    paragraph: z.number().int().nullable(),
    actionCount: z.number().int().nullable(),
    actionCountNote: z.string().nullable(),
    categories: z.array(categoryRefSchema),
    ...curated,
  })
  .openapi('Objective');

export type CompactView = z.infer<typeof compactSchema>;
export type ObjectiveView = z.infer<typeof objectiveSchema>;
export type PrincipleView = z.infer<typeof principleSchema>;
