/**
 * API shape of a State's country brief (camelCase JSON): the figures and
 * lists the printable page shows, each citation as a number into one list of
 * references.
 */
import { z } from '@hono/zod-openapi';
import { PLEDGE_STATUSES } from '../../domain/pledge-flags.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { positionEventSchema, stanceEnum, voteEnum } from '../positions/schemas.ts';

const precision = z.enum(['day', 'month', 'year']);

/** A citation: the number of a reference, and where in that source (page, paragraph), if said. */
export const citeSchema = z
  .object({
    ref: z.int().openapi({ description: 'Number of the entry in `references`', example: 1 }),
    locator: z.string().nullable().openapi({ example: 'para. 15' }),
  })
  .openapi('BriefCite');
export type BriefCite = z.infer<typeof citeSchema>;

export const referenceSchema = z
  .object({
    ref: z.int().openapi({ example: 1 }),
    id: z.string().openapi({ description: 'Source id, or the address for a source given only by its URL' }),
    title: z.string(),
    symbol: z.string().nullable(),
    url: z.string().nullable(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
  })
  .openapi('BriefReference');
export type BriefReference = z.infer<typeof referenceSchema>;

const stanceSchema = z.object({
  compact: z.enum(COMPACT_IDS),
  stance: stanceEnum,
  since: z.string().nullable(),
  sincePrecision: precision.nullable(),
  eventId: z.string().nullable(),
});

const briefEventSchema = positionEventSchema
  .omit({ sources: true })
  .extend({
    change: z
      .object({ from: stanceEnum, to: stanceEnum })
      .nullable()
      .openapi({ description: 'The change of stance this event made, if any' }),
    cites: z.array(citeSchema),
  })
  .openapi('BriefEvent');
export type BriefEvent = z.infer<typeof briefEventSchema>;

const voteSchema = z
  .object({
    eventId: z.string(),
    resolution: z.object({ id: z.string(), symbol: z.string() }),
    compact: z.enum(COMPACT_IDS),
    date: z.string(),
    datePrecision: precision,
    vote: voteEnum,
    conflictId: z.string().nullable().openapi({ description: 'The source conflict about this vote, if any' }),
    cites: z.array(citeSchema),
  })
  .openapi('BriefVote');
export type BriefVote = z.infer<typeof voteSchema>;

const conflictSchema = z
  .object({
    id: z.string(),
    symbol: z.string().openapi({ example: 'A/RES/73/151' }),
    description: z.string(),
    readings: z.array(z.object({ text: z.string(), preferred: z.boolean(), cites: z.array(citeSchema) })),
  })
  .openapi('BriefConflict');
export type BriefConflict = z.infer<typeof conflictSchema>;

const pledgeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    compacts: z.array(z.enum(COMPACT_IDS)),
    objectives: z.array(z.string()),
    status: z
      .enum(PLEDGE_STATUSES)
      .nullable()
      .openapi({ description: 'Latest reported status; null when nothing is reported yet' }),
    announcedOn: z.string().nullable(),
    targetDate: z.string().nullable(),
    overdue: z.boolean(),
    stale: z.boolean(),
    synthetic: z.boolean(),
    cites: z.array(citeSchema),
  })
  .openapi('BriefPledge');
export type BriefPledge = z.infer<typeof pledgeSchema>;

const objectiveCountSchema = z.object({
  id: z.string().openapi({ example: 'gcm-5' }),
  shortLabel: z.string(),
  pledges: z.int().openapi({ description: 'Pledges of this State that address the objective' }),
});

export const briefSchema = z
  .object({
    iso3: z.string().openapi({ example: 'BRA' }),
    name: z.string().openapi({ description: 'UN M49 name', example: 'Brazil' }),
    names: z.object({ en: z.string(), fr: z.string(), es: z.string() }),
    membership: z.enum(['member', 'observer']),
    region: z.object({ code: z.string(), name: z.string() }),
    subregion: z.object({ code: z.string(), name: z.string() }),
    asOf: z
      .string()
      .openapi({ description: 'The day stances and pledge flags are given for', example: '2026-05-01' }),
    dataVersion: z.int().openapi({ description: 'Raised by every change to the data' }),
    dataChangedAt: z.string().openapi({ description: 'When the data last changed (ISO 8601)' }),
    licence: z.string().openapi({ example: 'CC BY 4.0' }),
    licenceUrl: z.string(),
    url: z.string().openapi({ description: 'Permanent address of the printable brief' }),
    stateCites: z.array(citeSchema).openapi({ description: 'Sources of the codes and region' }),
    stances: z.array(stanceSchema).openapi({ description: 'The stance on each compact on `asOf`' }),
    history: z
      .array(z.object({ compact: z.enum(COMPACT_IDS), events: z.array(briefEventSchema) }))
      .openapi({ description: 'Every position event on each compact, oldest first' }),
    votes: z.array(voteSchema).openapi({ description: 'Recorded votes of 2018 (the endorsing resolutions)' }),
    conflicts: z
      .array(conflictSchema)
      .openapi({ description: 'Disagreements between sources about this State, with both readings' }),
    pledges: z.object({
      total: z.int(),
      byStatus: z.object({
        planning: z.int(),
        in_progress: z.int(),
        fulfilled: z.int(),
        none: z.int().openapi({ description: 'Nothing reported yet' }),
      }),
      overdue: z.int(),
      stale: z.int(),
      explorerUrl: z.string().openapi({ description: 'Every pledge of the State in the pledge explorer' }),
      items: z
        .array(pledgeSchema)
        .openapi({ description: 'The most recently announced pledges (at most 10); the counts cover all' }),
    }),
    objectives: z.object({
      byCompact: z.array(
        z.object({
          compact: z.enum(COMPACT_IDS),
          pledges: z.int(),
          objectives: z.array(objectiveCountSchema),
        }),
      ),
      scheme: z.string().openapi({ example: 'wmr2020' }),
      byCategory: z.array(
        z.object({
          id: z.string().openapi({ example: 'wmr2020-1' }),
          name: z.string(),
          pledges: z.int(),
          objectives: z.array(objectiveCountSchema),
        }),
      ),
    }),
    nationalReviews: z.array(
      z.object({
        id: z.string(),
        cycleId: z.string(),
        cycleName: z.string(),
        submittedOn: z.string(),
        title: z.string(),
        documentUrl: z.string(),
        objectives: z.array(z.string()),
        synthetic: z.boolean(),
        cites: z.array(citeSchema),
      }),
    ),
    references: z
      .array(referenceSchema)
      .openapi({ description: 'Every source cited, numbered in order of first citation' }),
  })
  .openapi('StateBrief');
export type StateBrief = z.infer<typeof briefSchema>;
