/** API shapes of positions, position events, votes and resolutions. */
import { z } from '@hono/zod-openapi';
import { EVENT_KINDS, STANCES } from '../../domain/stance.ts';
import { listQuerySchema } from '../../http/list.ts';
import { COMPACT_IDS, isoDateParam } from '../../http/params.ts';
import { citationSchema } from '../reference/citations.ts';

export const stanceEnum = z
  .enum(STANCES)
  .openapi({ description: '`supports`, `opposes`, `abstains` or `undeclared`' });
export const voteEnum = z.enum(['yes', 'no', 'abstain', 'absent']);
export type VoteValue = z.infer<typeof voteEnum>;
const precision = z.enum(['day', 'month', 'year']);

export const conflictRefSchema = z
  .object({ id: z.string(), description: z.string() })
  .openapi('ConflictRef', { description: 'A disagreement between sources that concerns this record' });

export const positionEventSchema = z
  .object({
    id: z.string().openapi({ example: 'bra-gcm-2019-01-08' }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Corrections add versions; earlier ones stay readable' }),
    state: z.string().openapi({ example: 'BRA' }),
    compact: z.enum(COMPACT_IDS),
    date: z.string().openapi({ example: '2019-01-08' }),
    datePrecision: precision,
    endDate: z.string().nullable(),
    kind: z.enum(EVENT_KINDS),
    stance: stanceEnum
      .nullable()
      .openapi({ description: 'The stance the event implies; null when it implies none' }),
    title: z.string(),
    note: z.string().nullable(),
    status: z.enum(['verified', 'unverified']),
    vote: voteEnum.nullable().openapi({ description: 'For recorded votes: how the State voted' }),
    resolution: z.object({ id: z.string(), symbol: z.string() }).nullable(),
    conflict: conflictRefSchema.nullable(),
    recordedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When this version was recorded (null for roll-call votes)' }),
    supersededAt: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('PositionEvent');
export type PositionEventView = z.infer<typeof positionEventSchema>;

export const positionSchema = z
  .object({
    iso3: z.string().openapi({ example: 'BRA' }),
    name: z.string(),
    compact: z.enum(COMPACT_IDS),
    region: z.string().openapi({ description: 'UN M49 region name' }),
    stance: stanceEnum,
    since: z
      .string()
      .nullable()
      .openapi({ description: 'Date of the event that set the stance', example: '2019-01-08' }),
    sincePrecision: precision.nullable(),
    eventId: z.string().nullable(),
    conflict: conflictRefSchema.nullable(),
  })
  .openapi('Position');
export type PositionView = z.infer<typeof positionSchema>;

export const stanceCountsSchema = z
  .object({
    supports: z.number().int(),
    opposes: z.number().int(),
    abstains: z.number().int(),
    undeclared: z.number().int(),
  })
  .openapi('StanceCounts');

export const changeSchema = z
  .object({
    date: z.string(),
    datePrecision: precision,
    iso3: z.string(),
    name: z.string(),
    compact: z.enum(COMPACT_IDS),
    from: stanceEnum,
    to: stanceEnum,
    event: positionEventSchema,
  })
  .openapi('PositionChange');
export type ChangeView = z.infer<typeof changeSchema>;

export const voteSchema = z
  .object({
    iso3: z.string().openapi({ example: 'HUN' }),
    name: z.string(),
    vote: voteEnum,
    conflict: conflictRefSchema.nullable(),
  })
  .openapi('Vote');
export type VoteView = z.infer<typeof voteSchema>;

export const resolutionSchema = z
  .object({
    id: z.string().openapi({ example: 'a-res-73-195' }),
    symbol: z.string().openapi({ example: 'A/RES/73/195' }),
    compact: z.enum(COMPACT_IDS),
    date: z.string(),
    title: z.string(),
    subject: z.string(),
    impliesStance: z.boolean(),
    official: z.object({
      yes: z.number(),
      no: z.number(),
      abstain: z.number(),
      notVoting: z.number().nullable(),
    }),
    recorded: z
      .enum(['complete', 'partial'])
      .openapi({ description: "`partial`: only some States' votes are known" }),
    conflicts: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        states: z.array(z.string()),
        readings: z.array(
          z.object({ text: z.string(), preferred: z.boolean(), sources: z.array(citationSchema) }),
        ),
      }),
    ),
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('Resolution');
export type ResolutionView = z.infer<typeof resolutionSchema>;

const compactQuery = z.enum(COMPACT_IDS);
const knownAt = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z' })
  .optional()
  .openapi({
    description:
      'Answer as the record stood at this moment (before later corrections). Default: the current record.',
  });

export const positionsQuerySchema = listQuerySchema.extend({
  compact: compactQuery.openapi({ description: '`gcm` or `gcr`', example: 'gcm' }),
  asOf: isoDateParam
    .optional()
    .openapi({ description: 'Date (YYYY-MM-DD); default today', example: '2020-01-01' }),
  region: z.string().optional().openapi({ description: 'UN M49 region code, e.g. 150 (Europe)' }),
  stance: z.enum(STANCES).optional(),
  knownAt,
});

export const changesQuerySchema = listQuerySchema.extend({
  compact: compactQuery.optional(),
  from: isoDateParam.optional().openapi({ example: '2018-01-01' }),
  to: isoDateParam.optional().openapi({ example: '2023-12-31' }),
  state: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .transform((s) => s.toUpperCase())
    .optional(),
  knownAt,
});

export const votesQuerySchema = listQuerySchema.extend({
  resolution: z.string().min(1).openapi({ description: 'Symbol or id', example: 'A/RES/73/195' }),
  vote: voteEnum.optional(),
});
