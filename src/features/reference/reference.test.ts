import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase, tempDir } from '../../../test/helpers/db.ts';
import { DataFileError } from '../../errors.ts';
import { DEFAULT_REFERENCE_DIR, readReferenceData } from './read.ts';
import { loadReferenceData } from './sync.ts';

/** A writable copy of the reference folder, edited by `edit(file, json)`. */
function copyReference(edit?: (file: string, json: unknown) => unknown): string {
  const dir = tempDir('cw-ref-');
  for (const name of fs.readdirSync(DEFAULT_REFERENCE_DIR)) {
    let text = fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, name), 'utf8');
    if (edit) text = `${JSON.stringify(edit(name, JSON.parse(text)), null, 2)}\n`;
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataFileError);
    return (err as DataFileError).details;
  }
  throw new Error('expected a DataFileError');
}

describe('readReferenceData', () => {
  it('reads and validates the shipped reference files', () => {
    const { data, hashes } = readReferenceData();
    expect(data.objectives.filter((o) => o.compact === 'gcm')).toHaveLength(23);
    expect(data.objectives.filter((o) => o.compact === 'gcr')).toHaveLength(4);
    expect(data.principles.filter((p) => p.compact === 'gcm')).toHaveLength(10);
    expect(Object.keys(hashes)).toHaveLength(13);
  });

  it('names the file and the field of a schema violation', () => {
    const dir = copyReference((file, json) =>
      file === 'objectives.json'
        ? (json as { title?: string }[]).map((o, i) => (i === 3 ? { ...o, title: '' } : o))
        : json,
    );
    expect(problemsOf(() => readReferenceData(dir))).toContainEqual({
      location: 'objectives.json[3].title',
      message: 'must not be empty',
    });
  });

  it('names a file that is not JSON', () => {
    const dir = copyReference();
    fs.writeFileSync(path.join(dir, 'milestones.json'), '[{"id": ');
    const problems = problemsOf(() => readReferenceData(dir));
    expect(problems[0]?.location).toBe('milestones.json');
    expect(problems[0]?.message).toMatch(/not valid JSON/);
  });

  it('refuses a record without sources', () => {
    const dir = copyReference((file, json) =>
      file === 'milestones.json'
        ? (json as object[]).map((m, i) => (i === 0 ? { ...m, sources: [] } : m))
        : json,
    );
    expect(problemsOf(() => readReferenceData(dir))).toContainEqual({
      location: 'milestones.json[0].sources',
      message: 'every record needs at least one source',
    });
  });

  it('refuses a citation of an unknown source and a classification of an unknown objective', () => {
    const dir = copyReference((file, json) => {
      if (file === 'objectives.json') {
        return (json as { sources: object[] }[]).map((o, i) =>
          i === 0 ? { ...o, sources: [{ source: 'no-such-source' }] } : o,
        );
      }
      if (file === 'classifications.json') {
        const [scheme] = json as { categories: { members: { objective: string }[] }[] }[];
        scheme!.categories[0]!.members[0]!.objective = 'gcm-99';
      }
      return json;
    });
    const problems = problemsOf(() => readReferenceData(dir));
    expect(problems).toContainEqual({
      location: 'objectives.json[0].sources[0].source',
      message: 'unknown source "no-such-source"',
    });
    expect(problems).toContainEqual({
      location: 'classifications.json[0].categories[0].members[0].objective',
      message: 'unknown objective "gcm-99"',
    });
  });
});

forEachEngine((engine) => {
  describe('loadReferenceData', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(engine);
    });
    afterAll(() => t.close());

    const snapshot = async () => ({
      objectives: await t.db.selectFrom('objectives').selectAll().orderBy('id').execute(),
      citations: await t.db
        .selectFrom('record_sources')
        .selectAll()
        .orderBy('record_type')
        .orderBy('record_id')
        .orderBy('position')
        .execute(),
      members: await t.db.selectFrom('classification_members').selectAll().orderBy('objective_id').execute(),
    });

    it('loads everything on first run', async () => {
      const report = await loadReferenceData(t.db, t.engine);
      expect(report.changed).toBe(true);
      expect(report.tables.objectives).toEqual({ inserted: 27, updated: 0, deleted: 0 });
      expect(report.tables.classification_members?.inserted).toBe(23);
    });

    it('changes nothing when loaded again, even when forced to compare every row', async () => {
      const before = await snapshot();
      expect(await loadReferenceData(t.db, t.engine)).toEqual({ checked: false, changed: false, tables: {} });
      const forced = await loadReferenceData(t.db, t.engine, { force: true });
      expect(forced.checked).toBe(true);
      expect(forced.changed).toBe(false);
      expect(await snapshot()).toEqual(before);
    });

    it('writes only what changed in the files, and removes what was removed', async () => {
      const dir = copyReference((file, json) => {
        if (file === 'objectives.json') {
          return (json as { id: string; shortLabel: string }[]).map((o) =>
            o.id === 'gcm-1' ? { ...o, shortLabel: 'Data (edited)' } : o,
          );
        }
        if (file === 'milestones.json') {
          // Drop the last milestone; its sources move to the one before so none is left uncited.
          const list = json as { sources: object[] }[];
          const last = list.at(-1)!;
          const prev = list.at(-2)!;
          return [...list.slice(0, -2), { ...prev, sources: [...prev.sources, ...last.sources] }];
        }
        if (file === 'review-cycles.json') {
          // The review cycle of the dropped milestone loses its link to it.
          return (json as { milestone?: string }[]).map(({ milestone, ...r }) =>
            milestone === 'grf-2027' ? r : { ...r, milestone },
          );
        }
        return json;
      });
      const report = await loadReferenceData(t.db, t.engine, { dir });
      expect(report.tables.objectives).toEqual({ inserted: 0, updated: 1, deleted: 0 });
      expect(report.tables.milestones).toEqual({ inserted: 0, updated: 0, deleted: 1 });
      expect(report.tables.record_sources?.deleted).toBeGreaterThan(0);
      const row = await t.db
        .selectFrom('objectives')
        .select('short_label')
        .where('id', '=', 'gcm-1')
        .executeTakeFirstOrThrow();
      expect(row.short_label).toBe('Data (edited)');
      // and back again
      const back = await loadReferenceData(t.db, t.engine);
      expect(back.tables.objectives?.updated).toBe(1);
      expect(back.tables.milestones?.inserted).toBe(1);
      expect((await loadReferenceData(t.db, t.engine, { force: true })).changed).toBe(false);
    });

    it('leaves the database untouched when a file is invalid', async () => {
      const before = await snapshot();
      const dir = copyReference((file, json) =>
        file === 'objectives.json'
          ? (json as object[]).map((o, i) => (i === 5 ? { ...o, number: 'five' } : o))
          : json,
      );
      await expect(loadReferenceData(t.db, t.engine, { dir })).rejects.toThrow(
        /objectives\.json\[5\]\.number/,
      );
      expect(await snapshot()).toEqual(before);
    });
  });
});
