/**
 * The readers and the importer under random and malformed input: whatever the
 * file holds, the outcome is a report (or, for a file that cannot be read at
 * all, an ImportFileError listing problems), never another error; and an
 * import with problems leaves every table as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase, tempDir } from '../../../test/helpers/db.ts';
import { headersOf } from '../pledges/csv-records.ts';
import { REGISTRY_KINDS, type RegistryRecords } from '../pledges/records.ts';
import { exportData } from './export.ts';
import { importRegistry } from './import.ts';
import { ImportFileError } from './problems.ts';
import { readImportFile } from './read.ts';
import { registryDigest, registryFixture, toInput } from './test-fixtures.ts';

const RUNS = 150;

/** Text with random edits: inserted CSV/JSON syntax, control characters, deletions. */
const mutated = (base: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: Math.max(0, base.length) }),
        remove: fc.nat({ max: 3 }),
        insert: fc.oneof(
          fc.constantFrom('"', ',', '\n', '\r', ';', '=', "'", '\u0000', '\ufeff', '{', ']', ':', 'x', ''),
          fc.string({ unit: 'binary', maxLength: 4 }),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) => {
      let text = base;
      for (const e of edits) {
        const at = Math.min(e.at, text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      return text;
    });

forEachEngine((engine) => {
  describe('readers and importer under random input', () => {
    let t: TestDatabase;
    let dir: string;
    let fixture: RegistryRecords;
    let pledgesCsv: string;
    let documentJson: string;
    let n = 0;
    beforeAll(async () => {
      t = await openTestDatabase(engine, { load: true });
      fixture = await registryFixture(t.db);
      expect((await importRegistry(t.db, toInput(fixture))).problems).toEqual([]);
      dir = tempDir('cw-fuzz-');
      await exportData(t.db, { format: 'csv', dataset: 'pledges', out: path.join(dir, 'base.csv') });
      pledgesCsv = fs.readFileSync(path.join(dir, 'base.csv'), 'utf8');
      await exportData(t.db, { format: 'json', dataset: 'registry', out: path.join(dir, 'base.json') });
      documentJson = fs.readFileSync(path.join(dir, 'base.json'), 'utf8');
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Reads and imports the bytes as a file with this extension, checking the outcome. */
    const attempt = async (content: string | Uint8Array, ext: string): Promise<void> => {
      const file = path.join(dir, `case-${n++}${ext}`);
      fs.writeFileSync(file, content);
      const before = await registryDigest(t.db);
      let input: Awaited<ReturnType<typeof readImportFile>>;
      try {
        input = await readImportFile(file);
      } catch (e) {
        if (!(e instanceof ImportFileError)) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
        expect(e.exitCode).toBe(2);
        return;
      } finally {
        fs.rmSync(file, { force: true });
      }
      const report = await importRegistry(t.db, input);
      if (report.problemCount > 0) {
        expect(report.applied).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
        expect(await registryDigest(t.db)).toBe(before);
      }
    };

    it('CSV: malformed quoting, stray bytes, random cells under a real header', async () => {
      const randomRows = fc
        .tuple(
          fc.constantFrom(...REGISTRY_KINDS),
          fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 22 }), {
            maxLength: 4,
          }),
        )
        .map(([kind, rows]) => stringify([headersOf(kind), ...rows]));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(mutated(pledgesCsv), randomRows, fc.string({ unit: 'binary', maxLength: 200 })),
          (text) => attempt(text, '.csv'),
        ),
        { numRuns: RUNS },
      );
    });

    it('JSON: any value, and documents with broken records', async () => {
      const doc = JSON.parse(documentJson) as Record<string, unknown[]>;
      const brokenRecord = fc
        .tuple(
          fc.constantFrom(...REGISTRY_KINDS),
          fc.nat(),
          fc.string({ maxLength: 12 }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([kind, i, key, value]) => {
          const list = doc[kind] ?? [];
          const base = (list.length ? list[i % list.length] : {}) as Record<string, unknown>;
          const keys = Object.keys(base);
          const field = keys.length && i % 3 !== 0 ? keys[i % keys.length]! : key;
          return { format: 'compact-watch', formatVersion: 1, [kind]: [{ ...base, [field]: value }] };
        });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
            brokenRecord.map((v) => JSON.stringify(v)),
            mutated(documentJson),
          ),
          (text) => attempt(text, '.json'),
        ),
        { numRuns: RUNS },
      );
    });

    it('binary garbage as .xlsx, .csv and .json', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 600 }),
            fc.uint8Array({ maxLength: 600 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
          ),
          fc.constantFrom('.xlsx', '.csv', '.json'),
          (bytes, ext) => attempt(bytes, ext),
        ),
        { numRuns: 60 },
      );
    });

    it('the records imported at the start are all still there', async () => {
      // Some random documents are valid edits of them, so they may have been updated, never removed.
      const report = await importRegistry(t.db, toInput(fixture));
      expect(report.problems).toEqual([]);
      expect(report.counts.pledges.inserted).toBe(0);
      expect(report.counts.pledges.unchanged + report.counts.pledges.updated).toBe(3);
    });
  });
});
