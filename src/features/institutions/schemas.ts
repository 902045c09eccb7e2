/** API shapes of institutions and the relations between them (camelCase JSON). */
import { z } from '@hono/zod-openapi';
import { citationSchema } from '../reference/citations.ts';
import { INSTITUTION_KINDS, RELATION_TYPES } from '../reference/schema.ts';

export const institutionKindSchema = z.enum(INSTITUTION_KINDS).openapi({ example: 'un-entity' });
export const relationTypeSchema = z.enum(RELATION_TYPES).openapi({
  example: 'coordinates',
  description: 'Read as "from *type* to", e.g. IOM coordinates the UN Network on Migration.',
});
const compactIdSchema = z.enum(['gcm', 'gcr']);

export const institutionIdParam = z
  .string()
  .openapi({ param: { name: 'id', in: 'path' }, example: 'un-network-on-migration' });

export const institutionFilterSchema = z.object({
  kind: institutionKindSchema.optional().openapi({ description: 'Only institutions of this kind.' }),
  compact: compactIdSchema
    .optional()
    .openapi({ description: 'Only institutions with a role in this compact.' }),
});

const institutionRefSchema = z
  .object({ id: z.string(), name: z.string(), shortName: z.string().nullable() })
  .openapi('InstitutionRef');

export const institutionRelationSchema = z
  .object({
    id: z.string().openapi({ example: 'iom-coordinates-un-network-on-migration' }),
    type: relationTypeSchema,
    direction: z.enum(['outgoing', 'incoming']).openapi({
      description: '`outgoing`: this institution *type* the other; `incoming`: the other *type* this one.',
    }),
    other: institutionRefSchema,
    note: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('InstitutionRelation');

export const institutionSchema = z
  .object({
    id: z.string().openapi({ example: 'iom' }),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: institutionKindSchema,
    compacts: z.array(compactIdSchema),
    description: z.string(),
    established: z.string().nullable().openapi({ description: 'A year or an ISO date', example: '2019' }),
    status: z.enum(['verified', 'unverified']),
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
    relations: z.array(institutionRelationSchema),
  })
  .openapi('Institution');

export const relationSchema = z
  .object({
    id: z.string().openapi({ example: 'iom-coordinates-un-network-on-migration' }),
    from: z.string().openapi({ example: 'iom' }),
    to: z.string().openapi({ example: 'un-network-on-migration' }),
    type: relationTypeSchema,
    note: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('Relation');

export type InstitutionKind = z.infer<typeof institutionKindSchema>;
export type RelationType = z.infer<typeof relationTypeSchema>;
export type InstitutionView = z.infer<typeof institutionSchema>;
export type InstitutionRelationView = z.infer<typeof institutionRelationSchema>;
export type RelationView = z.infer<typeof relationSchema>;
