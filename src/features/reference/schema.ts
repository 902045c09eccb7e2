/**
 * The shape of the curated reference files in `data/reference/`, as zod
 * schemas. `docs/data-format.md` explains them for contributors.
 */
import { z } from 'zod';
import { EVENT_KINDS, STANCES } from '../../domain/stance.ts';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase kebab-case (a-z, 0-9, -)');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO 8601 date (YYYY-MM-DD)')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a calendar date',
  );
const yearOrDate = z.union([z.string().regex(/^\d{4}$/, 'must be a year or a date'), isoDate]);
export const compactId = z.enum(['gcm', 'gcr']);

export const citation = z.strictObject({
  source: id,
  locator: nonEmpty.optional(),
});

/** Fields every curated record carries. */
const curated = {
  sources: z.array(citation).min(1, 'every record needs at least one source'),
  status: z.enum(['verified', 'unverified']).default('verified'),
  notes: nonEmpty.optional(),
};

export const sourceSchema = z
  .strictObject({
    id,
    title: nonEmpty,
    symbol: nonEmpty.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    publisher: nonEmpty.optional(),
    date: isoDate.optional(),
  })
  .refine((s) => s.symbol !== undefined || s.url !== undefined, {
    message: 'a source needs a document symbol or a URL',
    path: ['url'],
  });

type StructurePart = {
  title: string;
  paragraphs?: string | undefined;
  notes?: string | undefined;
  children?: StructurePart[] | undefined;
};
const structurePart: z.ZodType<StructurePart> = z.lazy(() =>
  z.strictObject({
    title: nonEmpty,
    paragraphs: nonEmpty.optional(),
    notes: nonEmpty.optional(),
    children: z.array(structurePart).optional(),
  }),
);

export const followUpSchema = z.strictObject({
  id,
  name: nonEmpty,
  description: nonEmpty,
  frequency: nonEmpty.optional(),
  paragraph: nonEmpty.optional(),
  ...curated,
});

export const compactSchema = z.strictObject({
  id: compactId,
  name: nonEmpty,
  shortName: nonEmpty,
  acronym: nonEmpty,
  adoption: z.strictObject({
    body: nonEmpty,
    place: nonEmpty.optional(),
    date: isoDate,
    manner: nonEmpty.optional(),
    notes: nonEmpty.optional(),
  }),
  endorsement: z.strictObject({
    resolution: nonEmpty,
    date: isoDate,
    verb: z.enum(['endorsed', 'affirmed']),
    vote: z
      .strictObject({
        yes: z.int().nonnegative(),
        no: z.int().nonnegative(),
        abstain: z.int().nonnegative(),
        notVoting: z.int().nonnegative().optional(),
      })
      .optional(),
  }),
  legallyBinding: z.boolean(),
  legalNature: nonEmpty,
  summary: nonEmpty,
  structure: z.array(structurePart).min(1),
  followUp: z.array(followUpSchema),
  ...curated,
});

export const objectiveSchema = z.strictObject({
  id: z.string().regex(/^(gcm|gcr)-\d{1,2}$/, 'must look like gcm-1 or gcr-1'),
  compact: compactId,
  number: z.int().positive(),
  title: nonEmpty,
  shortLabel: nonEmpty,
  paragraph: z.int().positive().optional(),
  actionCount: z.int().positive().optional(),
  actionCountNote: nonEmpty.optional(),
  ...curated,
});

export const principleSchema = z.strictObject({
  id,
  compact: compactId,
  position: z.int().positive(),
  code: nonEmpty.optional(),
  title: nonEmpty,
  description: nonEmpty.optional(),
  ...curated,
});

export const classificationSchema = z.strictObject({
  id,
  name: nonEmpty,
  compact: compactId,
  description: nonEmpty,
  ...curated,
  categories: z
    .array(
      z.strictObject({
        id,
        position: z.int().positive(),
        name: nonEmpty,
        description: nonEmpty.optional(),
        members: z.array(z.strictObject({ objective: id, label: nonEmpty.optional() })).min(1),
      }),
    )
    .min(1),
});

export const milestoneSchema = z.strictObject({
  id,
  date: isoDate,
  datePrecision: z.enum(['day', 'month', 'year']),
  endDate: isoDate.optional(),
  title: nonEmpty,
  description: nonEmpty,
  kind: z.enum(['resolution', 'conference', 'forum', 'report', 'launch', 'negotiation']),
  compacts: z.array(compactId).min(1),
  symbol: nonEmpty.optional(),
  ...curated,
});

export const REVIEW_CYCLE_KINDS = ['imrf', 'grf', 'hlom', 'progress_review', 'regional_review'] as const;

/** A review or pledging moment of a compact; the ids of forums are those pledges name. */
export const reviewCycleSchema = z.strictObject({
  id,
  name: nonEmpty,
  kind: z.enum(REVIEW_CYCLE_KINDS),
  compact: compactId,
  startDate: isoDate,
  endDate: isoDate.optional(),
  datePrecision: z.enum(['day', 'month', 'year']),
  /** The milestone of the timeline that records the same event, whose date facts this repeats. */
  milestone: id.optional(),
  description: nonEmpty,
  ...curated,
});

/** Crosswalk: kinds of node defined in `crosswalk.json` (objectives and compacts come from their own files). */
export const CROSSWALK_NODE_KINDS = ['gcr-area', 'sdg-target'] as const;
export const CROSSWALK_LINK_TYPES = ['overlaps', 'complements', 'related'] as const;
/** `official`: a cited source itself makes the link; `curated`: the project's reading, with a rationale. */
export const CROSSWALK_BASES = ['official', 'curated'] as const;
export const COVERAGE_LEVELS = ['addressed', 'mentioned', 'not_covered'] as const;

/** A GCR section (Part I.D or III) or an SDG target that crosswalk links can name. */
export const crosswalkNodeSchema = z.strictObject({
  id,
  kind: z.enum(CROSSWALK_NODE_KINDS),
  /** GCR: `introduction`, `tools`, `reception`, `needs`, `solutions`; SDG: `goal-<n>`. */
  group: id,
  /** `III.B.2.1` for a GCR section, `10.7` for an SDG target. */
  code: nonEmpty,
  title: nonEmpty,
  shortLabel: nonEmpty,
  paragraphs: nonEmpty.optional(),
  ...curated,
});

/** A typed link from a GCM node to a GCR or SDG node, or from a GCR node to an SDG node. */
export const crosswalkLinkSchema = z
  .strictObject({
    from: id,
    to: id,
    type: z.enum(CROSSWALK_LINK_TYPES),
    basis: z.enum(CROSSWALK_BASES),
    rationale: nonEmpty.optional(),
    ...curated,
  })
  .refine((l) => l.basis !== 'curated' || l.rationale !== undefined, {
    message: 'a curated link needs a rationale',
    path: ['rationale'],
  });

export const coverageSchema = z.strictObject({
  level: z.enum(COVERAGE_LEVELS),
  objectives: z.array(id).optional(),
  /** GCR sections (crosswalk nodes of kind `gcr-area`). */
  areas: z.array(id).optional(),
  locator: nonEmpty.optional(),
  rationale: nonEmpty,
});

/** A theme or population, and how far each compact covers it. */
export const themeSchema = z.strictObject({
  id,
  name: nonEmpty,
  description: nonEmpty,
  gcm: coverageSchema,
  gcr: coverageSchema,
  ...curated,
});

export const INSTITUTION_KINDS = [
  'un-entity',
  'network',
  'fund',
  'platform',
  'forum',
  'process',
  'report',
  'body',
] as const;
export const RELATION_TYPES = [
  'coordinates',
  'reviews',
  'funds',
  'reports_to',
  'member_of',
  'part_of',
  'supports',
] as const;

export const institutionSchema = z.strictObject({
  id,
  name: nonEmpty,
  shortName: nonEmpty.optional(),
  kind: z.enum(INSTITUTION_KINDS),
  compacts: z.array(compactId),
  description: nonEmpty,
  established: yearOrDate.optional(),
  ...curated,
});

export const relationSchema = z.strictObject({
  id,
  from: id,
  to: id,
  type: z.enum(RELATION_TYPES),
  note: nonEmpty.optional(),
  sources: curated.sources,
});

const iso3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. BRA');
const m49Area = z.strictObject({
  code: z.string().regex(/^\d{3}$/, 'must be a three-digit M49 code'),
  name: nonEmpty,
});

export const stateSchema = z.strictObject({
  iso3,
  iso2: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals'),
  numeric: z.string().regex(/^\d{3}$/, 'must be the three-digit ISO/M49 numeric code'),
  name: nonEmpty,
  names: z.strictObject({ fr: nonEmpty, es: nonEmpty }),
  membership: z.enum(['member', 'observer']),
  region: m49Area,
  subregion: m49Area,
  intermediateRegion: m49Area.optional(),
  sources: curated.sources,
});

export const VOTES = ['yes', 'no', 'abstain', 'absent'] as const;

export const resolutionSchema = z.strictObject({
  id,
  symbol: nonEmpty,
  compact: compactId,
  date: isoDate,
  title: nonEmpty,
  subject: nonEmpty,
  /** Whether a vote on it expresses a stance on the compact itself. */
  impliesStance: z.boolean(),
  official: z.strictObject({
    yes: z.int().nonnegative(),
    no: z.int().nonnegative(),
    abstain: z.int().nonnegative(),
    notVoting: z.int().nonnegative().optional(),
  }),
  /** `complete`: every Member State is listed once; `partial`: only the States named in the sources. */
  recorded: z.enum(['complete', 'partial']),
  votes: z.strictObject({
    yes: z.array(iso3).optional(),
    no: z.array(iso3).optional(),
    abstain: z.array(iso3).optional(),
    absent: z.array(iso3).optional(),
  }),
  ...curated,
});

export const conflictSchema = z.strictObject({
  id,
  resolution: id,
  states: z.array(iso3).min(1),
  description: nonEmpty,
  readings: z
    .array(z.strictObject({ text: nonEmpty, preferred: z.boolean(), sources: curated.sources }))
    .min(2, 'a conflict needs at least two readings'),
  sources: curated.sources,
});

export const POSITION_EVENT_KINDS = EVENT_KINDS;

export const positionEventSchema = z.strictObject({
  id,
  state: iso3,
  compact: compactId,
  date: isoDate,
  datePrecision: z.enum(['day', 'month', 'year']),
  endDate: isoDate.optional(),
  kind: z.enum(POSITION_EVENT_KINDS),
  stance: z.enum(STANCES).nullable(),
  title: nonEmpty,
  note: nonEmpty.optional(),
  status: curated.status,
  sources: curated.sources,
});

/** Every reference file by name, with the schema of its content. */
export const referenceFiles = {
  'sources.json': z.array(sourceSchema),
  'compacts.json': z.array(compactSchema),
  'objectives.json': z.array(objectiveSchema),
  'principles.json': z.array(principleSchema),
  'classifications.json': z.array(classificationSchema),
  'milestones.json': z.array(milestoneSchema),
  'institutions.json': z.strictObject({
    institutions: z.array(institutionSchema),
    relations: z.array(relationSchema),
  }),
  'states.json': z.array(stateSchema),
  'votes.json': z.strictObject({
    resolutions: z.array(resolutionSchema),
    conflicts: z.array(conflictSchema),
  }),
  'position-events.json': z.array(positionEventSchema),
  'review-cycles.json': z.array(reviewCycleSchema),
  'crosswalk.json': z.strictObject({
    nodes: z.array(crosswalkNodeSchema),
    links: z.array(crosswalkLinkSchema),
  }),
  'themes.json': z.array(themeSchema),
} as const;

export type ReferenceFileName = keyof typeof referenceFiles;
export type ReferenceData = {
  sources: z.infer<typeof sourceSchema>[];
  compacts: z.infer<typeof compactSchema>[];
  objectives: z.infer<typeof objectiveSchema>[];
  principles: z.infer<typeof principleSchema>[];
  classifications: z.infer<typeof classificationSchema>[];
  milestones: z.infer<typeof milestoneSchema>[];
  institutions: z.infer<typeof institutionSchema>[];
  relations: z.infer<typeof relationSchema>[];
  states: z.infer<typeof stateSchema>[];
  resolutions: z.infer<typeof resolutionSchema>[];
  conflicts: z.infer<typeof conflictSchema>[];
  positionEvents: z.infer<typeof positionEventSchema>[];
  reviewCycles: z.infer<typeof reviewCycleSchema>[];
  crosswalkNodes: z.infer<typeof crosswalkNodeSchema>[];
  crosswalkLinks: z.infer<typeof crosswalkLinkSchema>[];
  themes: z.infer<typeof themeSchema>[];
};
export type Citation = z.infer<typeof citation>;
export type StructureNode = StructurePart;
