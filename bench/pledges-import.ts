/**
 * Import rate: synthetic pledges through `importRegistry` (validation,
 * comparison with stored records, batched writes, derived columns) against a
 * bare loop that inserts the same rows into the same kind of database (the
 * same migrated SQLite schema with the same pragmas, triggers and foreign
 * keys) with prepared INSERTs in one transaction and no validation.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { SyntheticRegistry } from '../src/features/demo/generate.ts';
import { DEMO_SOURCE } from '../src/features/demo/service.ts';
import { loadReferenceData } from '../src/features/reference/sync.ts';
import { importRegistry, recordsInput } from '../src/features/transfer/import.ts';
import { PLEDGE_TABLES } from '../src/features/transfer/stored.ts';

export type ImportRateResult = {
  records: { actors: number; pledges: number; updates: number; assessments: number; total: number };
  /** Rows in every registry table afterwards (the same for both ways, checked). */
  rowsWritten: number;
  importer: { ms: number; recordsPerSecond: number; pledgesPerSecond: number };
  bareLoop: { ms: number; recordsPerSecond: number; pledgesPerSecond: number };
  /** importer records/s ÷ bare loop records/s. */
  ratio: number;
};

/** A migrated SQLite database with the reference data loaded, as `compact-watch serve` leaves it. */
export async function prepareSqlite(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'compact-watch.sqlite');
  const database = await openDatabase({ engine: 'sqlite', file });
  try {
    await migrateToLatest(database.db, database.engine);
    await loadReferenceData(database.db, database.engine);
  } finally {
    await database.close();
  }
  return file;
}

/** Imports `registry` into the database in `importDir` and bare-inserts it into the one in `bareDir`. */
export async function measureImportRate(
  registry: SyntheticRegistry,
  importDir: string,
  bareDir: string,
): Promise<ImportRateResult> {
  const records = {
    actors: registry.actors.length,
    pledges: registry.pledges.length,
    updates: registry.updates.length,
    assessments: registry.assessments.length,
    total: 0,
  };
  records.total = records.actors + records.pledges + records.updates + records.assessments;

  const importFile = await prepareSqlite(importDir);
  const bareFile = await prepareSqlite(bareDir);

  const database = await openDatabase({ engine: 'sqlite', file: importFile });
  let importMs: number;
  try {
    const input = recordsInput(DEMO_SOURCE, registry);
    const started = performance.now();
    const report = await importRegistry(database.db, input);
    importMs = performance.now() - started;
    if (!report.applied || report.counts.pledges.inserted !== records.pledges) {
      throw new Error(
        `the import did not apply: ${report.problemCount} problem(s), e.g. ${JSON.stringify(report.problems.slice(0, 3))}`,
      );
    }
  } finally {
    await database.close();
  }

  const bareMs = bareInsert(bareFile, registry);

  const imported = countRows(importFile);
  const bare = countRows(bareFile);
  for (const t of PLEDGE_TABLES) {
    if (imported[t] !== bare[t])
      throw new Error(`the two ways wrote different rows: ${t} ${imported[t]} vs ${bare[t]}`);
  }
  const rate = (ms: number) => ({
    ms: Math.round(ms),
    recordsPerSecond: Math.round(records.total / (ms / 1000)),
    pledgesPerSecond: Math.round(records.pledges / (ms / 1000)),
  });
  return {
    records,
    rowsWritten: PLEDGE_TABLES.reduce((n, t) => n + (imported[t] ?? 0), 0),
    importer: rate(importMs),
    bareLoop: rate(bareMs),
    ratio: bareMs / importMs,
  };
}

/**
 * The baseline: the same rows, one prepared INSERT per row, in one
 * transaction, with the pledge columns derived from the updates and
 * assessments computed on the way (as the importer must), and nothing checked.
 * Its SQL is its own, not src/features/pledges/writer.ts's: it is what the writer is measured against.
 */
function bareInsert(file: string, registry: SyntheticRegistry): number {
  const db = new BetterSqlite3(file);
  try {
    // The pragmas of src/db/database.ts, so both databases work alike.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const started = performance.now();
    const insert = {
      actor: db.prepare(
        'insert into actors (id, sort_key, name, type, iso3, website, origin, synthetic) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      pledge: db.prepare(
        `insert into pledges (id, sort_key, actor_id, title, description, type, forum, announced_on, target_date,
          amount, currency, quantity, quantity_unit, synthetic, latest_status, last_reported_on, assessment_status)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      compact: db.prepare('insert into pledge_compacts (pledge_id, compact_id) values (?, ?)'),
      objective: db.prepare('insert into pledge_objectives (pledge_id, objective_id) values (?, ?)'),
      principle: db.prepare('insert into pledge_principles (pledge_id, principle_id) values (?, ?)'),
      place: db.prepare('insert into pledge_places (pledge_id, place_code) values (?, ?)'),
      partner: db.prepare('insert into pledge_partners (pledge_id, actor_id) values (?, ?)'),
      source: db.prepare('insert into pledge_sources (pledge_id, position, url) values (?, ?, ?)'),
      match: db.prepare('insert into pledge_matches (pledge_id, matched_id, relation) values (?, ?, ?)'),
      update: db.prepare(
        `insert into pledge_updates (id, sort_key, pledge_id, reported_on, status, narrative, evidence_json, synthetic)
          values (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      assessment: db.prepare(
        `insert into pledge_assessments (id, sort_key, pledge_id, assessed_on, assessor, status, narrative, evidence_json, synthetic)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    const latestUpdate = new Map<string, { reportedOn: string; status: string; id: string }>();
    for (const u of registry.updates) {
      const prev = latestUpdate.get(u.pledgeId);
      if (!prev || u.reportedOn > prev.reportedOn || (u.reportedOn === prev.reportedOn && u.id > prev.id))
        latestUpdate.set(u.pledgeId, u);
    }
    const latestAssessment = new Map<string, { assessedOn: string; status: string; id: string }>();
    for (const a of registry.assessments) {
      const prev = latestAssessment.get(a.pledgeId);
      if (!prev || a.assessedOn > prev.assessedOn || (a.assessedOn === prev.assessedOn && a.id > prev.id))
        latestAssessment.set(a.pledgeId, a);
    }
    db.transaction(() => {
      registry.actors.forEach((a, i) => {
        insert.actor.run(a.id, 1_000_000 + i, a.name, a.type, a.iso3, a.website, 'registry', 1);
      });
      // Matches point at pledges inserted earlier, so every pledge goes in before any match.
      registry.pledges.forEach((p, i) => {
        const u = latestUpdate.get(p.id);
        insert.pledge.run(
          p.id,
          i,
          p.actorId,
          p.title,
          p.description,
          p.type,
          p.forum,
          p.announcedOn,
          p.targetDate,
          p.amount,
          p.currency,
          p.quantity,
          p.quantityUnit,
          1,
          u?.status ?? null,
          u?.reportedOn ?? null,
          latestAssessment.get(p.id)?.status ?? null,
        );
        for (const c of p.compacts) insert.compact.run(p.id, c);
        for (const o of p.objectives) insert.objective.run(p.id, o);
        for (const g of p.principles) insert.principle.run(p.id, g);
        for (const x of p.places) insert.place.run(p.id, x);
        for (const a of p.partnerIds) insert.partner.run(p.id, a);
        p.sources.forEach((url, n) => {
          insert.source.run(p.id, n, url);
        });
      });
      for (const p of registry.pledges)
        for (const m of p.matches) insert.match.run(p.id, m.pledgeId, m.relation);
      registry.updates.forEach((u, i) => {
        insert.update.run(
          u.id,
          i,
          u.pledgeId,
          u.reportedOn,
          u.status,
          u.narrative,
          JSON.stringify(u.evidence),
          1,
        );
      });
      registry.assessments.forEach((a, i) => {
        insert.assessment.run(
          a.id,
          i,
          a.pledgeId,
          a.assessedOn,
          a.assessor,
          a.status,
          a.narrative,
          JSON.stringify(a.evidence),
          1,
        );
      });
    })();
    return performance.now() - started;
  } finally {
    db.close();
  }
}

function countRows(file: string): Record<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of PLEDGE_TABLES) {
      const where = t === 'actors' ? " where origin = 'registry'" : '';
      out[t] = (db.prepare(`select count(*) as n from ${t}${where}`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}
