/**
 * API shapes of the pledge registry: pledges (list items and the full
 * record), facet counts, actors, progress updates and assessments, and the
 * query parameters of the lists.
 *
 * Multi-valued filters are comma-separated (`compact=gcm,gcr`); repeating a
 * parameter (`compact=gcm&compact=gcr`, as an HTML form sends it) means the
 * same.
 */
import { z } from '@hono/zod-openapi';
import { PLEDGE_STATUSES } from '../../domain/pledge-flags.ts';
import { FACETS, PLEDGE_FLAG_VALUES } from '../../domain/pledge-search.ts';
import { listQuerySchema } from '../../http/list.ts';
import { isoDateParam } from '../../http/params.ts';
import {
  ACTOR_TYPES,
  ASSESSMENT_STATUSES,
  MATCH_RELATIONS,
  PLEDGE_FORUMS,
  PLEDGE_TYPES,
  RECORD_ID_PATTERN,
} from './records.ts';

const synthetic = z.boolean().openapi({
  description: 'True for generated demonstration or benchmark data, never real: shown as such everywhere',
});

const flagsSchema = z
  .object({
    overdue: z.boolean().openapi({
      description:
        'The target date has passed (before today) and the latest self-reported status is not fulfilled',
    }),
    stale: z.boolean().openapi({
      description:
        'Not fulfilled, and nothing reported for 12 months or more (since the last update, or the announcement when there is none)',
    }),
    quality: z.object({
      hasTargetDate: z.boolean(),
      hasQuantityOrAmount: z.boolean(),
      hasPlace: z.boolean(),
      hasObjective: z.boolean(),
    }),
  })
  .openapi('PledgeFlags', { description: 'Flags as of today (UTC)' });

/** The canonical record (the same fields as the JSON export and the import format). */
const pledgeRecordShape = {
  id: z.string().openapi({ example: 'grf-2019-0001' }),
  compacts: z.array(z.enum(['gcm', 'gcr'])),
  actorId: z.string().openapi({ description: 'The pledging actor: an actor id, or a State’s ISO3 code' }),
  partnerIds: z.array(z.string()),
  title: z.string(),
  description: z.string(),
  type: z.enum(PLEDGE_TYPES),
  objectives: z.array(z.string()).openapi({ example: ['gcr-1', 'gcr-2'] }),
  principles: z.array(z.string()),
  places: z
    .array(z.string())
    .openapi({ description: 'ISO3 codes of States, or M49 region codes (`001` is the world)' }),
  forum: z.enum(PLEDGE_FORUMS),
  announcedOn: z.string().nullable(),
  targetDate: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  quantity: z.number().int().nullable(),
  quantityUnit: z.string().nullable(),
  sources: z.array(z.string()),
  matches: z.array(z.object({ pledgeId: z.string(), relation: z.enum(MATCH_RELATIONS) })).openapi({
    description:
      'Pledges this one is matched with, and what each is to it: the `offer` that meets it, or the `need` it meets',
  }),
  synthetic,
};

const derivedShape = {
  actorName: z.string(),
  actorType: z.enum(ACTOR_TYPES),
  latestStatus: z
    .enum(PLEDGE_STATUSES)
    .nullable()
    .openapi({ description: 'Status of the latest progress update (self-reported); null when none' }),
  lastReportedOn: z.string().nullable(),
  assessmentStatus: z
    .enum(ASSESSMENT_STATUSES)
    .nullable()
    .openapi({ description: 'Status given by the latest independent assessment; null when none' }),
  flags: flagsSchema,
};

export const pledgeSchema = z.object({ ...pledgeRecordShape, ...derivedShape }).openapi('Pledge');

const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const facetsSchema = z
  .object(Object.fromEntries(FACETS.map((f) => [f, facetCounts])))
  .openapi('PledgeFacets', {
    description:
      'For every facet, each value with the number of pledges it would match: all other filters applied, not the facet’s own (disjunctive counts).',
  });

export const actorSchema = z
  .object({
    id: z.string().openapi({ example: 'BRA' }),
    name: z.string(),
    type: z.enum(ACTOR_TYPES),
    iso3: z.string().nullable().openapi({ description: 'The State the actor is, or is based in' }),
    website: z.string().nullable(),
    synthetic,
    origin: z.enum(['reference', 'registry']).openapi({
      description: '`reference`: a State, from the reference list of States; `registry`: imported',
    }),
    pledgeCount: z.number().int().openapi({ description: 'Pledges made by this actor' }),
  })
  .openapi('Actor');

export const actorDetailSchema = actorSchema
  .extend({
    partnerCount: z.number().int().openapi({ description: 'Pledges naming this actor as a partner' }),
  })
  .openapi('ActorDetail');

const actorRefSchema = actorSchema.omit({ pledgeCount: true });

export const updateSchema = z
  .object({
    id: z.string(),
    pledgeId: z.string(),
    reportedOn: z.string(),
    status: z.enum(PLEDGE_STATUSES),
    narrative: z.string(),
    evidence: z.array(z.string()),
    synthetic,
  })
  .openapi('PledgeUpdate', { description: 'A progress update reported by the pledging actor' });

export const assessmentSchema = z
  .object({
    id: z.string(),
    pledgeId: z.string(),
    assessedOn: z.string(),
    assessor: z.string(),
    status: z.enum(ASSESSMENT_STATUSES),
    narrative: z.string(),
    evidence: z.array(z.string()),
    synthetic,
  })
  .openapi('PledgeAssessment', { description: 'An independent assessment of a pledge' });

export const pledgeDetailSchema = z
  .object({
    ...pledgeRecordShape,
    ...derivedShape,
    actor: actorRefSchema,
    partners: z.array(actorRefSchema),
    matched: z
      .array(
        z.object({
          pledgeId: z.string(),
          title: z.string(),
          actorName: z.string(),
          relation: z.enum(MATCH_RELATIONS),
          listedBy: z
            .enum(['this', 'other'])
            .openapi({ description: 'Whether this pledge or the other one records the match' }),
          synthetic,
        }),
      )
      .openapi({ description: 'Matches in both directions' }),
    updates: z.array(updateSchema).openapi({ description: 'Oldest first' }),
    assessments: z.array(assessmentSchema).openapi({ description: 'Oldest first' }),
  })
  .openapi('PledgeDetail');

/**
 * A multi-valued filter: comma-separated values; a repeated parameter is
 * joined first. Each value must be one of `allowed`.
 */
export function listParam(description: string, example: string) {
  return z
    .preprocess(
      (v) => (Array.isArray(v) ? v.join(',') : v),
      z.string().transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      ),
    )
    .optional()
    .openapi({
      description: `${description} Comma-separated for several (any of them).`,
      example,
      type: 'string',
    });
}

const oneOf = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');

export const pledgesQuerySchema = listQuerySchema.extend({
  compact: listParam(`Compacts: ${oneOf(['gcm', 'gcr'])}.`, 'gcr'),
  objective: listParam('Objective ids (`gcm-1` … `gcm-23`, `gcr-1` … `gcr-4`).', 'gcr-2'),
  category: listParam(
    'Categories of the World Migration Report 2020 classification (`wmr2020-1` … `wmr2020-3`), derived from the objectives.',
    'wmr2020-1',
  ),
  actorType: listParam(`Type of the pledging actor: ${oneOf(ACTOR_TYPES)}.`, 'civil_society'),
  region: listParam(
    'Regions the pledge is meant to benefit: UN M49 region codes (`002` Africa, `019` Americas, `142` Asia, `150` Europe, `009` Oceania) or `global` (place `001`).',
    '002',
  ),
  status: listParam(
    `Latest self-reported status: ${oneOf([...PLEDGE_STATUSES, 'none'])} (\`none\`: no update yet).`,
    'in_progress',
  ),
  forum: listParam(`Forum where the pledge was made: ${oneOf(PLEDGE_FORUMS)}.`, 'grf-2019'),
  type: listParam(`Pledge type: ${oneOf(PLEDGE_TYPES)}.`, 'financial'),
  flag: listParam(
    `Flags as of today: ${oneOf(PLEDGE_FLAG_VALUES)}. \`overdue\` and \`stale\` follow the rules given on \`PledgeFlags\`; the others say what the pledge leaves out.`,
    'overdue',
  ),
  actor: listParam('Ids of pledging actors (a State’s is its ISO3 code).', 'BRA'),
  place: listParam('Places the pledge names exactly: ISO3 codes or M49 region codes.', 'KEN'),
  q: z.string().max(200).optional().openapi({
    description:
      'Words in the title or description; every word must match, as a whole word or the start of one. Punctuation and operators are ignored.',
    example: 'education',
  }),
  synthetic: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .optional()
    .openapi({ description: '`false` leaves out generated (synthetic) records; `true` shows only them.' }),
});

const idParam = (name: string, example: string) =>
  z
    .string()
    .regex(RECORD_ID_PATTERN, 'must be an id of letters, digits, ".", "_" or "-"')
    .openapi({ param: { name, in: 'path' }, example });

export const pledgeIdParams = z.object({ id: idParam('id', 'grf-2019-0001') });
export const actorIdParams = z.object({ id: idParam('id', 'BRA') });

const pledgeFilter = z
  .string()
  .regex(RECORD_ID_PATTERN, 'must be a pledge id')
  .optional()
  .openapi({ description: 'Only those of this pledge' });

export const updatesQuerySchema = listQuerySchema.extend({
  pledge: pledgeFilter,
  status: listParam(`Status: ${oneOf(PLEDGE_STATUSES)}.`, 'fulfilled'),
  reportedFrom: isoDateParam.optional().openapi({ description: 'Reported on or after (YYYY-MM-DD)' }),
  reportedTo: isoDateParam.optional().openapi({ description: 'Reported on or before (YYYY-MM-DD)' }),
});

export const assessmentsQuerySchema = listQuerySchema.extend({
  pledge: pledgeFilter,
  status: listParam(`Status: ${oneOf(ASSESSMENT_STATUSES)}.`, 'fulfilled'),
});

export const actorsQuerySchema = listQuerySchema.extend({
  type: listParam(`Actor types: ${oneOf(ACTOR_TYPES)}.`, 'un_entity'),
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .transform((s) => s.toUpperCase())
    .optional()
    .openapi({ description: 'Actors that are, or are based in, this State' }),
  q: z.string().max(100).optional().openapi({ description: 'Part of the name, any case' }),
});
