/**
 * All or nothing, even under SIGKILL: a child process runs the real
 * `compact-watch import` on a 10,000-row pledges file and is killed with
 * SIGKILL at a random moment within the import's duration. Reopening the
 * database must show none or all 10,000 pledges of the file (never part of
 * it), the database must open and migrate, and a second import must complete.
 *
 * Most of a CLI run is Node and module start-up, so the kill moment is drawn
 * between the end of start-up (timed with a run that fails at once, on a
 * missing file) and the end of a complete import (timed too): it lands while
 * the file is read, validated or written.
 *
 * Three trials per engine run in the suite. For a longer soak (a nightly
 * job), set IMPORT_KILL_TRIALS, e.g. `IMPORT_KILL_TRIALS=50 npx vitest run
 * test/import-kill.test.ts`. Each trial's kill delay is in its assertion
 * messages, so a failure can be replayed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { protectCell } from '../src/domain/csv-cell.ts';
import { generateRegistry, type SyntheticRegistry } from '../src/features/demo/generate.ts';
import { referenceStates } from '../src/features/demo/service.ts';
import { headersOf, rowOf } from '../src/features/pledges/csv-records.ts';
import type { RegistryKind, RegistryRecords } from '../src/features/pledges/records.ts';
import { loadReferenceData } from '../src/features/reference/sync.ts';
import { importRegistry, recordsInput } from '../src/features/transfer/import.ts';
import { dropSchema, type EngineName, forEachEngine, freshDatabaseConfig, tempDir } from './helpers/db.ts';
import { BIN, runCli } from './helpers/spawn.ts';

const PLEDGES = 10_000;
// A knob for long runs only; the suite's default is 3 trials per engine.
const TRIALS = Math.max(1, Number.parseInt(process.env.IMPORT_KILL_TRIALS ?? '3', 10) || 3);
const TODAY = '2026-11-28';

type Fresh = ReturnType<typeof freshDatabaseConfig>;

/** One record kind as a CSV file, the way `compact-watch export` writes it (formula guard included). */
function writeCsv<K extends RegistryKind>(
  file: string,
  kind: K,
  records: RegistryRecords[K][number][],
): void {
  const rows = records.map((r) => rowOf(kind, r).map(protectCell));
  fs.writeFileSync(file, stringify([headersOf(kind), ...rows]));
}

/** A fresh database, migrated, with the reference data and the file's actors loaded. */
async function prepare(engine: EngineName, registry: SyntheticRegistry): Promise<Fresh> {
  const fresh = freshDatabaseConfig(engine);
  const database = await openDatabase(fresh.database);
  try {
    await migrateToLatest(database.db, database.engine);
    await loadReferenceData(database.db, database.engine);
    const report = await importRegistry(
      database.db,
      recordsInput('actors.csv', { ...registry, pledges: [], updates: [], assessments: [] }),
    );
    expect(report.problems).toEqual([]);
  } finally {
    await database.close();
  }
  return fresh;
}

/** Pledges of the file in the database, and rows of one of their link tables; checks engine integrity. */
async function inspect(fresh: Fresh): Promise<{ pledges: number; compactLinks: number }> {
  const database = await openDatabase(fresh.database);
  try {
    // Opens and migrates after the kill (nothing to apply: the schema was complete before).
    await migrateToLatest(database.db, database.engine);
    const count = async (table: 'pledges' | 'pledge_compacts') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    if (database.engine === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
      expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
      // Throws if the full-text index and the pledges table disagree.
      await sql`insert into pledges_fts(pledges_fts) values ('integrity-check')`.execute(database.db);
    }
    return { pledges: await count('pledges'), compactLinks: await count('pledge_compacts') };
  } finally {
    await database.close();
  }
}

function startImport(
  file: string,
  env: Record<string, string>,
): { child: ChildProcess; exited: Promise<ExitInfo> } {
  const child = spawn(process.execPath, [BIN, 'import', file], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<ExitInfo>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}
type ExitInfo = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

async function cleanUp(fresh: Fresh): Promise<void> {
  await dropSchema(fresh.database);
  fs.rmSync(fresh.dataDir, { recursive: true, force: true });
}

forEachEngine((engine) => {
  describe(`compact-watch import killed with SIGKILL (${TRIALS} trials)`, () => {
    const dir = tempDir('cw-kill-');
    const pledgesFile = path.join(dir, 'pledges.csv');
    let registry: SyntheticRegistry;
    let expectedLinks = 0;
    /** Wall time of a complete import, spawn to exit, and of start-up alone: kills land between. */
    let durationMs = 0;
    let startupMs = 0;
    const outcomes: string[] = [];

    beforeAll(async () => {
      const fresh = freshDatabaseConfig(engine);
      const database = await openDatabase(fresh.database);
      try {
        await migrateToLatest(database.db, database.engine);
        await loadReferenceData(database.db, database.engine);
        registry = generateRegistry({
          pledges: PLEDGES,
          seed: 11,
          today: TODAY,
          states: await referenceStates(database.db),
        });
      } finally {
        await database.close();
        await cleanUp(fresh);
      }
      writeCsv(path.join(dir, 'actors.csv'), 'actors', registry.actors);
      writeCsv(pledgesFile, 'pledges', registry.pledges);
      expectedLinks = registry.pledges.reduce((n, p) => n + p.compacts.length, 0);
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (outcomes.length > 0) console.info(`import kill trials on ${engine}:\n  ${outcomes.join('\n  ')}`);
    });

    it('imports the whole file when left alone (and times it)', async () => {
      const fresh = await prepare(engine, registry);
      try {
        let started = performance.now();
        const failing = await startImport(path.join(dir, 'missing.csv'), fresh.env).exited;
        startupMs = performance.now() - started;
        expect(failing.code, failing.stderr).toBe(2);
        started = performance.now();
        const { exited } = startImport(pledgesFile, fresh.env);
        const result = await exited;
        durationMs = performance.now() - started;
        expect(result.code, result.stderr).toBe(0);
        expect(await inspect(fresh)).toEqual({ pledges: PLEDGES, compactLinks: expectedLinks });
      } finally {
        await cleanUp(fresh);
      }
    }, 120_000);

    for (let trial = 1; trial <= TRIALS; trial++) {
      it(`trial ${trial}: none or all of the file after SIGKILL; then a second import completes`, async () => {
        expect(durationMs, 'the timing import ran').toBeGreaterThan(0);
        const fresh = await prepare(engine, registry);
        try {
          const from = Math.min(startupMs, durationMs * 0.9);
          const delay = Math.round(from + Math.random() * (durationMs - from));
          const label = `trial ${trial}, SIGKILL after ${delay} ms (start-up ~${Math.round(startupMs)} ms, import ~${Math.round(durationMs)} ms)`;
          const { child, exited } = startImport(pledgesFile, fresh.env);
          const timer = setTimeout(() => child.kill('SIGKILL'), delay);
          const result = await exited;
          clearTimeout(timer);
          // Killed, or finished just before the signal: either way the file is in whole or not at all.
          if (result.signal === null) expect(result.code, `${label}: ${result.stderr}`).toBe(0);
          else expect(result.signal, label).toBe('SIGKILL');

          const after = await inspect(fresh);
          outcomes.push(
            `${label}: ${result.signal ? 'killed' : 'finished first'}, ${after.pledges} pledges afterwards`,
          );
          expect([0, PLEDGES], `${label}: pledges`).toContain(after.pledges);
          expect(after.compactLinks, `${label}: link rows follow their pledges`).toBe(
            after.pledges === 0 ? 0 : expectedLinks,
          );

          const again = runCli(['import', pledgesFile], fresh.env);
          expect(again.code, `${label}: second import: ${again.stderr}`).toBe(0);
          expect(await inspect(fresh), `${label}: after the second import`).toEqual({
            pledges: PLEDGES,
            compactLinks: expectedLinks,
          });
        } finally {
          await cleanUp(fresh);
        }
      }, 120_000);
    }
  });
});
