/** API v1: who the caller is, and what their role lets them do. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ACTIONS, allowedActions, RESOURCES } from '../../domain/access-policy.ts';
import type { AppEnv } from '../../http/env.ts';
import { itemResponse } from '../../http/openapi.ts';
import { requireUser } from './http.ts';

const meSchema = z
  .object({
    email: z.string(),
    role: z.enum(['admin', 'reviewer', 'focal_point', 'contributor']),
    states: z.array(z.string()).openapi({ description: 'States a focal point answers for (ISO3).' }),
    actorId: z.string().nullable().openapi({ description: 'The actor a contributor answers for.' }),
    allowedActions: z.record(z.enum(RESOURCES), z.array(z.enum(ACTIONS))).openapi({
      description: 'What the caller may do to a new record of each kind (before any record exists).',
    }),
  })
  .openapi('Me');

/** Registers `GET /me`. */
export function registerAccountsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Accounts'],
      summary:
        'The caller: email, role, scope and allowed actions (needs a session or `Authorization: Bearer TOKEN`)',
      responses: itemResponse(meSchema, 'The signed-in user or the user of the API token'),
    }),
    async (c) => {
      const user = requireUser(c);
      const own = { ownerStates: user.states, ownerActorId: user.actorId, workflow: 'draft' as const };
      const actions = Object.fromEntries(RESOURCES.map((r) => [r, allowedActions(user, r, own)]));
      return c.json(
        {
          data: {
            email: user.email,
            role: user.role,
            states: [...user.states],
            actorId: user.actorId,
            allowedActions: actions as Record<(typeof RESOURCES)[number], (typeof ACTIONS)[number][]>,
          },
        },
        200,
      );
    },
  );
}
