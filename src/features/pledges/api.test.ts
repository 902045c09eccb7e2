/**
 * The pledge API on both engines over the hand-built registry of
 * test/helpers/registry-fixture.ts: filters, disjunctive facet counts,
 * paging, full text, the CSV twin (imported again unchanged), one pledge,
 * updates, assessments, actors, and the 400/404 answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { expectProblem, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistry, loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { unprotectCell } from '../../domain/csv-cell.ts';
import { todayIso } from '../../http/params.ts';
import { importRegistry, recordsInput } from '../transfer/import.ts';
import { readImportFile } from '../transfer/read.ts';
import { DERIVED_HEADERS, headersOf, recordOf } from './csv-records.ts';
import type { RegistryRecords } from './records.ts';

type FacetCount = { value: string; count: number };
type PledgeList = {
  data: ({ id: string; synthetic: boolean } & Record<string, unknown>)[];
  page: { limit: number; nextCursor: string | null };
  meta: { total: number; facets: Record<string, FacetCount[]> };
};

const ALL_IN_ORDER = ['P-09', 'P-08', 'P-04', 'P-07', 'P-03', 'P-06', 'P-01', 'P-02', 'P-05'];

forEachEngine((engine) => {
  describe('pledges API', () => {
    let app: TestApp;
    let records: RegistryRecords;
    const today = todayIso();
    const list = async (query: string) => {
      const { status, body, res } = await app.json<PledgeList>(`/api/v1/pledges${query}`);
      expect(status, query).toBe(200);
      return { ...body, res, ids: body.data.map((p) => p.id) };
    };
    const count = (facets: Record<string, FacetCount[]>, facet: string, value: string) =>
      facets[facet]?.find((f) => f.value === value)?.count;

    beforeAll(async () => {
      app = await openTestApp(engine);
      records = await loadRegistryFixture(app.db, today);
    });
    afterAll(() => app.close());

    it('lists every pledge, announced newest first, undated last, ties by id', async () => {
      const all = await list('?limit=500');
      expect(all.ids).toEqual(ALL_IN_ORDER);
      expect(all.meta.total).toBe(9);
    });

    it.each([
      ['?compact=gcr', ['P-08', 'P-04', 'P-07', 'P-01', 'P-02']],
      ['?compact=gcm,gcr', ALL_IN_ORDER],
      ['?compact=gcm&compact=gcr', ALL_IN_ORDER],
      ['?region=002', ['P-07', 'P-01', 'P-02']],
      ['?region=019', ['P-03', 'P-06']],
      ['?place=019', ['P-06']],
      ['?region=global', ['P-04']],
      ['?region=142,150', ['P-09', 'P-08']],
      ['?category=wmr2020-1,wmr2020-2,wmr2020-3', ['P-09', 'P-04', 'P-03', 'P-06']],
      ['?objective=gcr-1', ['P-08', 'P-01']],
      ['?flag=overdue', ['P-06', 'P-01']],
      ['?flag=stale', ['P-08', 'P-03', 'P-06', 'P-01']],
      ['?flag=noPlace,noObjective', ['P-05']],
      ['?status=none', ['P-09', 'P-03', 'P-05']],
      ['?status=fulfilled', ['P-04']],
      ['?actorType=state', ['P-08', 'P-06', 'P-01', 'P-02']],
      ['?actorType=state&compact=gcm', ['P-06']],
      ['?type=financial&forum=grf-2019', ['P-02']],
      ['?actor=KEN', ['P-08', 'P-01']],
      ['?actor=refugee-council', ['P-03']],
      ['?place=KEN', ['P-07', 'P-01']],
      ['?synthetic=false', ALL_IN_ORDER],
      ['?synthetic=true', []],
      ['?q=refugee', ['P-08', 'P-04', 'P-01', 'P-02']],
      ['?q=REFUGEE%20children', ['P-02']],
      ['?q=s%C3%A3o', ['P-03']],
      ['?q=refugee&compact=gcm', ['P-04']],
    ])('%s', async (query, expected) => {
      const found = await list(query);
      expect(found.ids).toEqual(expected);
      expect(found.meta.total).toBe(expected.length);
    });

    it('never lets a search term reach the full-text engine as syntax', async () => {
      for (const q of ['"', 'AND (', 'NEAR(a b', '*', "'; drop table pledges; --", 'a:b & !c | d', '^']) {
        const res = await app.request(`/api/v1/pledges?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
      }
      // Punctuation alone is no search at all.
      expect((await list('?q=%22')).meta.total).toBe(9);
    });

    it('counts facets disjunctively', async () => {
      const { meta } = await list('?compact=gcr&forum=grf-2019');
      expect(meta.total).toBe(2);
      // compact counted with forum=grf-2019 alone: P-01 and P-02, both GCR.
      expect(count(meta.facets, 'compact', 'gcr')).toBe(2);
      expect(count(meta.facets, 'compact', 'gcm')).toBe(0);
      // forum counted with compact=gcr alone.
      expect(count(meta.facets, 'forum', 'grf-2019')).toBe(2);
      expect(count(meta.facets, 'forum', 'grf-2023')).toBe(3);
      expect(count(meta.facets, 'forum', 'imrf-2022')).toBe(0);
      // Other facets see both filters.
      expect(count(meta.facets, 'status', 'in_progress')).toBe(2);
      expect(count(meta.facets, 'flag', 'overdue')).toBe(1);
      expect(Object.keys(meta.facets).sort()).toEqual(
        ['actorType', 'category', 'compact', 'flag', 'forum', 'objective', 'region', 'status', 'type'].sort(),
      );
    });

    it('pages with an opaque cursor and a Link header, every pledge once', async () => {
      const seen: string[] = [];
      let url = '/api/v1/pledges?limit=2';
      for (let i = 0; i < 10 && url; i++) {
        const { body, res } = await app.json<PledgeList>(url);
        expect(body.meta.total).toBe(9);
        seen.push(...body.data.map((p) => p.id));
        const link = res.headers.get('link');
        if (body.page.nextCursor) {
          expect(link).toContain('rel="next"');
          url = `/api/v1/pledges?limit=2&cursor=${body.page.nextCursor}`;
        } else {
          expect(link).toBeNull();
          url = '';
        }
      }
      expect(seen).toEqual(ALL_IN_ORDER);
    });

    it.each([
      ['?compact=xyz', 'compact', 'gcm, gcr'],
      ['?flag=late', 'flag', 'overdue, stale, noTargetDate'],
      ['?region=150,999', 'region', '002'],
      ['?status=done', 'status', 'planning, in_progress, fulfilled, none'],
      ['?objective=gcm-99', 'objective', 'gcm-1'],
      ['?actor=nobody', 'actor', 'nobody'],
      ['?place=12', 'place', 'ISO 3166-1'],
      ['?cursor=not-a-cursor', 'cursor', 'cursor'],
      ['?limit=0', 'limit', ''],
      ['?synthetic=maybe', 'synthetic', ''],
    ])('%s is a 400 naming %s', async (query, location, mentions) => {
      const problem = await expectProblem(
        await app.request(`/api/v1/pledges${query}`),
        400,
        'invalid_input',
        location,
      );
      expect(JSON.stringify(problem.errors)).toContain(mentions);
    });

    it('answers the CSV twin with the import columns, guarded cells, and it imports again unchanged', async () => {
      const res = await app.request('/api/v1/pledges?limit=500&format=csv');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await res.text()) as string[][];
      const [header, ...cells] = rows;
      expect(header).toEqual([...headersOf('pledges'), ...DERIVED_HEADERS.pledges]);
      expect(cells.map((r) => r[0])).toEqual(ALL_IN_ORDER);
      const p09 = cells.find((r) => r[0] === 'P-09')!;
      expect(p09[header!.indexOf('description')]).toBe("'=SUM(A1:A2) is not a formula here");
      const p01 = cells.find((r) => r[0] === 'P-01')!;
      expect(p01[header!.indexOf('overdue')]).toBe('true');
      expect(p01[header!.indexOf('actorName')]).toBe('Kenya');

      const parsed = cells.map((r) => recordOf('pledges', header!, r.map(unprotectCell)));
      expect(parsed.flatMap((p) => p.problems)).toEqual([]);
      const byId = new Map(records.pledges.map((p) => [p.id, p]));
      for (const p of parsed) {
        const original = byId.get(p.value.id as string)!;
        expect(p.value).toEqual({
          ...original,
          places: [...original.places].sort(),
          objectives: p.value.objectives,
        });
        expect([...(p.value.objectives as string[])].sort()).toEqual([...original.objectives].sort());
      }
      const report = await importRegistry(
        app.db,
        recordsInput('twin.csv', { pledges: parsed.map((p) => p.value) }, { firstRow: 2 }),
      );
      expect(report.problems).toEqual([]);
      expect(report.counts.pledges).toEqual({ inserted: 0, updated: 0, unchanged: 9 });
    });

    it('gives one pledge with flags, actor, partners, matches both ways and its history in date order', async () => {
      type Detail = {
        id: string;
        actor: { id: string; name: string; type: string };
        partners: { id: string }[];
        flags: { overdue: boolean; stale: boolean; quality: Record<string, boolean> };
        matched: { pledgeId: string; relation: string; listedBy: string }[];
        updates: { id: string }[];
        assessments: { id: string }[];
        latestStatus: string | null;
        assessmentStatus: string | null;
      };
      const get = async (id: string) => (await app.json<{ data: Detail }>(`/api/v1/pledges/${id}`)).body.data;
      const p01 = await get('P-01');
      expect(p01.actor).toMatchObject({ id: 'KEN', name: 'Kenya', type: 'state' });
      expect(p01.flags).toMatchObject({ overdue: true, stale: true });
      expect(p01.updates.map((u) => u.id)).toEqual(['U-01']);
      expect(p01.assessments.map((a) => a.id)).toEqual(['A-02']);
      expect(p01.assessmentStatus).toBe('not_fulfilled');
      expect(p01.matched).toEqual([
        expect.objectContaining({ pledgeId: 'P-02', relation: 'offer', listedBy: 'other' }),
      ]);
      const p02 = await get('P-02');
      expect(p02.matched).toEqual([
        expect.objectContaining({ pledgeId: 'P-01', relation: 'need', listedBy: 'this' }),
      ]);
      expect(p02.flags).toMatchObject({ overdue: false, stale: false });
      const p04 = await get('P-04');
      expect(p04.updates.map((u) => u.id)).toEqual(['U-07', 'U-03']);
      expect(p04.latestStatus).toBe('fulfilled');
      expect(p04.partners.map((a) => a.id)).toEqual(['refugee-council']);
      const p08 = await get('P-08');
      // The target date is today: not yet overdue; the last report is 400 days old: stale.
      expect(p08.flags).toMatchObject({ overdue: false, stale: true });
      const p05 = await get('P-05');
      expect(p05.flags.quality).toEqual({
        hasTargetDate: false,
        hasQuantityOrAmount: false,
        hasPlace: false,
        hasObjective: false,
      });
    });

    it('answers one update and one assessment by id, and 404 naming an unknown one', async () => {
      const update = (
        await app.json<{ data: { id: string; pledgeId: string; status: string } }>('/api/v1/updates/U-01')
      ).body.data;
      expect(update).toMatchObject({
        id: 'U-01',
        pledgeId: records.updates.find((u) => u.id === 'U-01')!.pledgeId,
      });
      expect(update).not.toHaveProperty('sort_key');
      const assessment = (await app.json<{ data: { id: string } }>('/api/v1/assessments/A-01')).body.data;
      expect(assessment.id).toBe('A-01');
      expect(
        (await expectProblem(await app.request('/api/v1/updates/U-404'), 404, 'not_found')).detail,
      ).toContain('U-404');
      expect(
        (await expectProblem(await app.request('/api/v1/assessments/A-404'), 404, 'not_found')).detail,
      ).toContain('A-404');
    });

    it('answers 404 for an unknown pledge or actor, naming it', async () => {
      const p = await expectProblem(await app.request('/api/v1/pledges/P-404'), 404, 'not_found');
      expect(p.detail).toContain('P-404');
      await expectProblem(await app.request('/api/v1/pledges/P-404/updates'), 404, 'not_found');
      const a = await expectProblem(await app.request('/api/v1/actors/nobody'), 404, 'not_found');
      expect(a.detail).toContain('nobody');
      await expectProblem(await app.request('/api/v1/pledges/bad%20id'), 400, 'invalid_input', 'id');
    });

    it('lists updates and assessments with their filters', async () => {
      const ids = async (path: string) =>
        (await app.json<{ data: { id: string }[] }>(`/api/v1${path}`)).body.data.map((x) => x.id);
      expect(await ids('/updates?status=planning')).toEqual(['U-04', 'U-06']);
      expect(await ids('/updates?pledge=P-04')).toEqual(['U-03', 'U-07']);
      expect(await ids('/updates?reportedFrom=2024-01-01&reportedTo=2024-12-31')).toEqual(['U-03', 'U-07']);
      expect(await ids('/pledges/P-04/updates')).toEqual(['U-07', 'U-03']);
      expect(await ids('/assessments?pledge=P-04')).toEqual(['A-01']);
      expect(await ids('/assessments?status=not_fulfilled')).toEqual(['A-02']);
      const page1 = (await app.json<PledgeList>('/api/v1/updates?limit=3')).body;
      const page2 = await ids(`/updates?limit=3&cursor=${page1.page.nextCursor}`);
      expect([...page1.data.map((u) => u.id), ...page2]).toHaveLength(6);
      await expectProblem(await app.request('/api/v1/updates?status=done'), 400, 'invalid_input', 'status');
      await expectProblem(
        await app.request('/api/v1/updates?reportedFrom=2024-02-01&reportedTo=2024-01-01'),
        400,
        'invalid_input',
        'reportedFrom',
      );
      await expectProblem(await app.request('/api/v1/updates?pledge=P-404'), 400, 'invalid_input', 'pledge');
      await expectProblem(
        await app.request('/api/v1/assessments?status=late'),
        400,
        'invalid_input',
        'status',
      );
      const csv = await (await app.request('/api/v1/updates?format=csv')).text();
      expect(csv.split('\n')[0]).toBe(headersOf('updates').join(','));
    });

    it('lists actors, States first, with pledge counts and filters', async () => {
      type Actor = { id: string; type: string; origin: string; pledgeCount: number; partnerCount?: number };
      const actors = async (q: string) => (await app.json<{ data: Actor[] }>(`/api/v1/actors${q}`)).body.data;
      const all = await actors('?limit=500');
      expect(all).toHaveLength(195 + 4);
      expect(all.slice(0, 195).every((a) => a.type === 'state' && a.origin === 'reference')).toBe(true);
      expect(all.slice(195).map((a) => a.id)).toEqual([
        'refugee-council',
        'acme-foundation',
        'city-of-lyon',
        'un-agency',
      ]);
      expect(all.find((a) => a.id === 'KEN')?.pledgeCount).toBe(2);
      expect(all.find((a) => a.id === 'acme-foundation')?.pledgeCount).toBe(2);
      expect((await actors('?type=civil_society,un_entity')).map((a) => a.id)).toEqual([
        'refugee-council',
        'un-agency',
      ]);
      expect((await actors('?iso3=fra')).map((a) => a.id)).toEqual(['FRA', 'city-of-lyon']);
      expect((await actors('?q=ACME')).map((a) => a.id)).toEqual(['acme-foundation']);
      expect(await actors('?q=100%25')).toEqual([]);
      const detail = (await app.json<{ data: Actor }>('/api/v1/actors/refugee-council')).body.data;
      expect(detail).toMatchObject({ pledgeCount: 1, partnerCount: 1, origin: 'registry' });
      await expectProblem(await app.request('/api/v1/actors?type=robot'), 400, 'invalid_input', 'type');
      const csv = (await (await app.request('/api/v1/actors?type=private_sector&format=csv')).text())
        .trim()
        .split('\n');
      expect(csv).toEqual([
        [...headersOf('actors'), ...DERIVED_HEADERS.actors].join(','),
        'acme-foundation,Acme Foundation,private_sector,,,false,registry,2',
      ]);
    });

    it('answers an actors CSV that imports again unchanged, State rows skipped as reference data', async () => {
      const csv = await (await app.request('/api/v1/actors?limit=500&format=csv')).text();
      expect(csv).toContain(',state,BRA,,false,reference,');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'actors-twin-')), 'actors.csv');
      fs.writeFileSync(file, csv);
      const report = await importRegistry(app.db, await readImportFile(file));
      expect(report.problems).toEqual([]);
      expect(report.counts.actors).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    });

    it('shows a newly imported pledge at once: the index follows the data version', async () => {
      const before = (await list('?actor=un-agency')).meta.total;
      await loadRegistry(app.db, {
        pledges: [
          {
            ...records.pledges.find((p) => p.id === 'P-07')!,
            id: 'P-10',
            title: 'Water points in camps',
            announcedOn: '2018-01-01',
          },
        ],
      });
      const after = await list('?actor=un-agency');
      expect(after.meta.total).toBe(before + 1);
      expect(after.ids.at(-1)).toBe('P-10');
      expect((await list('?q=water')).ids).toEqual(['P-10']);
    });
  });

  describe('pledges API over synthetic data', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso(), true);
    });
    afterAll(() => app.close());

    it('carries `synthetic: true` on every pledge, actor, update and assessment, in JSON and CSV', async () => {
      const pledges = (await app.json<PledgeList>('/api/v1/pledges?limit=500')).body;
      expect(pledges.meta.total).toBe(9);
      expect(pledges.data.every((p) => p.synthetic === true)).toBe(true);
      expect((await app.json<PledgeList>('/api/v1/pledges?synthetic=false')).body.meta.total).toBe(0);
      for (const path of [
        '/actors?type=civil_society',
        '/updates',
        '/assessments',
        '/pledges/P-04/updates',
      ]) {
        const { body } = await app.json<{ data: { synthetic: unknown }[] }>(`/api/v1${path}`);
        expect(body.data.length, path).toBeGreaterThan(0);
        expect(
          body.data.every((x) => x.synthetic === true),
          path,
        ).toBe(true);
      }
      const detail = (
        await app.json<{
          data: { synthetic: boolean; updates: { synthetic: boolean }[]; partners: { synthetic: boolean }[] };
        }>('/api/v1/pledges/P-04')
      ).body.data;
      expect(detail.synthetic).toBe(true);
      expect(detail.updates.every((u) => u.synthetic)).toBe(true);
      expect(detail.partners.every((a) => a.synthetic)).toBe(true);
      const csv = parse(await (await app.request('/api/v1/pledges?format=csv')).text()) as string[][];
      const at = csv[0]!.indexOf('synthetic');
      expect(csv.slice(1).every((r) => r[at] === 'true')).toBe(true);
    });
  });
});
