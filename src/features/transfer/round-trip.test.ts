import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase, tempDir } from '../../../test/helpers/db.ts';
import { exportData } from './export.ts';
import { importRegistry } from './import.ts';
import { readImportFile } from './read.ts';
import { anyReviewCycle, registryFixture, toInput } from './test-fixtures.ts';

async function jsonOf(t: TestDatabase, dataset?: string): Promise<string> {
  let out = '';
  await exportData(t.db, { format: 'json', dataset }, (text) => {
    out += text;
  });
  return out;
}

forEachEngine((engine) => {
  describe('export → import into an empty database → export', () => {
    let source: TestDatabase;
    let dir: string;
    let json: string;
    let registry: string;
    beforeAll(async () => {
      source = await openTestDatabase(engine, { load: true });
      const report = await importRegistry(source.db, toInput(await registryFixture(source.db)));
      expect(report.problems).toEqual([]);
      dir = tempDir('cw-export-');
      await exportData(source.db, { format: 'json', out: path.join(dir, 'all.json') });
      json = fs.readFileSync(path.join(dir, 'all.json'), 'utf8');
      registry = await jsonOf(source, 'registry');
    });
    afterAll(async () => {
      await source.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /**
     * Imports `file` into a new database and answers its JSON export: the
     * registry datasets, which must come back byte for byte, and the whole
     * document, whose reference datasets only differ in load times.
     */
    const throughFreshDatabase = async (file: string): Promise<{ registry: string; all: string }> => {
      const target = await openTestDatabase(engine, { load: true });
      try {
        await anyReviewCycle(target.db);
        const report = await importRegistry(target.db, await readImportFile(file));
        expect(report.problems).toEqual([]);
        expect(report.counts.pledges.inserted).toBe(3);
        return { registry: await jsonOf(target, 'registry'), all: await jsonOf(target) };
      } finally {
        await target.close();
      }
    };

    it('writes JSON exactly as JSON.stringify(doc, null, 2), keys in order, no timestamp, no State actors', () => {
      const doc = JSON.parse(json) as Record<string, unknown>;
      expect(json).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      const keys = Object.keys(doc);
      expect(keys.slice(0, 3)).toEqual(['format', 'formatVersion', 'licence']);
      expect(keys.slice(-5)).toEqual(['actors', 'pledges', 'updates', 'assessments', 'nationalReviews']);
      expect(keys).toContain('objectives');
      expect(keys).not.toContain('exportedAt');
      expect(doc.format).toBe('compact-watch');
      const actors = doc.actors as { id: string }[];
      expect(actors.map((a) => a.id)).toEqual(['ngo-alpha', 'uni-beta']);
      const pledges = doc.pledges as Record<string, unknown>[];
      // Canonical list order: objectives in reference order, places and partners by code.
      expect(pledges[0]).toMatchObject({
        partnerIds: ['BRA', 'uni-beta'],
        objectives: ['gcr-1', 'gcr-2'],
        places: ['001', '002', 'KEN'],
        sources: ['https://example.org/p1?a=1&b=2', 'https://example.org/p0'],
      });
      expect(pledges[1]).toMatchObject({
        compacts: ['gcm', 'gcr'],
        objectives: ['gcm-2', 'gcm-10', 'gcr-4'],
      });
      expect(Object.keys(pledges[0]!)).toEqual([
        'id',
        'compacts',
        'actorId',
        'partnerIds',
        'title',
        'description',
        'type',
        'objectives',
        'principles',
        'places',
        'forum',
        'announcedOn',
        'targetDate',
        'amount',
        'currency',
        'quantity',
        'quantityUnit',
        'sources',
        'matches',
        'synthetic',
      ]);
      expect(json).toContain('"amount": 1e+21');
    });

    it('exports the same bytes twice; the registry alone is the tail of the whole document', async () => {
      expect(await jsonOf(source)).toBe(json);
      const doc = JSON.parse(registry) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual([
        'format',
        'formatVersion',
        'licence',
        'actors',
        'pledges',
        'updates',
        'assessments',
        'nationalReviews',
      ]);
      expect(json.endsWith(registry.slice(registry.indexOf('  "actors"')))).toBe(true);
    });

    it('JSON round trip is byte-identical', async () => {
      const back = await throughFreshDatabase(path.join(dir, 'all.json'));
      expect(back.registry).toBe(registry);
      expect(back.all).toBe(json);
    });

    it('CSV folder round trip is identical, and formula-like cells are guarded in the files', async () => {
      const folder = path.join(dir, 'csv');
      const written = await exportData(source.db, { format: 'csv', out: folder });
      expect(written.map((f) => path.basename(f))).toEqual(
        expect.arrayContaining(['objectives.csv', 'actors.csv', 'pledges.csv', 'national-reviews.csv']),
      );
      const pledges = fs.readFileSync(path.join(folder, 'pledges.csv'), 'utf8');
      expect(pledges).toContain(",'+Education for all,");
      expect(pledges).toContain(",'@mention pledge,");
      expect(pledges).toContain(",'already quoted,"); // not formula-like: left as it is
      expect(fs.readFileSync(path.join(folder, 'actors.csv'), 'utf8')).toContain(
        `"'=HYPERLINK(""https://evil.example"",""click"")"`,
      );
      const back = await throughFreshDatabase(folder);
      expect(back.registry).toBe(registry);
      expect(back.all).toBe(json);
    });

    it('a single dataset goes to one CSV file, the same as in the folder', async () => {
      const file = path.join(dir, 'one', 'just-pledges.csv');
      expect(await exportData(source.db, { format: 'csv', dataset: 'pledges', out: file })).toEqual([file]);
      expect(fs.readFileSync(file, 'utf8')).toBe(
        fs.readFileSync(path.join(dir, 'csv', 'pledges.csv'), 'utf8'),
      );
      await expect(exportData(source.db, { format: 'csv', dataset: 'nope', out: file })).rejects.toThrow(
        /Unknown dataset "nope"/,
      );
    });

    it('XLSX round trip gives the same JSON export', async () => {
      const file = path.join(dir, 'all.xlsx');
      await exportData(source.db, { format: 'xlsx', out: file });
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      const back = await throughFreshDatabase(file);
      expect(back.registry).toBe(registry);
      expect(back.all).toBe(json);
    });
  });
});
