import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase, tempDir } from '../../../test/helpers/db.ts';
import { DataFileError } from '../../errors.ts';
import { PLEDGE_FORUMS } from '../pledges/records.ts';
import { DEFAULT_REFERENCE_DIR, readReferenceData } from '../reference/read.ts';
import { loadReferenceData } from '../reference/sync.ts';
import { addNationalReviews, SAMPLE_REVIEWS } from './test-fixtures.ts';

type FileCycle = {
  id: string;
  kind: string;
  compact: string;
  startDate: string;
  endDate?: string;
  datePrecision: string;
  milestone?: string;
  status?: string;
  notes?: string;
  sources: { source: string }[];
};
type FileMilestone = { id: string; date: string; endDate?: string; datePrecision: string; status?: string };

// Expected answers are worked out from the files themselves, independently of the SQL.
const readJson = <T>(name: string) =>
  JSON.parse(fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, name), 'utf8')) as T;
const file = readJson<FileCycle[]>('review-cycles.json');
const milestones = readJson<FileMilestone[]>('milestones.json');

/** A writable copy of the reference folder with review-cycles.json (or another file) edited. */
function copyReference(edit: (file: string, json: unknown) => unknown): string {
  const dir = tempDir('cw-ref-');
  for (const name of fs.readdirSync(DEFAULT_REFERENCE_DIR)) {
    const json = JSON.parse(fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, name), 'utf8'));
    fs.writeFileSync(path.join(dir, name), `${JSON.stringify(edit(name, json), null, 2)}\n`);
  }
  return dir;
}
const editCycles = (fn: (cycles: FileCycle[]) => unknown) =>
  copyReference((name, json) => (name === 'review-cycles.json' ? fn(json as FileCycle[]) : json));

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataFileError);
    return (err as DataFileError).details;
  }
  throw new Error('expected a DataFileError');
}

describe('review-cycles.json', () => {
  it('holds the cycles of both compacts, each pledge forum among them', () => {
    const ids = file.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'imrf-2022',
        'imrf-2026',
        'grf-2019',
        'grf-2023',
        'grf-2027',
        'hlom-2021',
        'grf-progress-review-2025',
        'gcm-regional-reviews-2020',
      ]),
    );
    for (const forum of PLEDGE_FORUMS.filter((f) => f !== 'other')) expect(ids).toContain(forum);
    // File order is chronological.
    const starts = file.map((c) => c.startDate);
    expect(starts).toEqual([...starts].sort());
  });

  it('dates a cycle no more precisely than its milestone, and marks year-only dates unverified with a note', () => {
    for (const c of file) {
      const m = milestones.find((x) => x.id === c.milestone);
      if (c.milestone) {
        expect(m, `milestone of ${c.id}`).toBeDefined();
        expect([c.startDate, c.endDate ?? null, c.datePrecision]).toEqual([
          m!.date,
          m!.endDate ?? null,
          m!.datePrecision,
        ]);
      }
      if (c.datePrecision !== 'day') {
        expect(c.status, c.id).toBe('unverified');
        expect(c.notes, c.id).toMatch(/not found/);
      }
      expect(c.sources.length).toBeGreaterThan(0);
    }
    expect(file.find((c) => c.id === 'imrf-2026')).toMatchObject({
      startDate: '2026-01-01',
      datePrecision: 'year',
      status: 'unverified',
    });
  });
});

describe('readReferenceData: review cycles', () => {
  it('reads the shipped cycles', () => {
    const { data } = readReferenceData();
    expect(data.reviewCycles.map((c) => c.id)).toEqual(file.map((c) => c.id));
    expect(data.reviewCycles.find((c) => c.id === 'hlom-2021')?.status).toBe('verified');
  });

  it.each([
    [
      'an unknown kind',
      (cs: FileCycle[]) => cs.map((c, i) => (i === 2 ? { ...c, kind: 'summit' } : c)),
      'review-cycles.json[2].kind',
      /Invalid option/,
    ],
    [
      'an unknown milestone',
      (cs: FileCycle[]) => cs.map((c, i) => (i === 3 ? { ...c, milestone: 'imrf-2099' } : c)),
      'review-cycles.json[3].milestone',
      /unknown milestone "imrf-2099"/,
    ],
    [
      'a start date that drifts from its milestone',
      (cs: FileCycle[]) => cs.map((c) => (c.id === 'grf-2023' ? { ...c, startDate: '2023-12-12' } : c)),
      `review-cycles.json[${file.findIndex((c) => c.id === 'grf-2023')}].startDate`,
      /milestone "grf-2023" has "2023-12-13"/,
    ],
    [
      'a year-precision date that is not 1 January',
      (cs: FileCycle[]) =>
        cs.map((c) => (c.id === 'gcm-regional-reviews-2020' ? { ...c, startDate: '2020-06-01' } : c)),
      `review-cycles.json[${file.findIndex((c) => c.id === 'gcm-regional-reviews-2020')}].startDate`,
      /must be 1 January/,
    ],
    [
      'an unknown compact',
      (cs: FileCycle[]) => cs.map((c, i) => (i === 0 ? { ...c, compact: 'gcx' } : c)),
      'review-cycles.json[0].compact',
      /Invalid option/,
    ],
    [
      'a cycle without sources',
      (cs: FileCycle[]) => cs.map((c, i) => (i === 1 ? { ...c, sources: [] } : c)),
      'review-cycles.json[1].sources',
      /at least one source/,
    ],
    [
      'an unknown field',
      (cs: FileCycle[]) => cs.map((c, i) => (i === 4 ? { ...c, venue: 'Geneva' } : c)),
      'review-cycles.json[4]',
      /venue/,
    ],
    [
      'a duplicate id',
      (cs: FileCycle[]) => [...cs, cs[0]],
      `review-cycles.json[${file.length}].id`,
      /duplicate id "grf-2019"/,
    ],
  ])('refuses %s, naming the file and the field', (_what, edit, location, message) => {
    const problems = problemsOf(() => readReferenceData(editCycles(edit)));
    expect(problems.find((p) => p.location === location)?.message).toMatch(message);
  });
});

forEachEngine((engine) => {
  describe('loading review cycles', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(engine);
    });
    afterAll(() => t.close());

    const snapshot = async () => ({
      cycles: await t.db.selectFrom('review_cycles').selectAll().orderBy('id').execute(),
      citations: await t.db
        .selectFrom('record_sources')
        .selectAll()
        .where('record_type', '=', 'review_cycle')
        .orderBy('record_id')
        .orderBy('position')
        .execute(),
    });

    it('loads every cycle with its milestone link and its citations', async () => {
      const report = await loadReferenceData(t.db, t.engine);
      expect(report.tables.review_cycles).toEqual({ inserted: file.length, updated: 0, deleted: 0 });
      const { cycles, citations } = await snapshot();
      expect(cycles.map((c) => c.id).sort()).toEqual(file.map((c) => c.id).sort());
      expect(cycles.find((c) => c.id === 'imrf-2022')).toMatchObject({
        kind: 'imrf',
        compact_id: 'gcm',
        start_date: '2022-05-17',
        end_date: '2022-05-20',
        date_precision: 'day',
        milestone_id: 'imrf-2022',
        status: 'verified',
      });
      expect(cycles.find((c) => c.id === 'gcm-regional-reviews-2020')).toMatchObject({
        milestone_id: null,
        end_date: null,
        date_precision: 'year',
        status: 'unverified',
      });
      expect(citations).toHaveLength(file.reduce((n, c) => n + c.sources.length, 0));
    });

    it('is idempotent: loading again, even forced, changes no cycle and no citation', async () => {
      const before = await snapshot();
      const forced = await loadReferenceData(t.db, t.engine, { force: true });
      expect(forced.tables.review_cycles).toEqual({ inserted: 0, updated: 0, deleted: 0 });
      expect(forced.changed).toBe(false);
      expect(await snapshot()).toEqual(before);
    });

    it('updates an edited cycle in place', async () => {
      const dir = editCycles((cs) =>
        cs.map((c) => (c.id === 'hlom-2021' ? { ...c, notes: 'A note added in a test.' } : c)),
      );
      const report = await loadReferenceData(t.db, t.engine, { dir });
      expect(report.tables.review_cycles).toEqual({ inserted: 0, updated: 1, deleted: 0 });
      const back = await loadReferenceData(t.db, t.engine);
      expect(back.tables.review_cycles).toEqual({ inserted: 0, updated: 1, deleted: 0 });
    });

    it('refuses to drop a cycle that national reviews name, and leaves the database as it was', async () => {
      await addNationalReviews(t.db, [SAMPLE_REVIEWS[0]!]);
      const before = await snapshot();
      // Drop imrf-2022; its sources stay cited by other records, so the files are otherwise valid.
      const dir = editCycles((cs) => cs.filter((c) => c.id !== 'imrf-2022'));
      const err = await loadReferenceData(t.db, t.engine, { dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataFileError);
      expect((err as DataFileError).details).toEqual([
        {
          location: 'review-cycles.json',
          message: 'review cycle "imrf-2022" is missing but 1 national review(s) refer to it',
        },
      ]);
      expect(await snapshot()).toEqual(before);
    });
  });
});
