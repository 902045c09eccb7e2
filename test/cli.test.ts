import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, forEachEngine, freshDatabaseConfig, tempDir } from './helpers/db.ts';
import { runCli } from './helpers/spawn.ts';

describe('compact-watch CLI', () => {
  it('lists its commands with --help', () => {
    const { code, stdout } = runCli(['--help']);
    expect(code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'load-reference', 'export']) expect(stdout).toContain(cmd);
  });

  it('has --help on every command', () => {
    for (const cmd of ['serve', 'migrate', 'load-reference', 'export', 'import', 'demo', 'users', 'tokens']) {
      const { code, stdout } = runCli([cmd, '--help']);
      expect(code, cmd).toBe(0);
      expect(stdout, cmd).toContain(`Usage: compact-watch ${cmd}`);
    }
  });

  it('refuses an unknown command or option with exit code 2', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    const bad = runCli(['export', '--colour', 'red']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--colour/);
  });

  it('validates the reference files with --check', () => {
    const { code, stdout } = runCli(['load-reference', '--check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid: 2 compacts, 27 objectives/);
  });

  it('names the file and field of a corrupt reference file, and exits 65', () => {
    const dir = tempDir();
    const src = path.resolve(import.meta.dirname, '../data/reference');
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    const objectives = JSON.parse(fs.readFileSync(path.join(dir, 'objectives.json'), 'utf8'));
    objectives[2].compact = 'gcx';
    fs.writeFileSync(path.join(dir, 'objectives.json'), JSON.stringify(objectives));
    const { code, stderr } = runCli(['load-reference', '--check', '--dir', dir]);
    expect(code).toBe(65);
    expect(stderr).toContain('objectives.json[2].compact');
  });

  it('reports a bad environment variable by name and exits 78', () => {
    const { code, stderr } = runCli(['migrate'], { PORT: 'x' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/PORT/);
  });
});

forEachEngine((engine) => {
  describe('migrate, load-reference and export', () => {
    const fresh = freshDatabaseConfig(engine);
    afterAll(() => dropSchema(fresh.database));

    it('migrates, then says the schema is up to date', () => {
      expect(runCli(['migrate'], fresh.env).stdout).toMatch(/Applied \d+ migration\(s\): 0001_reference, /);
      expect(runCli(['migrate'], fresh.env).stdout).toMatch(/up to date/);
    });

    it('loads the reference data once, then finds nothing to do', () => {
      const first = runCli(['load-reference'], fresh.env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/objectives: 27 added/);
      expect(runCli(['load-reference'], fresh.env).stdout).toMatch(/unchanged since the last load/);
      expect(runCli(['load-reference', '--force'], fresh.env).stdout).toMatch(/already matches/);
    });

    it('exports JSON to standard output and CSV files to a folder', () => {
      const json = runCli(['export', '--format', 'json'], fresh.env);
      expect(json.code).toBe(0);
      const doc = JSON.parse(json.stdout) as {
        objectives: { id: string }[];
        compacts: unknown[];
        licence: string;
      };
      expect(doc.objectives).toHaveLength(27);
      expect(doc.compacts).toHaveLength(2);
      expect(doc.licence).toMatch(/CC BY 4\.0/);

      const out = tempDir();
      const csv = runCli(['export', '--format', 'csv', '--out', out], fresh.env);
      expect(csv.code).toBe(0);
      const objectives = fs.readFileSync(path.join(out, 'objectives.csv'), 'utf8').trim().split('\n');
      expect(objectives).toHaveLength(28);
      expect(objectives[1]).toMatch(/^gcm-1,gcm,1,/);
    });

    it('counts positions as of a date, and writes them as CSV', () => {
      const res = runCli(['positions', '--compact', 'gcm', '--as-of', '2020-01-01'], fresh.env);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('Positions on the GCM as of 2020-01-01 (195 States)');
      expect(res.stdout).toMatch(/supports\s+151\n\s+opposes\s+7\n\s+abstains\s+12\n\s+undeclared\s+25/);
      const file = path.join(tempDir(), 'positions.csv');
      expect(
        runCli(['positions', '--compact', 'gcr', '--as-of', '2018-12-17', '--csv', file], fresh.env).code,
      ).toBe(0);
      const rows = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(rows).toHaveLength(196);
      expect(rows.filter((r) => r.includes(',abstains,'))).toHaveLength(3);
    });

    it('names a bad compact, date or region', () => {
      for (const [args, where] of [
        [['positions'], '--compact'],
        [['positions', '--compact', 'gcx'], 'gcx'],
        [['positions', '--compact', 'gcm', '--as-of', '2020-13-01'], '--as-of'],
        [['positions', '--compact', 'gcm', '--region', '999'], '999'],
      ] as const) {
        const res = runCli([...args], fresh.env);
        expect(res.code, args.join(' ')).toBe(2);
        expect(res.stderr).toContain(where);
      }
    });

    it('refuses CSV export without a folder, and an unknown format', () => {
      expect(runCli(['export', '--format', 'csv'], fresh.env).stderr).toMatch(/--out/);
      const bad = runCli(['export', '--format', 'pdf'], fresh.env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/pdf/);
    });
  });
});
