import type { Kysely } from 'kysely';

/**
 * States, recorded votes, source conflicts and position events. Position
 * events are versioned: a correction adds a version and closes the previous
 * one (`superseded_at`), so what was on record at any moment stays readable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('states')
    .addColumn('iso3', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('iso2', 'text', (c) => c.notNull().unique())
    .addColumn('numeric', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('membership', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull())
    .addColumn('subregion_code', 'text', (c) => c.notNull())
    .addColumn('subregion_name', 'text', (c) => c.notNull())
    .addColumn('intermediate_code', 'text')
    .addColumn('intermediate_name', 'text')
    .execute();

  await db.schema
    .createTable('resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('symbol', 'text', (c) => c.notNull().unique())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('implies_stance', 'integer', (c) => c.notNull())
    .addColumn('official_yes', 'integer', (c) => c.notNull())
    .addColumn('official_no', 'integer', (c) => c.notNull())
    .addColumn('official_abstain', 'integer', (c) => c.notNull())
    .addColumn('official_not_voting', 'integer')
    .addColumn('recorded', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('votes')
    .addColumn('resolution_id', 'text', (c) => c.notNull().references('resolutions.id'))
    .addColumn('iso3', 'text', (c) => c.notNull().references('states.iso3'))
    .addColumn('vote', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['resolution_id', 'iso3'])
    .execute();
  await db.schema.createIndex('votes_iso3').on('votes').column('iso3').execute();

  await db.schema
    .createTable('source_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('resolution_id', 'text', (c) => c.notNull().references('resolutions.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('readings_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('conflict_states')
    .addColumn('conflict_id', 'text', (c) => c.notNull().references('source_conflicts.id'))
    .addColumn('iso3', 'text', (c) => c.notNull().references('states.iso3'))
    .addPrimaryKeyConstraint('conflict_states_pk', ['conflict_id', 'iso3'])
    .execute();

  await db.schema
    .createTable('position_events')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('state_iso3', 'text', (c) => c.notNull().references('states.iso3'))
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stance', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    /** The citations of this version, as JSON: versions never change once recorded. */
    .addColumn('sources_json', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addPrimaryKeyConstraint('position_events_pk', ['event_id', 'version'])
    .execute();
  await db.schema
    .createIndex('position_events_current')
    .on('position_events')
    .columns(['state_iso3', 'compact_id', 'superseded_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'position_events',
    'conflict_states',
    'source_conflicts',
    'votes',
    'resolutions',
    'states',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
