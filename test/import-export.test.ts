/**
 * Import and export at size and through the command line: a 10,000-row
 * pledges CSV, the same file with one bad row near the end (nothing written,
 * that row and column named), re-imports that change nothing, and the
 * `import` / `export` commands as a user runs them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '../src/db/data-version.ts';
import { protectCell } from '../src/domain/csv-cell.ts';
import { headersOf, rowOf } from '../src/features/pledges/csv-records.ts';
import {
  ACTOR_TYPES,
  type ActorRecord,
  type PledgeRecord,
  type RegistryKind,
  type RegistryRecords,
} from '../src/features/pledges/records.ts';
import { importRegistry } from '../src/features/transfer/import.ts';
import { readImportFile } from '../src/features/transfer/read.ts';
import { registryDigest } from '../src/features/transfer/test-fixtures.ts';
import {
  dropSchema,
  forEachEngine,
  freshDatabaseConfig,
  openTestDatabase,
  type TestDatabase,
  tempDir,
} from './helpers/db.ts';
import { runCli } from './helpers/spawn.ts';

const PLEDGES = 10_000;
const ACTORS = 500;

function actor(i: number): ActorRecord {
  const types = ACTOR_TYPES.filter((t) => t !== 'state');
  return {
    id: `A-${String(i).padStart(4, '0')}`,
    name: `Actor ${i}${i % 50 === 0 ? ' — Réseau 移民 😀' : ''}`,
    type: types[i % types.length]!,
    iso3: i % 3 === 0 ? 'KEN' : null,
    website: i % 4 === 0 ? `https://example.org/actors/${i}` : null,
    synthetic: false,
  };
}

/** Row 1 is the header, so pledge i (from 0) is on row i + 2. */
function pledge(i: number): PledgeRecord {
  const gcr = i % 3 === 0;
  const financial = i % 4 === 0;
  return {
    id: `P-${String(i).padStart(5, '0')}`,
    compacts: gcr ? ['gcr'] : ['gcm'],
    actorId: i % 7 === 0 ? 'BRA' : `A-${String(i % ACTORS).padStart(4, '0')}`,
    partnerIds: i % 5 === 0 ? ['KEN'] : [],
    // Every thousandth title looks like a spreadsheet formula; it must come back as it is.
    title: i % 1000 === 7 ? `=SUM(A1:A${i})` : `Pledge number ${i}`,
    description: i % 10 === 0 ? `Line one, "quoted"\nline two; ${i}` : '',
    type: financial ? 'financial' : 'technical',
    objectives: gcr ? ['gcr-2'] : ['gcm-1', 'gcm-5'],
    principles: [],
    places: i % 2 === 0 ? ['KEN'] : ['150'],
    forum: gcr ? 'grf-2019' : 'imrf-2022',
    announcedOn: gcr ? '2019-12-17' : '2022-05-20',
    targetDate: i % 6 === 0 ? null : '2026-12-31',
    amount: financial ? (i + 1) * 25 : null,
    currency: financial ? 'USD' : null,
    quantity: null,
    quantityUnit: null,
    sources: [`https://example.org/pledges/${i}`],
    matches: [],
    synthetic: false,
  };
}

function csvOf<K extends RegistryKind>(kind: K, records: RegistryRecords[K][number][]): string {
  return stringify([headersOf(kind), ...records.map((r) => rowOf(kind, r).map(protectCell))]);
}

forEachEngine((engine) => {
  describe(`a ${PLEDGES.toLocaleString('en')}-row pledges CSV`, () => {
    let t: TestDatabase;
    let dir: string;
    let pledges: PledgeRecord[];
    const file = (name: string) => path.join(dir, name);
    const importFile = async (name: string) => importRegistry(t.db, await readImportFile(file(name)));

    beforeAll(async () => {
      t = await openTestDatabase(engine, { load: true });
      dir = tempDir('cw-import-');
      pledges = Array.from({ length: PLEDGES }, (_, i) => pledge(i));
      fs.writeFileSync(
        file('actors.csv'),
        csvOf(
          'actors',
          Array.from({ length: ACTORS }, (_, i) => actor(i)),
        ),
      );
      fs.writeFileSync(file('pledges.csv'), csvOf('pledges', pledges));
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the pledges before their actors exist, naming the first rows', async () => {
      const report = await importFile('pledges.csv');
      expect(report.applied).toBe(false);
      expect(report.problems[0]).toEqual({
        source: file('pledges.csv'),
        row: 3,
        column: 'actorId',
        message: 'unknown actor "A-0001": not in the file nor in the database',
      });
      expect(await t.db.selectFrom('pledges').select('id').limit(1).execute()).toEqual([]);
    });

    it('imports the actors, then all pledges; formula-like text survives', async () => {
      expect((await importFile('actors.csv')).counts.actors.inserted).toBe(ACTORS);
      expect(fs.readFileSync(file('pledges.csv'), 'utf8')).toContain(",'=SUM(A1:A1007),");
      const report = await importFile('pledges.csv');
      expect(report.problems).toEqual([]);
      expect(report.counts.pledges).toEqual({ inserted: PLEDGES, updated: 0, unchanged: 0 });
      const row = await t.db
        .selectFrom('pledges')
        .select(['title', 'description', 'amount'])
        .where('id', '=', 'P-01007')
        .executeTakeFirst();
      expect(row?.title).toBe('=SUM(A1:A1007)');
      const links = await t.db
        .selectFrom('pledge_objectives')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(links.n)).toBe(pledges.reduce((n, p) => n + p.objectives.length, 0));
    });

    it('importing the same file again changes nothing, not even the data version', async () => {
      const version = await readDataVersion(t.db);
      const report = await importFile('pledges.csv');
      expect(report.counts.pledges).toEqual({ inserted: 0, updated: 0, unchanged: PLEDGES });
      expect(report.applied).toBe(true);
      expect(await readDataVersion(t.db)).toBe(version);
    });

    describe('one bad row near the end: nothing is written, and the report names it', () => {
      let digest: string;
      beforeAll(async () => {
        digest = await registryDigest(t.db);
      });
      const at = 9_988; // data row 9,990 of the sheet
      const variants: [string, Partial<PledgeRecord>, string, RegExp][] = [
        ['a date that does not exist', { announcedOn: '2022-02-30' }, 'announcedOn', /YYYY-MM-DD/],
        ['an unknown actor', { actorId: 'A-9999' }, 'actorId', /unknown actor "A-9999"/],
        [
          'an unknown objective',
          { objectives: ['gcm-1', 'gcm-42'] },
          'objectives',
          /unknown objective "gcm-42"/,
        ],
        [
          'a target before the announcement',
          { targetDate: '2001-01-01' },
          'targetDate',
          /before announcedOn/,
        ],
      ];
      for (const [name, patch, column, message] of variants) {
        it(name, async () => {
          const copy = pledges.map((p, i) => (i === at ? { ...p, ...patch } : p));
          fs.writeFileSync(file('bad.csv'), csvOf('pledges', copy));
          const report = await importFile('bad.csv');
          expect(report.applied).toBe(false);
          expect(report.problemCount).toBe(1);
          expect(report.problems[0]).toMatchObject({ source: file('bad.csv'), row: 9_990, column });
          expect(report.problems[0]!.message).toMatch(message);
          expect(await registryDigest(t.db)).toBe(digest);
        });
      }
    });

    it('a file with one changed row updates exactly that pledge', async () => {
      const copy = pledges.map((p, i) => (i === 5_000 ? { ...p, title: 'A corrected title' } : p));
      fs.writeFileSync(file('changed.csv'), csvOf('pledges', copy));
      const version = await readDataVersion(t.db);
      const report = await importFile('changed.csv');
      expect(report.counts.pledges).toEqual({ inserted: 0, updated: 1, unchanged: PLEDGES - 1 });
      expect(await readDataVersion(t.db)).toBe(version + 1);
      const row = await t.db
        .selectFrom('pledges')
        .select(['title', 'sort_key'])
        .where('id', '=', 'P-05000')
        .executeTakeFirst();
      expect(row?.title).toBe('A corrected title');
    });
  });

  describe('compact-watch import and export', () => {
    const fresh = freshDatabaseConfig(engine);
    const dir = tempDir('cw-cli-');
    const folder = path.join(dir, 'registry');
    afterAll(async () => {
      await dropSchema(fresh.database);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    beforeAll(() => {
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'actors.csv'), csvOf('actors', [actor(1), actor(2)]));
      fs.writeFileSync(
        path.join(folder, 'pledges.csv'),
        csvOf(
          'pledges',
          [pledge(1), pledge(2), pledge(1007)].map((p) => ({ ...p, actorId: 'A-0001' })),
        ),
      );
    });
    const registry = () => {
      const res = runCli(['export', '--format', 'json', '--dataset', 'registry'], fresh.env);
      expect(res.code).toBe(0);
      return JSON.parse(res.stdout) as { actors: { id: string }[]; pledges: { id: string; title: string }[] };
    };

    it('has --help for both commands', () => {
      for (const cmd of ['import', 'export']) {
        const res = runCli([cmd, '--help']);
        expect(res.code).toBe(0);
        expect(res.stdout).toContain(`Usage: compact-watch ${cmd}`);
      }
      expect(runCli(['import', '--help']).stdout).toContain('--dry-run');
    });

    it('exits 2 on a bad file and prints FILE:ROW column "C": message; nothing is written', () => {
      const pledgesFile = path.join(folder, 'pledges.csv');
      const res = runCli(['import', pledgesFile], fresh.env);
      expect(res.code).toBe(2);
      expect(res.stdout).toContain(
        `${pledgesFile}:2 column "actorId": unknown actor "A-0001": not in the file nor in the database`,
      );
      expect(res.stderr).toMatch(/nothing was written: 3 problem\(s\)/);
      expect(registry().pledges).toEqual([]);
    });

    it('--dry-run validates and counts, says so, and writes nothing', () => {
      const res = runCli(['import', folder, '--dry-run'], fresh.env);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Dry run: 5 record\(s\) in .* are valid; nothing was written/);
      expect(res.stdout).toMatch(/actors\s+2 new, 0 updated, 0 unchanged/);
      expect(res.stdout).toMatch(/pledges\s+3 new, 0 updated, 0 unchanged/);
      expect(registry()).toMatchObject({ actors: [], pledges: [] });
      const bad = runCli(['import', path.join(folder, 'pledges.csv'), '--dry-run'], fresh.env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('(dry run)');
    });

    it('imports a folder in one go, then reports every record unchanged (as JSON with --json)', () => {
      const res = runCli(['import', folder], fresh.env);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/pledges\s+3 new/);
      expect(registry().pledges.map((p) => p.title)).toEqual([
        'Pledge number 1',
        'Pledge number 2',
        '=SUM(A1:A1007)',
      ]);
      const again = runCli(['import', folder, '--json'], fresh.env);
      expect(again.code).toBe(0);
      const report = JSON.parse(again.stdout);
      expect(report).toMatchObject({ dryRun: false, applied: true, records: 5, problemCount: 0 });
      expect(report.counts.pledges).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('refuses a missing file, an unknown kind, an unreadable CSV', () => {
      expect(runCli(['import'], fresh.env).code).toBe(2);
      const missing = runCli(['import', path.join(dir, 'nope.csv')], fresh.env);
      expect(missing.code).toBe(2);
      expect(missing.stdout).toContain('no such file or folder');
      expect(
        runCli(['import', path.join(folder, 'actors.csv'), '--kind', 'robots'], fresh.env).stderr,
      ).toMatch(/--kind|robots/);
      fs.writeFileSync(
        path.join(dir, 'broken.csv'),
        'id,name,type,iso3,website,synthetic\nA-1,"never closed,civil_society,,,false\n',
      );
      const broken = runCli(['import', path.join(dir, 'broken.csv')], fresh.env);
      expect(broken.code).toBe(2);
      expect(broken.stdout).toContain(`broken.csv:2: a quoted cell is never closed`);
    });

    it('exports an XLSX workbook, one dataset as a CSV file, and refuses an unknown dataset', () => {
      const xlsx = path.join(dir, 'out', 'all.xlsx');
      const res = runCli(['export', '--format', 'xlsx', '--out', xlsx], fresh.env);
      expect(res.code).toBe(0);
      expect(res.stderr).toContain(`wrote ${xlsx}`);
      expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
      const back = runCli(['import', xlsx, '--dry-run'], fresh.env);
      expect(back.code).toBe(0);
      expect(back.stdout).toMatch(/pledges\s+0 new, 0 updated, 3 unchanged/);

      const csv = path.join(dir, 'out', 'p.csv');
      expect(
        runCli(['export', '--format', 'csv', '--dataset', 'pledges', '--out', csv], fresh.env).code,
      ).toBe(0);
      const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
      expect(lines[0]).toBe(headersOf('pledges').join(','));
      expect(lines.at(-1)).toMatch(/^P-01007,gcm,A-0001,,'=SUM\(A1:A1007\),/);

      const unknown = runCli(['export', '--dataset', 'nope'], fresh.env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('nope');
    });
  });
});
