import type { Kysely } from 'kysely';

/** Reference model of both compacts: sources, compacts, objectives, schemes, milestones, institutions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .addColumn('url', 'text')
    .addColumn('publisher', 'text')
    .addColumn('date', 'text')
    .execute();

  await db.schema
    .createTable('compacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text', (c) => c.notNull())
    .addColumn('legally_binding', 'integer', (c) => c.notNull())
    .addColumn('legal_nature', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('adoption_json', 'text', (c) => c.notNull())
    .addColumn('endorsement_json', 'text', (c) => c.notNull())
    .addColumn('structure_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('follow_up_mechanisms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text')
    .addColumn('paragraph', 'text')
    .execute();

  await db.schema
    .createTable('objectives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('short_label', 'text', (c) => c.notNull())
    .addColumn('paragraph', 'integer')
    .addColumn('action_count', 'integer')
    .addColumn('action_count_note', 'text')
    .addUniqueConstraint('objectives_compact_number', ['compact_id', 'number'])
    .execute();

  await db.schema
    .createTable('principles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();

  await db.schema
    .createTable('classification_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compact_id', 'text', (c) => c.notNull().references('compacts.id'))
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('classification_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('classification_schemes.id'))
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();

  await db.schema
    .createTable('classification_members')
    .addColumn('category_id', 'text', (c) => c.notNull().references('classification_categories.id'))
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addPrimaryKeyConstraint('classification_members_pk', ['category_id', 'objective_id'])
    .execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('compacts', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .execute();

  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('compacts', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('established', 'text')
    .execute();

  await db.schema
    .createTable('institution_relations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('from_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('record_sources')
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('locator', 'text')
    .addPrimaryKeyConstraint('record_sources_pk', ['record_type', 'record_id', 'position'])
    .execute();
  await db.schema.createIndex('record_sources_source').on('record_sources').column('source_id').execute();

  await db.schema
    .createTable('reference_files')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'reference_files',
    'record_sources',
    'institution_relations',
    'institutions',
    'milestones',
    'classification_members',
    'classification_categories',
    'classification_schemes',
    'principles',
    'objectives',
    'follow_up_mechanisms',
    'compacts',
    'sources',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
