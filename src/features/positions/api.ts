/** API v1: positions as of a date, changes of position, position events, recorded votes. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, listQuerySchema, pageOf, sendList } from '../../http/list.ts';
import { itemResponse, listResponse } from '../../http/openapi.ts';
import { todayIso } from '../../http/params.ts';
import { assertStateExists, listRegions } from '../states/repository.ts';
import { changesDataset, positionsColumns, resolutionsDataset, votesColumns } from './datasets.ts';
import { findResolution, listEventVersions, listResolutions, listVotesOf } from './repository.ts';
import {
  changeSchema,
  changesQuerySchema,
  positionEventSchema,
  positionSchema,
  positionsQuerySchema,
  resolutionSchema,
  stanceCountsSchema,
  voteSchema,
  votesQuerySchema,
} from './schemas.ts';
import { listChanges, positionsAsOf } from './service.ts';

async function assertRegion(db: Kysely<Database>, region: string | undefined): Promise<void> {
  if (!region) return;
  const regions = await listRegions(db);
  if (!regions.some((r) => r.code === region)) {
    throw new ValidationError(`Unknown region "${region}".`, [
      {
        location: 'region',
        message: `must be one of ${regions.map((r) => `${r.code} (${r.name})`).join(', ')}`,
      },
    ]);
  }
}

/** Items are sorted in memory here (at most 195 States), so the cursor is a position in that order. */
function pageBySortKey<T extends { sort_key: number }>(
  items: T[],
  cursor: string | undefined,
  limit: number,
) {
  const after = decodeCursor(cursor);
  return pageOf(
    items.filter((i) => i.sort_key > after),
    limit,
  );
}

export function registerPositionsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/positions',
      tags: ['Positions'],
      summary: "Every State's stance on a compact as of a date",
      description:
        'One item per State. `meta.counts` counts each stance over all States matching `region` (before paging and before the `stance` filter). ' +
        'Rules: a State is undeclared before its first stance-bearing event; an absence from a vote changes nothing; several events on one day apply as statements, then government decisions, then parliamentary decisions, then recorded votes.',
      request: { query: positionsQuerySchema },
      responses: listResponse(
        positionSchema,
        'Positions in State name order',
        z.object({
          compact: z.string(),
          asOf: z.string(),
          knownAt: z.string().nullable(),
          counts: stanceCountsSchema,
        }),
      ),
    }),
    async (c) => {
      const { compact, asOf = todayIso(), region, stance, knownAt, ...query } = c.req.valid('query');
      const db = c.var.deps.db;
      await assertRegion(db, region);
      const { items, counts } = await positionsAsOf(db, { compact, asOf, region, stance, knownAt });
      const page = pageBySortKey(items, query.cursor, query.limit);
      return sendList(
        c,
        query,
        {
          items: page.items.map(({ sort_key: _, ...p }) => p),
          nextCursor: page.nextCursor,
          meta: { compact, asOf, knownAt: knownAt ?? null, counts },
        },
        { filename: `positions-${compact}-${asOf}`, columns: positionsColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/positions/changes',
      tags: ['Positions'],
      summary: 'Changes of stance, oldest first, each with the event and sources behind it',
      request: { query: changesQuerySchema },
      responses: listResponse(changeSchema, 'Changes in date order'),
    }),
    async (c) => {
      const { compact, from, to, state, knownAt, ...query } = c.req.valid('query');
      const db = c.var.deps.db;
      if (from && to && from > to) {
        throw new ValidationError('`from` is after `to`.', [
          { location: 'from', message: `${from} is after to=${to}` },
        ]);
      }
      if (state) await assertStateExists(db, state);
      const changes = await listChanges(db, { compact, from, to, state, knownAt });
      const page = pageBySortKey(changes, query.cursor, query.limit);
      return sendList(
        c,
        query,
        { items: page.items.map(({ sort_key: _, ...x }) => x), nextCursor: page.nextCursor },
        { filename: 'position-changes', columns: changesDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/positions/events/{id}',
      tags: ['Positions'],
      summary: 'A position event with all its versions, newest first',
      description:
        'A corrected event keeps its earlier versions, with the moment each was recorded and superseded.',
      request: {
        params: z.object({
          id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'bra-gcm-2019-01-08' }),
        }),
      },
      responses: itemResponse(
        z.object({ current: positionEventSchema.nullable(), versions: z.array(positionEventSchema) }),
        'The event; `current` is null when it was withdrawn from the record',
      ),
    }),
    async (c) => {
      const versions = await listEventVersions(c.var.deps.db, c.req.valid('param').id);
      return c.json(
        { data: { current: versions.find((v) => v.supersededAt === null) ?? null, versions } },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/resolutions',
      tags: ['Votes'],
      summary: 'General Assembly resolutions with recorded votes, official totals and source conflicts',
      request: { query: listQuerySchema },
      responses: listResponse(resolutionSchema, 'Resolutions'),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const all = (await listResolutions(c.var.deps.db)).map((r, i) => ({ ...r, sort_key: i }));
      const page = pageBySortKey(all, query.cursor, query.limit);
      return sendList(
        c,
        query,
        { items: page.items.map(({ sort_key: _, ...r }) => r), nextCursor: page.nextCursor },
        { filename: 'resolutions', columns: resolutionsDataset.columns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/votes',
      tags: ['Votes'],
      summary: 'How each State voted on a resolution',
      description:
        '`meta.counts` are the official totals (`absent` = not voting; null where the official record gives none). ' +
        "For a resolution recorded `partial`, only the States named in the sources are listed. Items carry `conflict` where sources disagree about a State's vote.",
      request: { query: votesQuerySchema },
      responses: listResponse(
        voteSchema,
        'Votes in State name order',
        z.object({
          resolution: resolutionSchema,
          counts: z.object({
            yes: z.number(),
            no: z.number(),
            abstain: z.number(),
            absent: z.number().nullable(),
          }),
          recorded: z.enum(['complete', 'partial']),
        }),
      ),
    }),
    async (c) => {
      const { resolution: key, vote, ...query } = c.req.valid('query');
      const db = c.var.deps.db;
      const resolution = await findResolution(db, key);
      if (!resolution) {
        const known = (await listResolutions(db)).map((r) => r.symbol);
        throw new ValidationError(`No recorded votes for resolution "${key}".`, [
          { location: 'resolution', message: `must be one of ${known.join(', ')}` },
        ]);
      }
      const conflicted = new Map(
        resolution.conflicts.flatMap((cf) =>
          cf.states.map((s) => [s, { id: cf.id, description: cf.description }] as const),
        ),
      );
      const all = (await listVotesOf(db, resolution.id))
        .filter((v) => !vote || v.vote === vote)
        .map((v) => ({ ...v, conflict: conflicted.get(v.iso3) ?? null }));
      const page = pageBySortKey(all, query.cursor, query.limit);
      const o = resolution.official;
      return sendList(
        c,
        query,
        {
          items: page.items.map(({ sort_key: _, ...v }) => v),
          nextCursor: page.nextCursor,
          meta: {
            resolution,
            counts: { yes: o.yes, no: o.no, abstain: o.abstain, absent: o.notVoting },
            recorded: resolution.recorded,
          },
        },
        { filename: `votes-${resolution.id}`, columns: votesColumns },
      );
    },
  );
}
