/**
 * Whether generated (synthetic) records are loaded, for the notice every page
 * shows while they are. Read once per data version: loading or clearing
 * synthetic data is a write, which raises the version.
 *
 * @example
 * await syntheticSummary(db); // null, or { pledges: 1000 }
 */
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { memoByDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import type { AppEnv } from '../../http/env.ts';

/** What is loaded: the number of synthetic pledges (other synthetic records may exist without any). */
export type SyntheticSummary = { pledges: number };

/** The registry tables that carry a `synthetic` flag. */
export const SYNTHETIC_TABLES = [
  'actors',
  'pledges',
  'pledge_updates',
  'pledge_assessments',
  'national_reviews',
] as const;

/** Null when no synthetic record is loaded; memoised per data version. */
export const syntheticSummary = memoByDataVersion(
  async (db: Kysely<Database>): Promise<SyntheticSummary | null> => {
    const row = await db
      .selectFrom('pledges')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('synthetic', '=', 1)
      .executeTakeFirst();
    const pledges = Number(row?.n ?? 0);
    if (pledges > 0) return { pledges };
    for (const table of SYNTHETIC_TABLES) {
      const any = await db
        .selectFrom(table)
        .select('synthetic')
        .where('synthetic', '=', 1)
        .limit(1)
        .execute();
      if (any.length > 0) return { pledges: 0 };
    }
    return null;
  },
);

/** True while any synthetic record is loaded. */
export async function hasSyntheticData(db: Kysely<Database>): Promise<boolean> {
  return (await syntheticSummary(db)) !== null;
}

/**
 * Puts the summary on the request for the page layout (`pageCtx`), for page
 * requests only. A failed read fails the request: a page is never shown
 * without the notice when it cannot tell whether synthetic data is loaded.
 */
export function syntheticDataNotice(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.req.path.startsWith('/api/')) c.set('synthetic', await syntheticSummary(c.var.deps.db));
    await next();
  };
}
