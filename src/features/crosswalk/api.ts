/** API v1: the crosswalk between the compacts and the SDG targets, and themes with their coverage. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, pageOf, sendList } from '../../http/list.ts';
import { listResponse } from '../../http/openapi.ts';
import { linkColumns, nodeColumns, themeColumns } from './datasets.ts';
import { assertKnownNodes, listAllNodes, listLinks, listNodes, listThemes } from './repository.ts';
import {
  crosswalkLinkSchema,
  crosswalkNodeSchema,
  crosswalkQuerySchema,
  nodeQuerySchema,
  themeQuerySchema,
  themeSchema,
} from './schemas.ts';

const strip = <T extends { sort_key: number }>({ sort_key: _, ...rest }: T) => rest;

/** Registers `GET /crosswalk`, `/crosswalk/nodes` and `/themes`. */
export function registerCrosswalkApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/crosswalk',
      tags: ['Analysis'],
      summary: 'Typed links between GCM objectives, GCR objectives and sections, and SDG targets',
      description:
        'Each link goes from a GCM node to a GCR node or SDG target, or from a GCR node to an SDG target, and is typed ' +
        '`overlaps`, `complements` or `related`. `basis: "official"` means a cited source itself makes the link; ' +
        '`curated` links are the project’s reading and carry a `rationale`. Filters: `from`, `to`, `node` (either end), ' +
        '`type`, `basis`, `compact`. A node id that names no node is a 400 problem naming the parameter.',
      request: { query: crosswalkQuerySchema },
      responses: listResponse(crosswalkLinkSchema, 'Crosswalk links in file order'),
    }),
    async (c) => {
      const { from, to, node, type, basis, compact, ...query } = c.req.valid('query');
      const db = c.var.deps.db;
      const afterSortKey = decodeCursor(query.cursor);
      const nodes = await listAllNodes(db);
      assertKnownNodes(nodes, { from, to, node });
      const rows = await listLinks(
        db,
        { from, to, node, type, basis, compact, afterSortKey, limit: query.limit },
        nodes,
      );
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(strip), nextCursor },
        { filename: 'crosswalk', columns: linkColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/crosswalk/nodes',
      tags: ['Analysis'],
      summary: 'The nodes of the crosswalk: the compacts, their objectives, GCR sections and SDG targets',
      description:
        'In reading order: the GCM and its objectives, the GCR, its objectives and sections, then the SDG targets. ' +
        'Filters: `kind` and `side` (`gcm`, `gcr` or `sdg`). `linkCount` counts the links at either end.',
      request: { query: nodeQuerySchema },
      responses: listResponse(crosswalkNodeSchema, 'Crosswalk nodes'),
    }),
    async (c) => {
      const { kind, side, ...query } = c.req.valid('query');
      const rows = await listNodes(c.var.deps.db, {
        kind,
        side,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(strip), nextCursor },
        { filename: 'crosswalk-nodes', columns: nodeColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/themes',
      tags: ['Analysis'],
      summary: 'Themes and populations, and how far each compact covers them',
      description:
        'Each theme has, per compact, a `level` (`addressed`, `mentioned`, `not_covered`), the objectives and GCR ' +
        'sections concerned, where in the text, and why. `gap: true` marks themes covered by neither compact. ' +
        'Filters: `coverage` (with `compact`: that compact’s level; without: either’s), `compact` (alone: themes it ' +
        'covers), `gap=true` or `gap=false`.',
      request: { query: themeQuerySchema },
      responses: listResponse(themeSchema, 'Themes in file order'),
    }),
    async (c) => {
      const { coverage, compact, gap, ...query } = c.req.valid('query');
      const rows = await listThemes(c.var.deps.db, {
        coverage,
        compact,
        gap,
        afterSortKey: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: items.map(strip), nextCursor },
        { filename: 'themes', columns: themeColumns },
      );
    },
  );
}
