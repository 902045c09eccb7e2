import type { Kysely } from 'kysely';

/**
 * The crosswalk between the compacts and the SDG targets, and the themes and
 * populations with their coverage by each compact (reference data from
 * `crosswalk.json` and `themes.json`). Link ends name objectives, compacts or
 * crosswalk nodes, so they carry no foreign key; the reference loader checks
 * them before anything is written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crosswalk_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('node_group', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('short_label', 'text', (c) => c.notNull())
    .addColumn('paragraphs', 'text')
    .execute();

  await db.schema
    .createTable('crosswalk_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text')
    .execute();
  // No unique index on sort_key: reordering the file updates rows one at a time.
  await db.schema.createIndex('crosswalk_links_from').on('crosswalk_links').column('from_id').execute();
  await db.schema.createIndex('crosswalk_links_to').on('crosswalk_links').column('to_id').execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Per compact: the level, the objectives and GCR sections (comma-separated ids), where, and why.
    .addColumn('gcm_level', 'text', (c) => c.notNull())
    .addColumn('gcm_objectives', 'text', (c) => c.notNull())
    .addColumn('gcm_areas', 'text', (c) => c.notNull())
    .addColumn('gcm_locator', 'text')
    .addColumn('gcm_rationale', 'text', (c) => c.notNull())
    .addColumn('gcr_level', 'text', (c) => c.notNull())
    .addColumn('gcr_objectives', 'text', (c) => c.notNull())
    .addColumn('gcr_areas', 'text', (c) => c.notNull())
    .addColumn('gcr_locator', 'text')
    .addColumn('gcr_rationale', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('themes').execute();
  await db.schema.dropTable('crosswalk_links').execute();
  await db.schema.dropTable('crosswalk_nodes').execute();
}
