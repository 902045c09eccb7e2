/**
 * The canonical form of the registry's records: what the JSON export writes,
 * what every importer produces before anything is written, and what the API
 * returns as a record's core. Field names are camelCase; dates are ISO 8601.
 *
 * These schemas check one record on its own. Whether the ids it refers to
 * exist (actors, objectives, pledges) is checked by the importer, which sees
 * the whole file and the database.
 *
 * @example
 * const pledge = pledgeRecordSchema.parse(json); // throws a ZodError naming the field
 */
import { z } from 'zod';
import { PLEDGE_STATUSES } from '../../domain/pledge-flags.ts';

/** A stable public id: letters, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
export const recordId = z
  .string()
  .regex(
    RECORD_ID_PATTERN,
    'must be an id of letters, digits, ".", "_" or "-" (at most 80), starting with a letter or digit',
  );

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !/\s/.test(v);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const uniqueList = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item).refine((xs) => new Set(xs).size === xs.length, `lists a ${what} twice`);

export const ACTOR_TYPES = [
  'state',
  'un_entity',
  'igo',
  'civil_society',
  'migrant_diaspora',
  'private_sector',
  'local_authority',
  'trade_union',
  'academia',
  'nhri',
  'parliament',
  'other',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const PLEDGE_TYPES = [
  'financial',
  'material',
  'technical',
  'policy',
  'resettlement_places',
  'complementary_pathways',
  'other',
] as const;
export type PledgeType = (typeof PLEDGE_TYPES)[number];

/** Forums where pledges are made; the ids are those of the review cycles. */
export const PLEDGE_FORUMS = ['grf-2019', 'grf-2023', 'imrf-2022', 'imrf-2026', 'other'] as const;
export type PledgeForum = (typeof PLEDGE_FORUMS)[number];

export const ASSESSMENT_STATUSES = [
  'not_started',
  'in_progress',
  'fulfilled',
  'not_fulfilled',
  'cannot_assess',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const MATCH_RELATIONS = ['offer', 'need'] as const;

/** A place is a State's ISO3 code or an M49 region code (`001` is the world). */
export const PLACE_PATTERN = /^(?:[A-Z]{3}|\d{3})$/;

export const actorRecordSchema = z
  .object({
    id: recordId,
    name: text(300),
    type: z.enum(ACTOR_TYPES).refine((t) => t !== 'state', {
      message: 'States are actors already: refer to a State by its ISO3 code (e.g. "BRA")',
    }),
    /** The State the actor is based in, if any. */
    iso3: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
      .nullable(),
    website: httpUrl.nullable(),
    synthetic: z.boolean(),
  })
  .strict();
export type ActorRecord = z.infer<typeof actorRecordSchema>;

export const pledgeRecordSchema = z
  .object({
    id: recordId,
    compacts: uniqueList(z.enum(['gcm', 'gcr']), 'compact').min(1, 'names at least one compact'),
    actorId: recordId,
    partnerIds: uniqueList(recordId, 'partner'),
    title: text(500),
    description: z.string().max(20_000),
    type: z.enum(PLEDGE_TYPES),
    objectives: uniqueList(
      z.string().regex(/^(gcm|gcr)-\d{1,2}$/, 'must be an objective id such as gcm-5'),
      'objective',
    ),
    principles: uniqueList(
      z.string().regex(/^(gcm|gcr)-gp-[a-z0-9]{1,2}$/, 'must be a principle id such as gcm-gp-a or gcr-gp-1'),
      'principle',
    ),
    places: uniqueList(
      z.string().regex(PLACE_PATTERN, 'must be an ISO3 code or an M49 region code'),
      'place',
    ),
    forum: z.enum(PLEDGE_FORUMS),
    announcedOn: isoDate.nullable(),
    targetDate: isoDate.nullable(),
    amount: z.number().finite().nonnegative().nullable(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .nullable(),
    quantity: z.number().int().nonnegative().nullable(),
    quantityUnit: z.string().trim().min(1).max(100).nullable(),
    sources: uniqueList(httpUrl, 'source'),
    matches: z.array(z.object({ pledgeId: recordId, relation: z.enum(MATCH_RELATIONS) }).strict()),
    synthetic: z.boolean(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.amount === null) !== (p.currency === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [p.amount === null ? 'amount' : 'currency'],
        message: 'amount and currency go together',
      });
    }
    if (p.amount !== null && p.type !== 'financial') {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'only financial pledges carry an amount' });
    }
    if ((p.quantity === null) !== (p.quantityUnit === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [p.quantity === null ? 'quantity' : 'quantityUnit'],
        message: 'quantity and quantityUnit go together',
      });
    }
    if (p.announcedOn && p.targetDate && p.targetDate < p.announcedOn) {
      ctx.addIssue({ code: 'custom', path: ['targetDate'], message: 'is before announcedOn' });
    }
    if (p.partnerIds.includes(p.actorId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['partnerIds'],
        message: 'lists the pledging actor as its own partner',
      });
    }
    if (p.matches.some((m) => m.pledgeId === p.id)) {
      ctx.addIssue({ code: 'custom', path: ['matches'], message: 'a pledge cannot match itself' });
    }
    if (new Set(p.matches.map((m) => m.pledgeId)).size !== p.matches.length) {
      ctx.addIssue({ code: 'custom', path: ['matches'], message: 'lists a matched pledge twice' });
    }
    for (const o of p.objectives) {
      const compact = o.startsWith('gcm') ? 'gcm' : 'gcr';
      if (!p.compacts.includes(compact)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives'],
          message: `objective ${o} belongs to ${compact}, which is not among the pledge's compacts`,
        });
      }
    }
  });
export type PledgeRecord = z.infer<typeof pledgeRecordSchema>;

export const updateRecordSchema = z
  .object({
    id: recordId,
    pledgeId: recordId,
    reportedOn: isoDate,
    status: z.enum(PLEDGE_STATUSES),
    narrative: z.string().max(20_000),
    evidence: uniqueList(httpUrl, 'evidence link'),
    synthetic: z.boolean(),
  })
  .strict();
export type UpdateRecord = z.infer<typeof updateRecordSchema>;

export const assessmentRecordSchema = z
  .object({
    id: recordId,
    pledgeId: recordId,
    assessedOn: isoDate,
    assessor: text(300),
    status: z.enum(ASSESSMENT_STATUSES),
    narrative: z.string().max(20_000),
    evidence: uniqueList(httpUrl, 'evidence link'),
    synthetic: z.boolean(),
  })
  .strict();
export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;

export const nationalReviewRecordSchema = z
  .object({
    id: recordId,
    iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
    cycleId: recordId,
    submittedOn: isoDate,
    title: text(500),
    documentUrl: httpUrl,
    objectives: uniqueList(
      z.string().regex(/^(gcm|gcr)-\d{1,2}$/, 'must be an objective id such as gcm-5'),
      'objective',
    ),
    synthetic: z.boolean(),
  })
  .strict();
export type NationalReviewRecord = z.infer<typeof nationalReviewRecordSchema>;

/** The record kinds of the registry, in the order they are written (parents first). */
export const REGISTRY_KINDS = ['actors', 'pledges', 'updates', 'assessments', 'nationalReviews'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export type RegistryRecords = {
  actors: ActorRecord[];
  pledges: PledgeRecord[];
  updates: UpdateRecord[];
  assessments: AssessmentRecord[];
  nationalReviews: NationalReviewRecord[];
};

export const registrySchemas = {
  actors: actorRecordSchema,
  pledges: pledgeRecordSchema,
  updates: updateRecordSchema,
  assessments: assessmentRecordSchema,
  nationalReviews: nationalReviewRecordSchema,
} as const;
