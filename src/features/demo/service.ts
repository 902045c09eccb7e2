/**
 * Loading and clearing synthetic data (`compact-watch demo`). Generated
 * records go through the same importer as real files (`importRegistry`), so
 * they are validated and written exactly like real ones; the importer also
 * refuses to mix synthetic and real records in one database.
 *
 * @example
 * const result = await loadDemoData(db, { pledges: 1000, seed: 1, today: '2026-11-28' });
 * result.report.counts.pledges.inserted; // 1000 on an empty database
 * await clearSyntheticData(db);          // removes every synthetic record, in one transaction
 */
import type { Kysely } from 'kysely';
import { bumpDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../errors.ts';
import { type ImportOptions, type ImportReport, importRegistry, recordsInput } from '../transfer/import.ts';
import { PLEDGE_LINK_TABLES } from '../transfer/stored.ts';
import { type GeneratorState, generateRegistry } from './generate.ts';
import { hasSyntheticData } from './synthetic.ts';

export type DemoOptions = {
  pledges: number;
  seed: number;
  /** YYYY-MM-DD: the generated history stops here. */
  today: string;
  /** Called as records are validated and written (see `importRegistry`). */
  onProgress?: ImportOptions['onProgress'];
};

export type DemoResult = {
  /** Synthetic pledges that were loaded before and have been replaced. */
  replaced: number;
  generated: { actors: number; pledges: number; updates: number; assessments: number };
  report: ImportReport;
  /** Synthetic pledges in the database afterwards. */
  syntheticPledges: number;
};

/** The import source name synthetic records are reported under. */
export const DEMO_SOURCE = 'synthetic data';

/** The reference States, as the generator takes them. */
export async function referenceStates(db: Kysely<Database>): Promise<GeneratorState[]> {
  return db.selectFrom('states').select(['iso3', 'name']).orderBy('sort_key').execute();
}

/**
 * Generates `pledges` synthetic pledges (with their actors, updates and
 * assessments) and imports them, all or nothing. Synthetic data loaded
 * before is removed first (its own transaction), so the database then holds
 * exactly this demonstration, not a blend of two runs. Refused, with nothing
 * written, on a database that holds real pledges.
 */
export async function loadDemoData(db: Kysely<Database>, options: DemoOptions): Promise<DemoResult> {
  const real = await countPledges(db, 0);
  if (real > 0) {
    throw new ValidationError(
      `This database holds ${real} real pledge(s); synthetic data is never mixed with real data. ` +
        'Load the demonstration into another DATA_DIR (or, on PostgreSQL, another DATABASE_SCHEMA).',
    );
  }
  const states = await referenceStates(db);
  if (states.length === 0) {
    throw new ValidationError(
      'The reference States are not loaded; run `compact-watch load-reference` first.',
    );
  }
  const replaced = (await hasSyntheticData(db)) ? ((await clearSyntheticData(db)).deleted.pledges ?? 0) : 0;
  const registry = generateRegistry({
    pledges: options.pledges,
    seed: options.seed,
    today: options.today,
    states,
  });
  const report = await importRegistry(db, recordsInput(DEMO_SOURCE, registry), {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!report.applied && report.problemCount > 0) {
    const first = report.problems
      .slice(0, 5)
      .map(
        (p) =>
          `${p.source}${p.row === null ? '' : `:${p.row}`}${p.column ? ` ${p.column}` : ''}: ${p.message}`,
      );
    throw new ValidationError(
      `The synthetic data was refused (${report.problemCount} problem(s)); nothing was written. ${first.join('; ')}`,
      report.problems.slice(0, 20).map((p) => ({
        location: `${p.source}${p.row === null ? '' : `:${p.row}`}${p.column ? `:${p.column}` : ''}`,
        message: p.message,
      })),
    );
  }
  return {
    replaced,
    generated: {
      actors: registry.actors.length,
      pledges: registry.pledges.length,
      updates: registry.updates.length,
      assessments: registry.assessments.length,
    },
    report,
    syntheticPledges: await countPledges(db, 1),
  };
}

export type ClearResult = {
  /** Rows removed per table (link tables included). */
  deleted: Record<string, number>;
  total: number;
};

/**
 * Removes every synthetic record and everything that hangs off a synthetic
 * pledge, in one transaction that raises the data version when anything was
 * removed. Real records are never touched: a real record that refers to a
 * synthetic one (which the importer does not allow) makes the whole clear
 * fail on its foreign key rather than be changed silently.
 */
export async function clearSyntheticData(db: Kysely<Database>): Promise<ClearResult> {
  return db.transaction().execute(async (trx) => {
    const synPledges = trx.selectFrom('pledges').select('id').where('synthetic', '=', 1);
    const synReviews = trx.selectFrom('national_reviews').select('id').where('synthetic', '=', 1);
    const deleted: Record<string, number> = {};
    const count = (table: string, result: { numDeletedRows: bigint }) => {
      deleted[table] = (deleted[table] ?? 0) + Number(result.numDeletedRows);
    };

    count(
      'pledge_matches',
      await trx
        .deleteFrom('pledge_matches')
        .where((eb) => eb.or([eb('pledge_id', 'in', synPledges), eb('matched_id', 'in', synPledges)]))
        .executeTakeFirst(),
    );
    for (const table of ['pledge_updates', 'pledge_assessments'] as const) {
      count(
        table,
        await trx
          .deleteFrom(table)
          .where((eb) => eb.or([eb('synthetic', '=', 1), eb('pledge_id', 'in', synPledges)]))
          .executeTakeFirst(),
      );
    }
    for (const table of PLEDGE_LINK_TABLES) {
      count(table, await trx.deleteFrom(table).where('pledge_id', 'in', synPledges).executeTakeFirst());
    }
    count('pledges', await trx.deleteFrom('pledges').where('synthetic', '=', 1).executeTakeFirst());
    count(
      'national_review_objectives',
      await trx
        .deleteFrom('national_review_objectives')
        .where('review_id', 'in', synReviews)
        .executeTakeFirst(),
    );
    count(
      'national_reviews',
      await trx.deleteFrom('national_reviews').where('synthetic', '=', 1).executeTakeFirst(),
    );
    count('actors', await trx.deleteFrom('actors').where('synthetic', '=', 1).executeTakeFirst());

    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total > 0) await bumpDataVersion(trx);
    return { deleted, total };
  });
}

async function countPledges(db: Kysely<Database>, synthetic: 0 | 1): Promise<number> {
  const row = await db
    .selectFrom('pledges')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('synthetic', '=', synthetic)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
