import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, forEachEngine, freshDatabaseConfig } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { runCli } from '../../../test/helpers/spawn.ts';
import { loadConfig } from '../../config.ts';
import { readDataVersion } from '../../db/data-version.ts';
import { openDatabase } from '../../db/database.ts';
import { createApp } from '../../http/app.ts';
import { createLogger } from '../../log.ts';
import { importRegistry, recordsInput } from '../transfer/import.ts';
import { PLEDGE_TABLES } from '../transfer/stored.ts';
import { generateRegistry } from './generate.ts';
import { clearSyntheticData, loadDemoData, referenceStates } from './service.ts';
import { hasSyntheticData } from './synthetic.ts';

const TODAY = '2026-11-28';
const NOTICE = 'class="synthetic-notice"';

type Db = TestApp['db'];
async function countRows(db: Db, table: (typeof PLEDGE_TABLES)[number], synthetic?: 0 | 1) {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  // The States are actors too (from the reference data): only registry actors count here.
  if (table === 'actors') q = q.where(sql.ref('origin'), '=', 'registry') as typeof q;
  if (synthetic !== undefined && (table === 'actors' || table === 'pledges'))
    q = q.where(sql.ref('synthetic'), '=', synthetic) as typeof q;
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
async function counts(db: Db) {
  const out: Record<string, number> = {};
  for (const t of PLEDGE_TABLES) out[t] = await countRows(db, t);
  return out;
}

describe('compact-watch demo arguments', () => {
  // Refused before any database is opened; a scratch folder in case one ever were.
  const scratch = freshDatabaseConfig('sqlite');
  afterAll(() => fs.rmSync(scratch.dataDir, { recursive: true, force: true }));

  it('has --help, and names a bad option value', () => {
    const help = runCli(['demo', '--help'], scratch.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: compact-watch demo');
    expect(help.stdout).toContain('--clear');
    for (const [args, where] of [
      [['demo', '--pledges', '0'], '--pledges'],
      [['demo', '--pledges', 'many'], '--pledges'],
      [['demo', '--seed', '1.5'], '--seed'],
      [['demo', '--clear', '--pledges', '5'], '--clear'],
    ] as const) {
      const res = runCli([...args], scratch.env);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toContain(where);
    }
  });
});

forEachEngine((engine) => {
  describe('synthetic data: load, notice, clear', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('shows no notice on a fresh database, and explains synthetic data on /about', async () => {
      expect(await hasSyntheticData(app.db)).toBe(false);
      for (const path of ['/', '/states', '/no-such-page'])
        expect((await app.page(path)).html).not.toContain(NOTICE);
      expect((await app.page('/about')).html).toContain('id="synthetic-data"');
    });

    it('loads generated records through the importer, exactly as generated', async () => {
      const before = await readDataVersion(app.db);
      const result = await loadDemoData(app.db, { pledges: 50, seed: 3, today: TODAY });
      const expected = generateRegistry({
        pledges: 50,
        seed: 3,
        today: TODAY,
        states: await referenceStates(app.db),
      });
      expect(result.report.applied).toBe(true);
      expect(result.report.counts.pledges).toEqual({ inserted: 50, updated: 0, unchanged: 0 });
      expect(result.report.counts.actors.inserted).toBe(expected.actors.length);
      expect(result.report.counts.updates.inserted).toBe(expected.updates.length);
      expect(result.syntheticPledges).toBe(50);
      expect(await countRows(app.db, 'pledges', 1)).toBe(50);
      expect(await countRows(app.db, 'pledge_updates')).toBe(expected.updates.length);
      expect(await readDataVersion(app.db)).toBe(before + 1);
      const stored = await app.db
        .selectFrom('pledges')
        .select(['id', 'title', 'synthetic'])
        .orderBy('id')
        .execute();
      expect(stored.map((p) => p.id)).toEqual(expected.pledges.map((p) => p.id));
      expect(stored.every((p) => p.synthetic === 1 && p.title.startsWith('[Synthetic]'))).toBe(true);
    });

    it('replaces the synthetic data loaded before, rather than blending two runs', async () => {
      const bigger = await loadDemoData(app.db, { pledges: 80, seed: 4, today: TODAY });
      expect(bigger.replaced).toBe(50);
      expect(bigger.syntheticPledges).toBe(80);
      const again = await loadDemoData(app.db, { pledges: 50, seed: 3, today: TODAY });
      expect(again.replaced).toBe(80);
      expect(again.report.counts.pledges).toEqual({ inserted: 50, updated: 0, unchanged: 0 });
      expect(await countRows(app.db, 'pledges', 1)).toBe(50);
      const expected = generateRegistry({
        pledges: 50,
        seed: 3,
        today: TODAY,
        states: await referenceStates(app.db),
      });
      expect(await countRows(app.db, 'pledge_updates')).toBe(expected.updates.length);
      expect(await countRows(app.db, 'actors')).toBe(expected.actors.length);
    });

    it('shows the notice on every page while synthetic data is loaded, in the reader’s language', async () => {
      for (const path of ['/', '/states', '/compacts/gcm', '/about', '/no-such-page']) {
        const { html } = await app.page(path);
        expect(html, path).toContain(NOTICE);
        expect(html, path).toContain(
          'Synthetic data: 50 generated pledges are loaded for demonstration. They are not real.',
        );
        expect(html, path).toContain('href="/about#synthetic-data"');
        // At the top: before the site header and the main content.
        expect(html.indexOf(NOTICE), path).toBeLessThan(html.indexOf('<header'));
      }
      const fr = await app.page('/?lang=fr');
      expect(fr.html).toContain('50 engagements générés sont chargés');
      expect(fr.html).toContain('href="/about?lang=fr#synthetic-data"');
    });

    it('removes every synthetic record in one transaction, and the notice with them', async () => {
      const before = await readDataVersion(app.db);
      const cleared = await clearSyntheticData(app.db);
      expect(cleared.deleted.pledges).toBe(50);
      expect(cleared.total).toBeGreaterThan(50);
      expect(await counts(app.db)).toEqual(Object.fromEntries(PLEDGE_TABLES.map((t) => [t, 0])));
      expect(await readDataVersion(app.db)).toBe(before + 1);
      expect(await hasSyntheticData(app.db)).toBe(false);
      expect((await app.page('/')).html).not.toContain(NOTICE);
      // Nothing left: a second clear changes nothing, not even the data version.
      expect((await clearSyntheticData(app.db)).total).toBe(0);
      expect(await readDataVersion(app.db)).toBe(before + 1);
    });

    it('refuses to mix synthetic data with real pledges, and writes nothing', async () => {
      const real = generateRegistry({
        pledges: 3,
        seed: 8,
        today: TODAY,
        states: await referenceStates(app.db),
      });
      const unmark = <T extends { id: string; synthetic: boolean }>(r: T): T => ({
        ...r,
        id: r.id.replace('SYN-', 'REAL-'),
        synthetic: false,
      });
      const actors = real.actors.map(unmark);
      const pledges = real.pledges.map((p) => ({
        ...unmark(p),
        title: p.title.replace('[Synthetic] ', ''),
        actorId: p.actorId.replace('SYN-', 'REAL-'),
        partnerIds: p.partnerIds.map((a) => a.replace('SYN-', 'REAL-')),
        matches: p.matches.map((m) => ({ ...m, pledgeId: m.pledgeId.replace('SYN-', 'REAL-') })),
      }));
      const report = await importRegistry(
        app.db,
        recordsInput('real.json', { actors, pledges, updates: [], assessments: [] }),
      );
      expect(report.problems).toEqual([]);
      const before = await counts(app.db);
      const version = await readDataVersion(app.db);
      await expect(loadDemoData(app.db, { pledges: 10, seed: 1, today: TODAY })).rejects.toThrow(
        /holds 3 real pledge\(s\); synthetic data is never mixed/,
      );
      expect(await counts(app.db)).toEqual(before);
      expect(await readDataVersion(app.db)).toBe(version);
      // Clearing synthetic data leaves real records alone.
      expect((await clearSyntheticData(app.db)).total).toBe(0);
      expect(await countRows(app.db, 'pledges', 0)).toBe(3);
      expect((await app.page('/')).html).not.toContain(NOTICE);
    });
  });

  describe('compact-watch demo', () => {
    const fresh = freshDatabaseConfig(engine);
    afterAll(() => dropSchema(fresh.database));

    it('loads 50 pledges (notice on), then clears them (notice off)', async () => {
      const database = await openDatabase(fresh.database);
      const app = createApp({
        db: database.db,
        engine: database.engine,
        config: { ...loadConfig({ ...fresh.env, LOG_LEVEL: 'silent' }), database: fresh.database },
        logger: createLogger({ logLevel: 'silent' }),
      });
      try {
        const loaded = runCli(['demo', '--pledges', '50'], fresh.env);
        expect(loaded.stderr).toBe('');
        expect(loaded.code).toBe(0);
        expect(loaded.stdout).toMatch(/Generated 50 synthetic pledges \(seed 1\)/);
        expect(loaded.stdout).toMatch(/pledges\s+50 new\s+0 updated\s+0 unchanged/);
        const on = await (await app.request('/')).text();
        expect(on).toContain('Synthetic data: 50 generated pledges are loaded');

        const again = runCli(['demo', '--pledges', '30', '--seed', '2'], fresh.env);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('Removed the 50 synthetic pledges loaded before.');
        expect(again.stdout).toMatch(/pledges\s+30 new\s+0 updated\s+0 unchanged/);
        expect(await (await app.request('/')).text()).toContain(
          'Synthetic data: 30 generated pledges are loaded',
        );

        const cleared = runCli(['demo', '--clear'], fresh.env);
        expect(cleared.code).toBe(0);
        expect(cleared.stdout).toMatch(/Removed every synthetic record: 30 pledges/);
        expect(await (await app.request('/')).text()).not.toContain(NOTICE);
        expect(await countRows(database.db, 'pledges')).toBe(0);
        expect(runCli(['demo', '--clear'], fresh.env).stdout).toMatch(/nothing to remove/);
      } finally {
        await database.close();
      }
    });
  });
});
