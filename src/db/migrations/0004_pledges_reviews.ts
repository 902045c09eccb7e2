import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The pledge registry (actors, pledges, progress updates, independent
 * assessments) and reviews (review cycles from the reference files, national
 * review records).
 *
 * Multi-valued pledge fields live in link tables so they can be filtered and
 * counted in SQL. A few values derived from the updates (latest status, last
 * report date, latest assessment) are kept on the pledge row by the writer,
 * so listing and filtering never has to aggregate the updates.
 *
 * Full-text search: an FTS5 index kept by triggers on SQLite, a generated
 * `tsvector` column with a GIN index on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('actors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('iso3', 'text', (c) => c.references('states.iso3'))
    .addColumn('website', 'text')
    // 'reference' for the State actors derived from the reference list of States; 'registry' otherwise.
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actors_sort_key').on('actors').column('sort_key').unique().execute();
  await db.schema.createIndex('actors_type').on('actors').column('type').execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('actors.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('forum', 'text', (c) => c.notNull())
    .addColumn('announced_on', 'text')
    .addColumn('target_date', 'text')
    .addColumn('amount', postgres ? 'double precision' : 'real') // PostgreSQL's real is single precision
    .addColumn('currency', 'text')
    .addColumn('quantity', 'integer')
    .addColumn('quantity_unit', 'text')
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    // Derived from updates and assessments by the writer.
    .addColumn('latest_status', 'text')
    .addColumn('last_reported_on', 'text')
    .addColumn('assessment_status', 'text')
    .execute();
  await db.schema.createIndex('pledges_sort_key').on('pledges').column('sort_key').unique().execute();
  await db.schema.createIndex('pledges_actor').on('pledges').column('actor_id').execute();
  await db.schema.createIndex('pledges_announced').on('pledges').columns(['announced_on', 'id']).execute();

  const link = async (table: string, column: string, references: string | null) => {
    await db.schema
      .createTable(table)
      .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => (references ? c.notNull().references(references) : c.notNull()))
      .addPrimaryKeyConstraint(`${table}_pk`, ['pledge_id', column])
      .execute();
    await db.schema.createIndex(`${table}_${column}`).on(table).columns([column, 'pledge_id']).execute();
  };
  await link('pledge_compacts', 'compact_id', 'compacts.id');
  await link('pledge_objectives', 'objective_id', 'objectives.id');
  await link('pledge_principles', 'principle_id', 'principles.id');
  // A place is a State (ISO3) or an M49 region code ('001' for the world).
  await link('pledge_places', 'place_code', null);
  await link('pledge_partners', 'actor_id', 'actors.id');

  await db.schema
    .createTable('pledge_sources')
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pledge_sources_pk', ['pledge_id', 'position'])
    .execute();

  await db.schema
    .createTable('pledge_matches')
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('matched_id', 'text', (c) => c.notNull().references('pledges.id'))
    // What the matched pledge is to this one: the 'offer' that meets it, or the 'need' it meets.
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pledge_matches_pk', ['pledge_id', 'matched_id'])
    .execute();
  await db.schema.createIndex('pledge_matches_matched').on('pledge_matches').column('matched_id').execute();

  await db.schema
    .createTable('pledge_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id'))
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pledge_updates_sort_key')
    .on('pledge_updates')
    .column('sort_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('pledge_updates_pledge')
    .on('pledge_updates')
    .columns(['pledge_id', 'reported_on'])
    .execute();

  await db.schema
    .createTable('pledge_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pledge_assessments_sort_key')
    .on('pledge_assessments')
    .column('sort_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('pledge_assessments_pledge')
    .on('pledge_assessments')
    .columns(['pledge_id', 'assessed_on'])
    .execute();

  await db.schema
    .createTable('review_cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('milestone_id', 'text', (c) => c.references('milestones.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('national_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('iso3', 'text', (c) => c.notNull().references('states.iso3'))
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_url', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('national_reviews_sort_key')
    .on('national_reviews')
    .column('sort_key')
    .unique()
    .execute();
  await db.schema.createIndex('national_reviews_iso3').on('national_reviews').column('iso3').execute();
  await db.schema.createIndex('national_reviews_cycle').on('national_reviews').column('cycle_id').execute();

  await db.schema
    .createTable('national_review_objectives')
    .addColumn('review_id', 'text', (c) => c.notNull().references('national_reviews.id').onDelete('cascade'))
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id'))
    .addPrimaryKeyConstraint('national_review_objectives_pk', ['review_id', 'objective_id'])
    .execute();

  if (postgres) {
    await sql`alter table pledges add column search tsvector
      generated always as (to_tsvector('simple', title || ' ' || description)) stored`.execute(db);
    await sql`create index pledges_search on pledges using gin (search)`.execute(db);
  } else {
    await sql`create virtual table pledges_fts using fts5(
      title, description, content='pledges', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger pledges_fts_insert after insert on pledges begin
      insert into pledges_fts(rowid, title, description) values (new.rowid, new.title, new.description);
    end`.execute(db);
    await sql`create trigger pledges_fts_delete after delete on pledges begin
      insert into pledges_fts(pledges_fts, rowid, title, description) values ('delete', old.rowid, old.title, old.description);
    end`.execute(db);
    await sql`create trigger pledges_fts_update after update of title, description on pledges begin
      insert into pledges_fts(pledges_fts, rowid, title, description) values ('delete', old.rowid, old.title, old.description);
      insert into pledges_fts(rowid, title, description) values (new.rowid, new.title, new.description);
    end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) {
    for (const t of ['pledges_fts_insert', 'pledges_fts_delete', 'pledges_fts_update']) {
      await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
    }
    await sql`drop table if exists pledges_fts`.execute(db);
  }
  for (const table of [
    'national_review_objectives',
    'national_reviews',
    'review_cycles',
    'pledge_assessments',
    'pledge_updates',
    'pledge_matches',
    'pledge_sources',
    'pledge_partners',
    'pledge_places',
    'pledge_principles',
    'pledge_objectives',
    'pledge_compacts',
    'pledges',
    'actors',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
