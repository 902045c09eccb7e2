/** API shapes of review cycles and national reviews (camelCase JSON) and the queries of their lists. */
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../http/list.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { DATE_PRECISIONS } from '../milestones/schemas.ts';
import { citationSchema } from '../reference/citations.ts';
import { REVIEW_CYCLE_KINDS } from '../reference/schema.ts';

export { REVIEW_CYCLE_KINDS };
export type ReviewCycleKind = (typeof REVIEW_CYCLE_KINDS)[number];

export const reviewCycleSchema = z
  .object({
    id: z.string().openapi({
      description: 'For a forum where pledges are made, the id pledges name as their `forum`',
      example: 'grf-2023',
    }),
    name: z.string().openapi({ example: 'Global Refugee Forum 2023' }),
    kind: z.enum(REVIEW_CYCLE_KINDS).openapi({
      description:
        '`imrf` International Migration Review Forum; `grf` Global Refugee Forum; `hlom` High-Level Officials Meeting; `progress_review` GRF Progress Review; `regional_review` GCM regional reviews',
    }),
    compact: z.enum(COMPACT_IDS),
    startDate: z
      .string()
      .openapi({ description: 'ISO date; meaningful to `datePrecision`', example: '2023-12-13' }),
    endDate: z.string().nullable().openapi({ example: '2023-12-15' }),
    datePrecision: z.enum(DATE_PRECISIONS).openapi({
      description: '`2026-01-01` with `year` means "in 2026": the exact dates were not found',
    }),
    milestone: z
      .string()
      .nullable()
      .openapi({ description: 'The timeline milestone of the same event', example: 'grf-2023' }),
    description: z.string(),
    status: z.enum(['verified', 'unverified']),
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
    nationalReviewCount: z.int().openapi({ description: 'National reviews recorded for this cycle' }),
    pledgeCount: z.int().nullable().openapi({
      description:
        'Pledges recorded as made at this forum; null for a cycle that pledges cannot name as their forum',
    }),
  })
  .openapi('ReviewCycle');
export type ReviewCycleView = z.infer<typeof reviewCycleSchema>;

export const nationalReviewSchema = z
  .object({
    id: z.string().openapi({ example: 'NR-BRA-IMRF-2022' }),
    iso3: z.string().openapi({ example: 'BRA' }),
    cycleId: z.string().openapi({ example: 'imrf-2022' }),
    submittedOn: z.string().openapi({ example: '2022-03-15' }),
    title: z.string(),
    documentUrl: z.string(),
    objectives: z.array(z.string()).openapi({ description: 'Objectives the review reports on' }),
    synthetic: z.boolean().openapi({ description: 'Generated demo or test data, not a real review' }),
    stateName: z.string().openapi({ example: 'Brazil' }),
    cycleName: z.string().openapi({ example: 'International Migration Review Forum 2022' }),
  })
  .openapi('NationalReview');
export type NationalReviewView = z.infer<typeof nationalReviewSchema>;

export const reviewCycleQuerySchema = listQuerySchema.extend({
  compact: z.enum(COMPACT_IDS).optional().openapi({ description: 'Only the cycles of this compact' }),
  kind: z.enum(REVIEW_CYCLE_KINDS).optional().openapi({ description: 'Only cycles of this kind' }),
});

export const nationalReviewFilterShape = {
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as BRA')
    .transform((s) => s.toUpperCase())
    .optional()
    .openapi({ description: 'Only the reviews of this State', example: 'BRA', type: 'string' }),
  cycle: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .openapi({ description: 'Only the reviews of this review cycle', example: 'imrf-2022' }),
  objective: z
    .string()
    .regex(/^(gcm|gcr)-\d{1,2}$/, 'must be an objective id such as gcm-5')
    .optional()
    .openapi({ description: 'Only the reviews that report on this objective', example: 'gcm-5' }),
};
export const nationalReviewQuerySchema = listQuerySchema.extend(nationalReviewFilterShape);
export type NationalReviewFilterQuery = {
  iso3?: string | undefined;
  cycle?: string | undefined;
  objective?: string | undefined;
};

/** Path parameter of a review cycle. */
export const cycleIdParam = z
  .string()
  .openapi({ param: { name: 'id', in: 'path' }, example: 'grf-2023', type: 'string' });
/** Path parameter of a national review. */
export const reviewIdParam = z
  .string()
  .openapi({ param: { name: 'id', in: 'path' }, example: 'NR-BRA-IMRF-2022', type: 'string' });
