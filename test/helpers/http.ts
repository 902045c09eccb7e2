/** An in-process app over a real test database, for HTTP tests. */
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/log.ts';
import { type EngineName, openTestDatabase, type TestDatabase } from './db.ts';

export type TestApp = TestDatabase & {
  request: (path: string, init?: RequestInit) => Promise<Response>;
  json: <T = unknown>(
    path: string,
    init?: RequestInit,
  ) => Promise<{ status: number; body: T; res: Response }>;
};

export async function openTestApp(engine: EngineName): Promise<TestApp> {
  const t = await openTestDatabase(engine, { load: true });
  const app = createApp({
    db: t.db,
    engine: t.engine,
    config: t.config,
    logger: createLogger({ logLevel: 'silent' }),
  });
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  return {
    ...t,
    request,
    json: async <T>(path: string, init?: RequestInit) => {
      const res = await request(path, init);
      return { status: res.status, body: (await res.json()) as T, res };
    },
  };
}
