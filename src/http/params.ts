/** Query and path parameters shared by several API routes, validated the same way everywhere. */
import { z } from '@hono/zod-openapi';

export const COMPACT_IDS = ['gcm', 'gcr'] as const;
export type CompactId = (typeof COMPACT_IDS)[number];

/** A real calendar date as YYYY-MM-DD: `2019-02-30` passes a regex but is no date. */
export const isoDateParam = z
  .string()
  // `abort` keeps a malformed value from also being reported as not a calendar date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO 8601 date (YYYY-MM-DD)', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a calendar date');

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
