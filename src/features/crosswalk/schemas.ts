/** API shapes of the crosswalk (nodes and typed links) and of themes with their coverage, and their queries. */
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../http/list.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { citationSchema } from '../reference/citations.ts';
import { COVERAGE_LEVELS, CROSSWALK_BASES, CROSSWALK_LINK_TYPES } from '../reference/schema.ts';

export { COVERAGE_LEVELS, CROSSWALK_BASES, CROSSWALK_LINK_TYPES };
export const NODE_KINDS = ['compact', 'gcm-objective', 'gcr-objective', 'gcr-area', 'sdg-target'] as const;
export const SIDES = ['gcm', 'gcr', 'sdg'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

const statusField = z.enum(['verified', 'unverified']).openapi({
  description:
    '`unverified`: part of the record rests on what the stored sources do not confirm (see `notes`)',
});

export const crosswalkNodeSchema = z
  .object({
    id: z.string().openapi({ example: 'sdg-10-7' }),
    kind: z.enum(NODE_KINDS).openapi({
      description:
        '`compact` a compact as a whole; `gcm-objective`, `gcr-objective`; `gcr-area` a section of the GCR (root causes, key tools, areas in need of support, solutions); `sdg-target` a target of the 2030 Agenda',
    }),
    side: z.enum(SIDES),
    group: z.string().nullable().openapi({
      description:
        'GCR sections: `introduction`, `tools`, `reception`, `needs`, `solutions`; SDG targets: `goal-<n>`',
      example: 'goal-10',
    }),
    code: z.string().openapi({ description: 'GCM 5, GCR 2, III.B.2.1 or 10.7', example: '10.7' }),
    title: z.string(),
    shortLabel: z.string().openapi({ example: 'Well-managed migration' }),
    paragraphs: z
      .string()
      .nullable()
      .openapi({ description: 'Paragraphs of the compact, where known', example: '52–53' }),
    href: z
      .string()
      .openapi({ description: 'The page of this node on the site', example: '/objectives/gcm-5' }),
    linkCount: z.int().openapi({ description: 'Crosswalk links with this node at either end' }),
    status: statusField,
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('CrosswalkNode');
export type CrosswalkNodeView = z.infer<typeof crosswalkNodeSchema>;

export const crosswalkLinkSchema = z
  .object({
    id: z.string().openapi({ example: 'gcm-20--sdg-10-c' }),
    from: z
      .string()
      .openapi({ description: 'A GCM node, or a GCR node when `to` is an SDG target', example: 'gcm-20' }),
    fromKind: z.enum(NODE_KINDS),
    fromCode: z.string().openapi({ example: 'GCM 20' }),
    fromLabel: z.string().openapi({ example: 'Remittances' }),
    to: z.string().openapi({ description: 'A GCR node or an SDG target', example: 'sdg-10-c' }),
    toKind: z.enum(NODE_KINDS),
    toCode: z.string().openapi({ example: '10.c' }),
    toLabel: z.string().openapi({ example: 'Remittance costs' }),
    type: z.enum(CROSSWALK_LINK_TYPES).openapi({
      description:
        '`overlaps`: both commit to the same thing; `complements`: they cover different sides of one concern; `related`: a looser thematic connection',
    }),
    basis: z.enum(CROSSWALK_BASES).openapi({
      description:
        '`official`: a cited source itself makes the link; `curated`: the project’s reading, explained in `rationale`',
    }),
    rationale: z.string().nullable(),
    status: statusField,
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('CrosswalkLink');
export type CrosswalkLinkView = z.infer<typeof crosswalkLinkSchema>;

export const coverageSchema = z
  .object({
    level: z.enum(COVERAGE_LEVELS).openapi({
      description:
        '`addressed`: an objective, section or guiding principle is about it; `mentioned`: the text names it without commitments of its own; `not_covered`',
    }),
    objectives: z.array(z.string()).openapi({ example: ['gcm-21'] }),
    areas: z.array(z.string()).openapi({ description: 'GCR sections (crosswalk nodes)', example: [] }),
    locator: z.string().nullable().openapi({ example: 'para. 37' }),
    rationale: z.string(),
  })
  .openapi('Coverage');
export type CoverageView = z.infer<typeof coverageSchema>;

export const themeSchema = z
  .object({
    id: z.string().openapi({ example: 'idps' }),
    name: z.string().openapi({ example: 'Internally displaced persons' }),
    description: z.string(),
    gap: z.boolean().openapi({ description: 'Covered by neither compact' }),
    gcm: coverageSchema,
    gcr: coverageSchema,
    status: statusField,
    notes: z.string().nullable(),
    sources: z.array(citationSchema),
  })
  .openapi('Theme');
export type ThemeView = z.infer<typeof themeSchema>;

const nodeIdParam = (description: string, example: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a node id such as gcm-5, gcr-area-education or sdg-10-7')
    .max(80)
    .optional()
    .openapi({ description, example });

/** The filters of the crosswalk, shared by the API and the page. */
export const linkFilterShape = {
  from: nodeIdParam('Links from this node', 'gcm-20'),
  to: nodeIdParam('Links to this node', 'sdg-10-c'),
  node: nodeIdParam('Links with this node at either end', 'gcr-area-education'),
  type: z.enum(CROSSWALK_LINK_TYPES).optional().openapi({ description: 'Only links of this type' }),
  basis: z.enum(CROSSWALK_BASES).optional().openapi({ description: 'Only official or only curated links' }),
  compact: z
    .enum(COMPACT_IDS)
    .optional()
    .openapi({ description: 'Links with at least one end in this compact' }),
};
export const crosswalkQuerySchema = listQuerySchema.extend(linkFilterShape);
export const linkFilterSchema = z.object(linkFilterShape);
export type LinkFilterQuery = z.infer<typeof linkFilterSchema>;

export const nodeQuerySchema = listQuerySchema.extend({
  kind: z.enum(NODE_KINDS).optional().openapi({ description: 'Only nodes of this kind' }),
  side: z
    .enum(SIDES)
    .optional()
    .openapi({ description: 'Only the nodes of one compact, or the SDG targets' }),
});

export const themeFilterShape = {
  coverage: z.enum(COVERAGE_LEVELS).optional().openapi({
    description: 'With `compact`, that compact’s level; without, either compact’s level',
  }),
  compact: z.enum(COMPACT_IDS).optional().openapi({
    description: 'Alone: the themes this compact covers (addressed or mentioned)',
  }),
  gap: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: '`true`: only the gaps, covered by neither compact', type: 'string' }),
};
export const themeQuerySchema = listQuerySchema.extend(themeFilterShape);
export const themeFilterSchema = z.object(themeFilterShape);
export type ThemeFilterQuery = z.infer<typeof themeFilterSchema>;
