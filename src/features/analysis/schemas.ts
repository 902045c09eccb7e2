/** API shapes of the analysis: coverage and gaps, the category lens, support. */
import { z } from '@hono/zod-openapi';
import { COVERAGE_DIMENSIONS } from '../../domain/coverage.ts';
import { STANCES } from '../../domain/stance.ts';
import { listQuerySchema } from '../../http/list.ts';
import { COMPACT_IDS, isoDateParam } from '../../http/params.ts';

const count = z.number().int();
const shareOf = (what: string) =>
  z
    .number()
    .nullable()
    .openapi({ description: `${what} ÷ pledges, rounded to three decimals; null when there is no pledge` });
const counts = {
  pledges: count.openapi({ description: 'Pledges in the selection (each once)' }),
  fulfilled: count.openapi({ description: 'Of which the latest self-reported status is `fulfilled`' }),
  overdue: count.openapi({ description: 'Of which overdue today (target date passed, not fulfilled)' }),
  stale: count.openapi({
    description: 'Of which stale today (nothing reported for 12 months, not fulfilled)',
  }),
  fulfilledShare: shareOf('fulfilled'),
  overdueShare: shareOf('overdue'),
  staleShare: shareOf('stale'),
};

export const FILTER_DESCRIPTIONS = {
  from: 'Pledges announced on or after this date (YYYY-MM-DD). With `from` or `to`, pledges without an announcement date are left out and counted in `meta.undatedExcluded`.',
  to: 'Pledges announced on or before this date (YYYY-MM-DD).',
  region:
    'Pledges with a place in this UN M49 region, as the pledge explorer filters: 002 Africa, 009 Oceania, 019 Americas, 142 Asia, 150 Europe, or `global` (places at 001, the world).',
} as const;

const filterQuery = {
  from: isoDateParam.optional().openapi({ description: FILTER_DESCRIPTIONS.from, example: '2019-01-01' }),
  to: isoDateParam.optional().openapi({ description: FILTER_DESCRIPTIONS.to, example: '2024-12-31' }),
  region: z.string().optional().openapi({ description: FILTER_DESCRIPTIONS.region, example: '002' }),
};
const filterSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  region: z.string().nullable(),
});

export const COVERAGE_TABLES = ['cells', 'objectives', 'keys', 'categories', 'regions'] as const;
export type CoverageTable = (typeof COVERAGE_TABLES)[number];

export const coverageQuerySchema = listQuerySchema.extend({
  by: z
    .enum(COVERAGE_DIMENSIONS)
    .default('region')
    .openapi({ description: 'The dimension the objectives are crossed with (default `region`)' }),
  table: z.enum(COVERAGE_TABLES).default('cells').openapi({
    description:
      'Which table `data` (and the CSV twin) holds: `cells` (objective × key, default), `objectives` (per objective, with the gap figures), `keys` (per key of `by`), `categories` (per `wmr2020` category) or `regions` (per M49 region, for orphans)',
  }),
  ...filterQuery,
});

export const coverageCellSchema = z
  .object({
    objective: z.string().openapi({ example: 'gcm-5' }),
    key: z.string().openapi({
      description:
        'The value of `by`: an M49 region code, `global` or `none` (no place); an actor type; a `wmr2020` category or `none` (objective outside the scheme); a compact',
      example: '002',
    }),
    ...counts,
  })
  .openapi('CoverageCell');

export const objectiveCoverageSchema = z
  .object({
    objective: z.string(),
    category: z
      .string()
      .nullable()
      .openapi({ description: 'The `wmr2020` category; null for GCR objectives' }),
    ...counts,
    categoryMedian: z.number().nullable().openapi({ description: 'Median pledge count of the category' }),
    ratioToMedian: z.number().nullable(),
    belowCategoryMedian: z
      .boolean()
      .openapi({ description: 'Fewer pledges than half the median of its category' }),
    orphan: z.boolean().openapi({ description: 'No pledge in the selection lists it' }),
  })
  .openapi('ObjectiveCoverage');

export const keyCoverageSchema = z.object({ key: z.string(), ...counts }).openapi('KeyCoverage');

export const categoryCoverageSchema = z
  .object({
    category: z.string(),
    name: z.string(),
    objectives: count,
    ...counts,
    medianObjectivePledges: z.number().nullable(),
  })
  .openapi('CategoryCoverage');

export const coverageMetaSchema = z.object({
  by: z.enum(COVERAGE_DIMENSIONS),
  table: z.enum(COVERAGE_TABLES),
  today: z.string().openapi({ description: 'The day overdue and stale are judged on' }),
  filter: filterSchema,
  keys: z.array(z.object({ key: z.string(), label: z.string() })),
  total: z.object(counts),
  withObjective: count,
  undated: count.openapi({ description: 'Without a date range: selected pledges with no announcement date' }),
  undatedExcluded: count.openapi({ description: 'With a date range: pledges left out for having no date' }),
  orphans: z.object({ objectives: z.array(z.string()), regions: z.array(z.string()) }),
  belowMedian: z.array(
    z.object({
      objective: z.string(),
      category: z.string(),
      pledges: count,
      median: z.number(),
      ratio: z.number(),
    }),
  ),
  objectives: z.array(objectiveCoverageSchema),
  categories: z.array(categoryCoverageSchema),
});

export const lensQuerySchema = listQuerySchema.extend(filterQuery);

export const lensPointSchema = z
  .object({
    category: z.string(),
    name: z.string(),
    year: count,
    announced: count.openapi({ description: 'Pledges announced in the year' }),
    cumulative: count.openapi({ description: 'Pledges announced by the end of the year' }),
    updates: count.openapi({ description: 'Progress updates reported in the year on those pledges' }),
    reporting: count.openapi({ description: 'Pledges with at least one update in the year' }),
    fulfilled: count.openapi({ description: 'Pledges whose status at the end of the year is fulfilled' }),
    reportingShare: z.number().nullable().openapi({ description: 'reporting ÷ cumulative' }),
    fulfilledShare: z.number().nullable().openapi({ description: 'fulfilled ÷ cumulative' }),
  })
  .openapi('CategoryLensPoint');

export const lensMetaSchema = z.object({
  today: z.string(),
  filter: filterSchema,
  years: z.array(count),
  undated: count.openapi({ description: 'Selected pledges of a category without an announcement date' }),
});

export const SUPPORT_TABLES = ['series', 'regions', 'differing'] as const;
export type SupportTable = (typeof SUPPORT_TABLES)[number];

export const supportQuerySchema = listQuerySchema.extend({
  table: z.enum(SUPPORT_TABLES).default('series').openapi({
    description:
      'Which table `data` (and the CSV twin) holds: `series` (supporters over time, default), `regions` (changes per region) or `differing` (States whose stance differs between the compacts)',
  }),
  from: isoDateParam.optional().openapi({
    description: 'Start of the window (YYYY-MM-DD); default: the start of the record',
    example: '2019-01-01',
  }),
  to: isoDateParam
    .optional()
    .openapi({ description: 'End of the window (YYYY-MM-DD); default today', example: '2024-12-31' }),
  region: z
    .string()
    .optional()
    .openapi({ description: 'UN M49 region code of the States counted, e.g. 150 (Europe)', example: '150' }),
});

const stance = z.enum(STANCES);
export const supportPointSchema = z
  .object({
    compact: z.enum(COMPACT_IDS),
    date: z.string(),
    supports: count,
    opposes: count,
    abstains: count,
    undeclared: count,
  })
  .openapi('SupportPoint');

export const regionChangesSchema = z
  .object({
    region: z.string(),
    regionName: z.string(),
    compact: z.enum(COMPACT_IDS),
    states: count,
    supportersBefore: count.openapi({ description: 'Supporters the day before `from` (0 without `from`)' }),
    supportersAfter: count.openapi({ description: 'Supporters on `to`' }),
    changes: count.openapi({ description: 'Changes of stance from `from` to `to`' }),
    gained: count.openapi({ description: 'Changes that made a State a supporter' }),
    lost: count.openapi({ description: "Changes that ended a State's support" }),
    net: count.openapi({ description: 'supportersAfter − supportersBefore (= gained − lost)' }),
  })
  .openapi('RegionSupportChanges');

export const differingSchema = z
  .object({
    iso3: z.string(),
    name: z.string(),
    region: z.string(),
    gcm: stance,
    gcmSince: z.string().nullable(),
    gcr: stance,
    gcrSince: z.string().nullable(),
  })
  .openapi('DifferingStance');

export const supportMetaSchema = z.object({
  table: z.enum(SUPPORT_TABLES),
  filter: filterSchema,
  to: z.string(),
  states: count,
  regions: z.array(regionChangesSchema),
  differing: z.array(differingSchema),
});
