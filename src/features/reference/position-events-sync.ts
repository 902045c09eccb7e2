/**
 * Loads position events as versions, never overwriting: an event whose
 * content changed in the file gets a new version and the previous one is
 * closed (`superseded_at`); an event gone from the file is closed with no
 * successor. Only the file order (`sort_key`) is updated in place.
 *
 * An event a reviewer has published in the editor (`origin = 'editor'`) is
 * the database's own from then on: the file no longer changes or closes it,
 * so a later start cannot silently undo a correction.
 */
import type { Transaction } from 'kysely';
import type { Database, PositionEventsTable } from '../../db/schema.ts';
import type { ReferenceData } from './schema.ts';
import type { TableCounts } from './sync.ts';

type EventFile = ReferenceData['positionEvents'][number];
type Content = Omit<
  PositionEventsTable,
  'event_id' | 'version' | 'sort_key' | 'recorded_at' | 'superseded_at' | 'origin'
>;

function contentOf(e: EventFile): Content {
  return {
    state_iso3: e.state,
    compact_id: e.compact,
    date: e.date,
    date_precision: e.datePrecision,
    end_date: e.endDate ?? null,
    kind: e.kind,
    stance: e.stance,
    title: e.title,
    note: e.note ?? null,
    status: e.status,
    sources_json: JSON.stringify(e.sources),
  };
}

const CONTENT_KEYS = Object.keys(contentOf({} as EventFile)) as (keyof Content)[];

export async function syncPositionEvents(
  trx: Transaction<Database>,
  events: EventFile[],
  now: string,
): Promise<TableCounts> {
  const counts: TableCounts = { inserted: 0, updated: 0, deleted: 0 };
  const current = await trx
    .selectFrom('position_events')
    .selectAll()
    .where('superseded_at', 'is', null)
    .execute();
  const byId = new Map(current.map((r) => [r.event_id, r]));
  const lastVersions = await trx
    .selectFrom('position_events')
    .select(['event_id', (eb) => eb.fn.max<number>('version').as('v')])
    .groupBy('event_id')
    .execute();
  const lastVersion = new Map(lastVersions.map((r) => [r.event_id, Number(r.v)]));

  for (const [sortKey, event] of events.entries()) {
    const content = contentOf(event);
    const existing = byId.get(event.id);
    byId.delete(event.id);
    if (existing?.origin === 'editor') continue;
    if (existing && CONTENT_KEYS.every((k) => existing[k] === content[k])) {
      if (existing.sort_key !== sortKey) {
        await trx
          .updateTable('position_events')
          .set({ sort_key: sortKey })
          .where('event_id', '=', event.id)
          .where('version', '=', existing.version)
          .execute();
      }
      continue;
    }
    if (existing) {
      await close(trx, existing, now);
      counts.updated++;
    } else counts.inserted++;
    await trx
      .insertInto('position_events')
      .values({
        event_id: event.id,
        version: (lastVersion.get(event.id) ?? 0) + 1,
        sort_key: sortKey,
        ...content,
        recorded_at: now,
        superseded_at: null,
        origin: 'reference',
      })
      .execute();
  }
  for (const gone of byId.values()) {
    if (gone.origin === 'editor') continue;
    await close(trx, gone, now);
    counts.deleted++;
  }
  return counts;
}

function close(trx: Transaction<Database>, row: PositionEventsTable, now: string) {
  return trx
    .updateTable('position_events')
    .set({ superseded_at: now })
    .where('event_id', '=', row.event_id)
    .where('version', '=', row.version)
    .execute();
}
