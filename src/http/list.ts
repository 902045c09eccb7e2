/**
 * The list contract of the API: `limit` (default 50, at most 500), an opaque
 * `cursor`, `format=csv` for the CSV twin, and the `{data, page, meta}` body.
 * Lists page by keyset on an integer sort key, so a cursor stays valid while
 * data changes.
 *
 * @example
 * const { items, nextCursor } = pageOf(rowsPlusOne, query.limit);
 */

import { z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import { protectCell } from '../domain/csv-cell.ts';
import { ValidationError } from '../errors.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export const listQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .openapi({ description: `Items per page (1–${MAX_LIMIT}).`, example: DEFAULT_LIMIT }),
  cursor: z
    .string()
    .optional()
    .openapi({ description: 'Opaque cursor from `page.nextCursor` of the previous page.' }),
  format: z.enum(['json', 'csv']).default('json').openapi({ description: '`csv` returns the list as CSV.' }),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const pageSchema = z
  .object({
    limit: z.number().int(),
    nextCursor: z.string().nullable(),
  })
  .openapi('Page');

/** Cursor → the sort key after which the page starts (-1 for the first page). */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return -1;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'number' && Number.isInteger(parsed.k)) return parsed.k;
  } catch {
    // fall through
  }
  throw new ValidationError('The cursor is not valid; use page.nextCursor from a previous response.', [
    { location: 'cursor', message: 'malformed cursor' },
  ]);
}

export function encodeCursor(sortKey: number): string {
  return Buffer.from(JSON.stringify({ k: sortKey })).toString('base64url');
}

/** Takes `limit + 1` rows fetched after the cursor and splits off the next cursor. */
export function pageOf<T extends { sort_key: number }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key) : null };
}

export type CsvColumn<T> = {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
};

/**
 * Renders items as CSV with a header row. Text cells are guarded against
 * formula injection (`protectCell`); numbers are written as they are, booleans as `true`/`false`.
 */
export function toCsv<T>(items: T[], columns: CsvColumn<T>[]): string {
  // Booleans as words: the CSV writer's default would give "1" and an empty cell.
  const cell = (v: string | number | boolean | null | undefined) =>
    typeof v === 'string' ? protectCell(v) : typeof v === 'boolean' ? String(v) : (v ?? '');
  return stringify([
    columns.map((c) => c.header),
    ...items.map((item) => columns.map((c) => cell(c.value(item)))),
  ]);
}

export function csvResponse(c: Context, filename: string, body: string): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `inline; filename="${filename}.csv"`);
  return c.body(body);
}

/** Answers a list in JSON or, with `format=csv`, as CSV. */
export function sendList<T>(
  c: Context,
  query: ListQuery,
  list: { items: T[]; nextCursor: string | null; meta?: Record<string, unknown> },
  csv: { filename: string; columns: CsvColumn<T>[] },
): Response {
  if (list.nextCursor) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', list.nextCursor);
    c.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  if (query.format === 'csv') return csvResponse(c, csv.filename, toCsv(list.items, csv.columns));
  return c.json({
    data: list.items,
    page: { limit: query.limit, nextCursor: list.nextCursor },
    ...(list.meta ? { meta: list.meta } : {}),
  });
}
