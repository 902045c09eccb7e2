import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { readDataVersion } from '../../db/data-version.ts';
import type { RegistryRecords } from '../pledges/records.ts';
import { type ImportReport, importRegistry } from './import.ts';
import { anyReviewCycle, registryDigest, registryFixture, toInput } from './test-fixtures.ts';

const clone = <T>(x: T): T => structuredClone(x);
const problemsOf = (r: ImportReport) =>
  r.problems.map((p) => `${p.source}:${p.row}:${p.column}: ${p.message}`);

forEachEngine((engine) => {
  describe('importRegistry', () => {
    let t: TestDatabase;
    let fixture: RegistryRecords;
    beforeAll(async () => {
      t = await openTestDatabase(engine, { load: true });
      fixture = await registryFixture(t.db);
    });
    afterAll(() => t.close());

    it('inserts every kind, then finds the same input unchanged and writes nothing', async () => {
      const before = await readDataVersion(t.db);
      const first = await importRegistry(t.db, toInput(fixture));
      expect(first.problems).toEqual([]);
      expect(first.applied).toBe(true);
      expect(first.records).toBe(10);
      expect(first.counts).toEqual({
        actors: { inserted: 2, updated: 0, unchanged: 0 },
        pledges: { inserted: 3, updated: 0, unchanged: 0 },
        updates: { inserted: 3, updated: 0, unchanged: 0 },
        assessments: { inserted: 1, updated: 0, unchanged: 0 },
        nationalReviews: { inserted: 1, updated: 0, unchanged: 0 },
      });
      const afterFirst = await readDataVersion(t.db);
      expect(afterFirst).toBe(before + 1);

      const digest = await registryDigest(t.db);
      // Lists in another order are the same record: still unchanged.
      const reordered = clone(fixture);
      reordered.pledges[0]!.objectives.reverse();
      reordered.pledges[0]!.places.reverse();
      const second = await importRegistry(t.db, toInput(reordered));
      expect(second.problems).toEqual([]);
      for (const counts of Object.values(second.counts)) expect(counts.inserted + counts.updated).toBe(0);
      expect(second.counts.pledges.unchanged).toBe(3);
      expect(await readDataVersion(t.db)).toBe(afterFirst);
      expect(await registryDigest(t.db)).toBe(digest);
    });

    it('stores canonical values: registry actors after the States, derived status from the latest update', async () => {
      const actors = await t.db
        .selectFrom('actors')
        .select(['id', 'sort_key', 'origin'])
        .where('origin', '=', 'registry')
        .orderBy('sort_key')
        .execute();
      expect(actors.map((a) => a.id)).toEqual(['ngo-alpha', 'uni-beta']);
      expect(actors[0]!.sort_key).toBeGreaterThanOrEqual(1_000_000);
      const pledges = await t.db
        .selectFrom('pledges')
        .select([
          'id',
          'sort_key',
          'latest_status',
          'last_reported_on',
          'assessment_status',
          'amount',
          'title',
        ])
        .orderBy('sort_key')
        .execute();
      expect(pledges.map((p) => p.id)).toEqual(['P-001', 'P-002', 'P-003']);
      expect(pledges[0]).toMatchObject({
        latest_status: 'in_progress',
        last_reported_on: '2021-06-01',
        assessment_status: 'in_progress',
        title: '+Education for all',
      });
      expect(pledges[1]).toMatchObject({ latest_status: 'fulfilled', assessment_status: null });
      expect(Number(pledges[1]!.amount)).toBe(1e21);
      expect(pledges[2]).toMatchObject({ latest_status: null, last_reported_on: null });
    });

    it('counts exactly one update when one record changed, and refreshes the derived status', async () => {
      const changed = clone(fixture);
      changed.updates[2]!.status = 'in_progress';
      const report = await importRegistry(t.db, toInput(changed));
      expect(report.counts.updates).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
      expect(report.counts.pledges).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
      const p2 = await t.db
        .selectFrom('pledges')
        .select('latest_status')
        .where('id', '=', 'P-002')
        .executeTakeFirst();
      expect(p2?.latest_status).toBe('in_progress');

      const pledge = clone(changed);
      pledge.pledges[0]!.partnerIds = ['BRA'];
      const again = await importRegistry(t.db, toInput({ pledges: pledge.pledges }));
      expect(again.counts.pledges).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
      const partners = await t.db
        .selectFrom('pledge_partners')
        .select('actor_id')
        .where('pledge_id', '=', 'P-001')
        .execute();
      expect(partners.map((p) => p.actor_id)).toEqual(['BRA']);
    });

    it('dry run counts the changes and writes nothing', async () => {
      const digest = await registryDigest(t.db);
      const input = clone(fixture);
      input.pledges[0]!.partnerIds = ['BRA']; // as the previous test left it
      input.updates[2]!.status = 'in_progress';
      input.pledges[1]!.title = 'A new title';
      input.actors.push({ ...input.actors[0]!, id: 'ngo-gamma' });
      const report = await importRegistry(t.db, toInput(input), { dryRun: true });
      expect(report).toMatchObject({ dryRun: true, applied: false, problemCount: 0 });
      expect(report.counts.actors.inserted).toBe(1);
      expect(report.counts.pledges.updated).toBe(1);
      expect(await registryDigest(t.db)).toBe(digest);
    });

    describe('refuses the whole input, naming row and column, and leaves every table unchanged', () => {
      let digest: string;
      beforeEach(async () => {
        digest = await registryDigest(t.db);
      });
      const refused = async (records: Partial<RegistryRecords>): Promise<string[]> => {
        const report = await importRegistry(t.db, toInput(records, 'in.json'));
        expect(report.applied).toBe(false);
        expect(report.problemCount).toBeGreaterThan(0);
        for (const c of Object.values(report.counts))
          expect(c).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
        expect(await registryDigest(t.db)).toBe(digest);
        return problemsOf(report);
      };

      it('unknown references, of every kind', async () => {
        const f = clone(fixture);
        f.pledges[0]!.actorId = 'nobody';
        f.pledges[0]!.partnerIds = ['BRA', 'ghost'];
        f.pledges[1]!.objectives = ['gcm-24'];
        f.pledges[1]!.principles = ['gcm-gp-z'];
        f.pledges[1]!.places = ['XYZ', '999', '150', '001'];
        f.pledges[2]!.matches = [{ pledgeId: 'P-404', relation: 'need' }];
        f.updates[0]!.pledgeId = 'P-405';
        f.actors[0]!.iso3 = 'ABC';
        f.nationalReviews[0]!.cycleId = 'no-such-cycle';
        f.nationalReviews[0]!.iso3 = 'QQQ';
        const problems = await refused(f);
        expect(problems).toEqual(
          expect.arrayContaining([
            'in.json:2:actorId: unknown actor "nobody": not in the file nor in the database',
            'in.json:2:partnerIds: unknown actor "ghost": not in the file nor in the database',
            'in.json:3:objectives: unknown objective "gcm-24"',
            'in.json:3:principles: unknown principle "gcm-gp-z"',
            'in.json:3:places: unknown State "XYZ"',
            expect.stringMatching(
              /^in\.json:3:places: unknown region "999" \(use 001 for the world or a UN M49 region: 002, 009, 019, 142, 150\)/,
            ),
            'in.json:4:matches: unknown pledge "P-404": not in the file nor in the database',
            'in.json:2:pledgeId: unknown pledge "P-405": not in the file nor in the database',
            'in.json:2:iso3: unknown State "ABC"',
            'in.json:2:cycleId: unknown review cycle "no-such-cycle"',
            'in.json:2:iso3: unknown State "QQQ"',
          ]),
        );
        expect(problems).toHaveLength(11);
      });

      it('schema errors per field, with the path inside a list', async () => {
        const f = clone(fixture) as unknown as { pledges: Record<string, unknown>[] };
        f.pledges[0]!.announcedOn = '2019-02-30';
        f.pledges[0]!.actorId = 'nobody-2';
        f.pledges[1]!.matches = [{ pledgeId: 'P-001', relation: 'gift' }];
        f.pledges[2]!.colour = 'red';
        delete f.pledges[2]!.title;
        const problems = await refused(f as unknown as RegistryRecords);
        expect(problems).toContain('in.json:2:announcedOn: must be a date as YYYY-MM-DD');
        // The references of a row with other errors are checked in the same pass.
        expect(problems).toContain(
          'in.json:2:actorId: unknown actor "nobody-2": not in the file nor in the database',
        );
        expect(problems).toContainEqual(
          expect.stringMatching(/^in\.json:3:matches: item 1, relation: Invalid option/),
        );
        expect(problems).toContain('in.json:4:colour: is not a field of a pledge record');
        expect(problems).toContain('in.json:4:title: is missing');
      });

      it('an id given twice in the file', async () => {
        const f = clone(fixture);
        f.pledges.push({ ...f.pledges[0]!, title: 'twin' });
        expect(await refused({ pledges: f.pledges })).toEqual([
          'in.json:5:id: the pledge id "P-001" is given twice (first in row 2)',
        ]);
      });

      it('an update reported before its pledge was announced, in the file or the database', async () => {
        const f = clone(fixture);
        f.updates[0]!.reportedOn = '2019-12-16';
        expect(await refused({ updates: [f.updates[0]!] })).toEqual([
          'in.json:2:reportedOn: 2019-12-16 is before the pledge P-001 was announced (2019-12-17)',
        ]);
        const moved = clone(fixture);
        moved.pledges[0]!.announcedOn = '2021-01-01';
        expect(await refused({ pledges: [moved.pledges[0]!] })).toEqual([
          'in.json:2:announcedOn: 2021-01-01 is after the update U-1 (reported on 2020-06-01) already in the database',
        ]);
      });

      it("an actor that takes a State's id, text no database can store, numbers out of range", async () => {
        const f = clone(fixture);
        f.actors[0]!.id = 'KEN';
        f.actors[1]!.name = 'nul \u0000 byte';
        f.pledges[2]!.quantity = 3_000_000_000;
        f.pledges[1]!.description = 'half \ud800 a pair';
        const problems = await refused({ actors: f.actors, pledges: f.pledges });
        expect(problems).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^in\.json:2:id: "KEN" is the id of a State's actor/),
            'in.json:3:name: contains a NUL character, which cannot be stored',
            'in.json:4:quantity: is too large (at most 2147483647)',
            'in.json:3:description: contains broken Unicode (a lone surrogate)',
          ]),
        );
      });

      it('synthetic records mixed with real ones, in the file or the database', async () => {
        const f = clone(fixture);
        f.updates[1]!.synthetic = true;
        const mixed = await refused(f);
        expect(mixed).toHaveLength(1);
        expect(mixed[0]).toMatch(
          /^in\.json:3:synthetic: the file mixes synthetic records \(first at in\.json:3\) with real ones \(first at in\.json:2\)/,
        );

        const demo = { actors: [{ ...f.actors[0]!, id: 'SYN-A1', synthetic: true }] };
        const intoReal = await refused(demo);
        expect(intoReal[0]).toMatch(/the database holds real actors .*another DATA_DIR or DATABASE_SCHEMA/);
      });

      it('records that are not objects, or a kind that is not a list', async () => {
        const input = toInput({}, 'in.json');
        input.records.pledges = [
          { row: 7, value: 'not a record' },
          { row: 8, value: null },
        ];
        (input.records as Record<string, unknown>).updates = 'nope';
        const report = await importRegistry(t.db, input);
        expect(problemsOf(report)).toEqual([
          'in.json:null:null: updates must be a list of records',
          'in.json:7:null: a pledge record must be an object',
          'in.json:8:null: a pledge record must be an object',
        ]);
        expect(await registryDigest(t.db)).toBe(digest);
      });
    });

    it('reports progress from 0 to twice the record count, validation first', async () => {
      const calls: [number, number, string][] = [];
      const many = Array.from({ length: 2500 }, (_, i) => ({ ...fixture.actors[1]!, id: `many-${i}` }));
      const report = await importRegistry(t.db, toInput({ actors: many }), {
        dryRun: true,
        onProgress: (done, total, phase) => calls.push([done, total, phase]),
      });
      expect(report.counts.actors.inserted).toBe(2500);
      expect(calls[0]).toEqual([0, 5000, 'validate']);
      expect(calls.at(-1)).toEqual([5000, 5000, 'write']);
      for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
      expect(calls.filter(([, , phase]) => phase === 'validate').length).toBeGreaterThan(2);
    });

    it('keeps at most 200 problems in full and counts the rest', async () => {
      const many = Array.from({ length: 250 }, (_, i) => ({
        ...fixture.actors[1]!,
        id: `bad-${i}`,
        type: 'robot',
      }));
      const report = await importRegistry(t.db, toInput({ actors: many as never }));
      expect(report.problemCount).toBe(250);
      expect(report.problems).toHaveLength(200);
      expect(report.problems[0]).toMatchObject({ row: 2, column: 'type' });
    });
  });

  describe('importRegistry into a database of synthetic records', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(engine, { load: true });
      await anyReviewCycle(t.db);
    });
    afterAll(() => t.close());

    it('refuses real records, pointing to demo --clear', async () => {
      const f = await registryFixture(t.db);
      const synthetic = { actors: f.actors.map((a) => ({ ...a, synthetic: true })) };
      expect((await importRegistry(t.db, toInput(synthetic))).problemCount).toBe(0);
      const real = await importRegistry(t.db, toInput({ actors: [{ ...f.actors[0]!, id: 'real-1' }] }));
      expect(real.problems[0]?.message).toMatch(
        /the database holds synthetic \(demo\) actors \(e\.g\. "ngo-alpha"\).*compact-watch demo --clear/,
      );
    });
  });
});
