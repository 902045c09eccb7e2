/** API shapes of milestones (camelCase JSON) and the query of the milestones list. */
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../http/list.ts';
import { COMPACT_IDS, isoDateParam } from '../../http/params.ts';
import { citationSchema } from '../reference/citations.ts';

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const milestoneSchema = z
  .object({
    id: z.string().openapi({ example: 'marrakech-conference' }),
    date: z
      .string()
      .openapi({ description: 'ISO date; meaningful to `datePrecision`', example: '2018-12-10' }),
    datePrecision: z.enum(DATE_PRECISIONS).openapi({
      description: '`2019-01-01` with `year` means "in 2019"',
    }),
    endDate: z
      .string()
      .nullable()
      .openapi({ description: 'Last day of an event lasting several days', example: '2018-12-11' }),
    title: z.string(),
    description: z.string(),
    kind: z.string().openapi({
      description: '`resolution`, `conference`, `forum`, `report`, `launch` or `negotiation`',
      example: 'conference',
    }),
    compacts: z.array(z.enum(COMPACT_IDS)),
    symbol: z.string().nullable().openapi({ description: 'UN document symbol', example: 'A/RES/73/195' }),
    status: z.enum(['verified', 'unverified']),
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('Milestone');

export type MilestoneView = z.infer<typeof milestoneSchema>;

const filterShape = {
  compact: z.enum(COMPACT_IDS).optional().openapi({ description: 'Only milestones of this compact' }),
  from: isoDateParam.optional().openapi({
    description: 'Only milestones ending on or after this date (YYYY-MM-DD)',
    example: '2018-01-01',
  }),
  to: isoDateParam.optional().openapi({
    description: 'Only milestones starting on or before this date (YYYY-MM-DD)',
    example: '2019-12-31',
  }),
};
const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to;
const fromAfterTo = { message: 'must not be after `to`', path: ['from'] };

/** The filter of the timeline page: compact and date range. */
export const milestoneFilterSchema = z.object(filterShape).refine(fromNotAfterTo, fromAfterTo);
export type MilestoneFilterQuery = z.infer<typeof milestoneFilterSchema>;

/** The query of `GET /milestones`: the list contract plus the filter. */
export const milestoneQuerySchema = listQuerySchema.extend(filterShape).refine(fromNotAfterTo, fromAfterTo);
