/** API v1: a State's country brief as data, the same figures as the printable page. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { itemResponse } from '../../http/openapi.ts';
import { todayIso } from '../../http/params.ts';
import { iso3Param } from '../states/schemas.ts';
import { briefSchema } from './schemas.ts';
import { stateBrief } from './service.ts';

/** Registers `GET /states/{iso3}/brief`. */
export function registerBriefsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/states/{iso3}/brief',
      tags: ['States'],
      summary: "A State's country brief: stances, 2018 votes, pledges, objectives, reviews and references",
      description:
        'The data of the printable brief at `/states/{iso3}/brief`: the stance on each compact today and ' +
        'its dated history, the recorded votes of 2018 and any source conflict, counts of the pledges the ' +
        'State made by reported status with the overdue and stale counts for today, the objectives those ' +
        'pledges address (by compact and by WMR 2020 category), national reviews, and every source cited, ' +
        'numbered (`cites[].ref` points into `references`).',
      request: { params: z.object({ iso3: iso3Param }) },
      responses: itemResponse(briefSchema, 'The brief'),
    }),
    async (c) => {
      const deps = c.var.deps;
      const data = await stateBrief(deps.db, c.req.valid('param').iso3, {
        today: todayIso(),
        publicUrl: deps.config.publicUrl,
      });
      return c.json({ data }, 200);
    },
  );
}
