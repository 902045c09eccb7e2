/**
 * The sources of curated records. Every record cites at least one source;
 * this reads them for a whole batch of records in one query.
 *
 * @example
 * const byId = await citationsFor(db, 'objective', ['gcm-1', 'gcm-2']);
 * byId.get('gcm-1'); // [{ id: 'a-res-73-195', title: '…', locator: 'p. 7', … }]
 */

import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export const citationSchema = z
  .object({
    id: z.string().openapi({ example: 'a-res-73-195' }),
    title: z.string(),
    symbol: z.string().nullable().openapi({ description: 'UN document symbol', example: 'A/RES/73/195' }),
    url: z.string().nullable(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
    locator: z
      .string()
      .nullable()
      .openapi({ description: 'Page, paragraph or section cited', example: 'para. 15' }),
  })
  .openapi('Citation');
export type CitationView = z.infer<typeof citationSchema>;

export type RecordType =
  | 'compact'
  | 'follow_up'
  | 'objective'
  | 'principle'
  | 'classification'
  | 'milestone'
  | 'institution'
  | 'relation'
  | 'state'
  | 'resolution'
  | 'conflict'
  | 'review_cycle'
  | 'crosswalk_node'
  | 'crosswalk_link'
  | 'theme';

export async function citationsFor(
  db: Kysely<Database>,
  recordType: RecordType,
  ids: string[],
): Promise<Map<string, CitationView[]>> {
  const out = new Map<string, CitationView[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('record_sources as rs')
    .innerJoin('sources as s', 's.id', 'rs.source_id')
    .select(['rs.record_id', 's.id', 's.title', 's.symbol', 's.url', 's.publisher', 's.date', 'rs.locator'])
    .where('rs.record_type', '=', recordType)
    .where('rs.record_id', 'in', ids)
    .orderBy('rs.record_id')
    .orderBy('rs.position')
    .execute();
  for (const { record_id, ...citation } of rows) {
    const list = out.get(record_id) ?? [];
    list.push(citation);
    out.set(record_id, list);
  }
  return out;
}
