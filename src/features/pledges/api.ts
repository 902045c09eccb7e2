/** API v1: pledges (faceted search, one pledge), actors, progress updates, independent assessments. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { PLEDGE_STATUSES } from '../../domain/pledge-flags.ts';
import { ValidationError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { type CsvColumn, decodeCursor, encodeCursor, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { todayIso } from '../../http/params.ts';
import { DERIVED_HEADERS, registryColumns } from './csv-records.ts';
import { ACTOR_TYPES, ASSESSMENT_STATUSES, type RegistryKind, type RegistryRecords } from './records.ts';
import {
  actorDetailSchema,
  actorIdParams,
  actorSchema,
  actorsQuerySchema,
  assessmentSchema,
  assessmentsQuerySchema,
  facetsSchema,
  pledgeDetailSchema,
  pledgeIdParams,
  pledgeSchema,
  pledgesQuerySchema,
  updateSchema,
  updatesQuerySchema,
} from './schemas.ts';
import {
  type ActorListItem,
  getActor,
  getAssessment,
  getPledge,
  getUpdate,
  listActors,
  listAssessments,
  listUpdates,
  type PledgeListItem,
  searchPledges,
} from './service.ts';

/** The record kind's own columns, as the importer reads them back. */
function recordColumns<K extends RegistryKind>(kind: K): CsvColumn<RegistryRecords[K][number]>[] {
  return (
    registryColumns[kind] as { header: string; encode: (r: RegistryRecords[K][number]) => string }[]
  ).map((c) => ({ header: c.header, value: (r) => c.encode(r) }));
}

const derivedPledgeValue: Record<string, (p: PledgeListItem) => string> = {
  actorName: (p) => p.actorName,
  actorType: (p) => p.actorType,
  latestStatus: (p) => p.latestStatus ?? '',
  lastReportedOn: (p) => p.lastReportedOn ?? '',
  assessmentStatus: (p) => p.assessmentStatus ?? '',
  overdue: (p) => String(p.flags.overdue),
  stale: (p) => String(p.flags.stale),
};

/** The pledge CSV twin: the import columns, then the derived ones (which an import ignores). */
export const pledgeCsvColumns: CsvColumn<PledgeListItem>[] = [
  ...(recordColumns('pledges') as CsvColumn<PledgeListItem>[]),
  ...DERIVED_HEADERS.pledges.map((header) => {
    const value = derivedPledgeValue[header];
    if (!value) throw new Error(`No value for the derived pledge column ${header}`);
    return { header, value };
  }),
];

export const actorCsvColumns: CsvColumn<ActorListItem>[] = [
  ...(recordColumns('actors') as unknown as CsvColumn<ActorListItem>[]),
  { header: 'origin', value: (a) => a.origin },
  { header: 'pledgeCount', value: (a) => a.pledgeCount },
];

/** Values of a multi-valued parameter must come from its list; otherwise a 400 naming both. */
function checkValues(location: string, values: string[] | undefined, allowed: readonly string[]): void {
  const unknown = (values ?? []).filter((v) => !allowed.includes(v));
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown ${location} ${unknown.map((v) => `"${v}"`).join(', ')}.`, [
      { location, message: `unknown value ${unknown.join(', ')}; must be one of ${allowed.join(', ')}` },
    ]);
  }
}

const meta = z.object({
  total: z.number().int().openapi({ description: 'Pledges matching, all pages' }),
  facets: facetsSchema,
});

export function registerPledgesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/pledges',
      tags: ['Pledges'],
      summary: 'Search pledges to both compacts by facets and words, with counts for every facet',
      description:
        'Several values of one filter are alternatives (any of them); different filters must all hold. ' +
        '`meta.total` counts every match; `meta.facets` counts, for each value of each facet, the pledges it would match with all other filters applied but not its own. ' +
        'Order: announced newest first (undated last), then id. ' +
        'The CSV twin has the import columns first (it can be imported again), then the derived columns ' +
        '`actorName`, `actorType`, `latestStatus`, `lastReportedOn`, `assessmentStatus`, `overdue`, `stale`.',
      request: { query: pledgesQuerySchema },
      responses: listResponse(pledgeSchema, 'Pledges', meta),
    }),
    async (c) => {
      const { limit, cursor, format, q, ...filter } = c.req.valid('query');
      const result = await searchPledges(
        c.var.deps.db,
        { ...filter, q: q?.trim() || undefined },
        { limit, cursor },
        todayIso(),
      );
      return sendList(
        c,
        { limit, cursor, format },
        {
          items: result.items,
          nextCursor: result.nextCursor,
          meta: { total: result.total, facets: result.facets },
        },
        { filename: 'pledges', columns: pledgeCsvColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/pledges/{id}',
      tags: ['Pledges'],
      summary:
        'One pledge: the record, its flags today, actor and partners, matches, updates and assessments',
      request: { params: pledgeIdParams },
      responses: itemResponse(pledgeDetailSchema, 'The pledge'),
    }),
    async (c) => c.json({ data: await getPledge(c.var.deps.db, c.req.valid('param').id, todayIso()) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/pledges/{id}/updates',
      tags: ['Pledges'],
      summary: 'The progress updates of one pledge, oldest first',
      request: {
        params: pledgeIdParams,
        query: pledgesQuerySchema.pick({ limit: true, cursor: true, format: true }),
      },
      responses: listResponse(updateSchema, 'Progress updates in date order'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const pledge = await getPledge(c.var.deps.db, c.req.valid('param').id, todayIso());
      // A pledge has few updates: they are paged in date order, the cursor being a position in it.
      const after = decodeCursor(query.cursor);
      const all = pledge.updates.map((u, i) => ({ ...u, sort_key: i }));
      const page = pageOf(
        all.filter((u) => u.sort_key > after),
        query.limit,
      );
      return sendList(
        c,
        query,
        { items: page.items.map(({ sort_key: _, ...u }) => u), nextCursor: page.nextCursor },
        { filename: `pledge-${pledge.id}-updates`, columns: recordColumns('updates') },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/updates',
      tags: ['Pledges'],
      summary: 'Progress updates reported by pledging actors',
      description: 'In the order they were recorded. The CSV twin has the import columns.',
      request: { query: updatesQuerySchema },
      responses: listResponse(updateSchema, 'Progress updates'),
    }),
    async (c) => {
      const { pledge, status, reportedFrom, reportedTo, ...query } = c.req.valid('query');
      checkValues('status', status, PLEDGE_STATUSES);
      if (reportedFrom && reportedTo && reportedFrom > reportedTo) {
        throw new ValidationError('`reportedFrom` is after `reportedTo`.', [
          { location: 'reportedFrom', message: `${reportedFrom} is after reportedTo=${reportedTo}` },
        ]);
      }
      const rows = await listUpdates(
        c.var.deps.db,
        { pledge, status, reportedFrom, reportedTo },
        { limit: query.limit, afterSortKey: decodeCursor(query.cursor) },
      );
      const page = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: page.items.map(({ sort_key: _, ...u }) => u), nextCursor: page.nextCursor },
        { filename: 'pledge-updates', columns: recordColumns('updates') },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/updates/{id}',
      tags: ['Pledges'],
      summary: 'One progress update',
      request: { params: pledgeIdParams },
      responses: itemResponse(updateSchema, 'The progress update'),
    }),
    async (c) => {
      const { sort_key: _, ...update } = await getUpdate(c.var.deps.db, c.req.valid('param').id);
      return c.json({ data: update }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/assessments/{id}',
      tags: ['Pledges'],
      summary: 'One independent assessment',
      request: { params: pledgeIdParams },
      responses: itemResponse(assessmentSchema, 'The assessment'),
    }),
    async (c) => {
      const { sort_key: _, ...assessment } = await getAssessment(c.var.deps.db, c.req.valid('param').id);
      return c.json({ data: assessment }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/assessments',
      tags: ['Pledges'],
      summary: 'Independent assessments of pledges',
      description: 'In the order they were recorded. The CSV twin has the import columns.',
      request: { query: assessmentsQuerySchema },
      responses: listResponse(assessmentSchema, 'Assessments'),
    }),
    async (c) => {
      const { pledge, status, ...query } = c.req.valid('query');
      checkValues('status', status, ASSESSMENT_STATUSES);
      const rows = await listAssessments(
        c.var.deps.db,
        { pledge, status },
        { limit: query.limit, afterSortKey: decodeCursor(query.cursor) },
      );
      const page = pageOf(rows, query.limit);
      return sendList(
        c,
        query,
        { items: page.items.map(({ sort_key: _, ...a }) => a), nextCursor: page.nextCursor },
        { filename: 'pledge-assessments', columns: recordColumns('assessments') },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors',
      tags: ['Pledges'],
      summary:
        'Actors that make or partner in pledges: the States, then UN entities, civil society and others',
      request: { query: actorsQuerySchema },
      responses: listResponse(actorSchema, 'Actors, States first'),
    }),
    async (c) => {
      const { type, iso3, q, ...query } = c.req.valid('query');
      checkValues('type', type, ACTOR_TYPES);
      const { items, nextSortKey } = await listActors(
        c.var.deps.db,
        { type, iso3, q: q?.trim() || undefined },
        { limit: query.limit, afterSortKey: decodeCursor(query.cursor) },
      );
      return sendList(
        c,
        query,
        { items, nextCursor: nextSortKey === null ? null : encodeCursor(nextSortKey) },
        { filename: 'actors', columns: actorCsvColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/{id}',
      tags: ['Pledges'],
      summary: 'One actor, with the number of its pledges; its pledges are at /pledges?actor={id}',
      request: { params: actorIdParams },
      responses: itemResponse(actorDetailSchema, 'The actor'),
    }),
    async (c) => c.json({ data: await getActor(c.var.deps.db, c.req.valid('param').id) }, 200),
  );
}
