/** An in-process app over a real test database, for HTTP tests, and the checks those tests share. */
import { expect } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/log.ts';
import { type EngineName, openTestDatabase, type TestDatabase } from './db.ts';

/** A page as the tests read it: the status, the content type and the HTML. */
export type PageAnswer = { status: number; type: string | null; html: string; res: Response };

export type TestApp = TestDatabase & {
  request: (path: string, init?: RequestInit) => Promise<Response>;
  json: <T = unknown>(
    path: string,
    init?: RequestInit,
  ) => Promise<{ status: number; body: T; res: Response }>;
  page: (path: string, init?: RequestInit) => Promise<PageAnswer>;
};

/** A page of a list answer: `data` and the cursor. */
export type List<T> = { data: T[]; page: { limit: number; nextCursor: string | null } };

/** An RFC 9457 problem+json body as the API writes it. */
export type Problem = {
  type: string;
  status: number;
  code: string;
  detail: string;
  errors?: { location: string }[];
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
    page: async (path: string, init?: RequestInit) => {
      const res = await request(path, init);
      return { status: res.status, type: res.headers.get('content-type'), html: await res.text(), res };
    },
  };
}

/**
 * Checks a problem+json answer: the status, the content type, the `code` with
 * its `type` link, no stack trace in `detail`, and (when given) the parameter
 * named in `errors[].location`. Returns the body for further checks.
 */
export async function expectProblem(
  res: Response,
  status: number,
  code: string,
  location?: string,
): Promise<Problem> {
  const label = `${status} ${code}${location ? ` at ${location}` : ''}`;
  expect(res.status, label).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body, label).toMatchObject({ status, code, type: `/api#problem-${code}` });
  expect(body.detail, label).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  if (location)
    expect(
      body.errors?.map((e) => e.location),
      label,
    ).toContain(location);
  return body;
}

/** Text as hono/jsx writes it into HTML. */
export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
