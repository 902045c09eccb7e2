import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { expectProblem, type List, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { unprotectCell } from '../../domain/csv-cell.ts';
import { DERIVED_HEADERS, headersOf, recordOf } from '../pledges/csv-records.ts';
import { nationalReviewRecordSchema } from '../pledges/records.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import type { NationalReviewView, ReviewCycleView } from './schemas.ts';
import { addNationalReviews, SAMPLE_REVIEWS } from './test-fixtures.ts';

type FileCycle = { id: string; kind: string; compact: string; sources: { source: string }[] };

// Expected answers are worked out from the file and the fixture, independently of the SQL.
const file = JSON.parse(
  fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, 'review-cycles.json'), 'utf8'),
) as FileCycle[];

type Cycle = ReviewCycleView;
type Review = NationalReviewView;

forEachEngine((engine) => {
  describe('reviews API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await addNationalReviews(app.db, SAMPLE_REVIEWS);
      // Two pledges made at GRF 2023, none at the other forums.
      for (const [i, id] of ['P-T-1', 'P-T-2'].entries()) {
        await app.db
          .insertInto('pledges')
          .values({
            id,
            sort_key: i,
            actor_id: 'COL',
            title: `Test pledge ${i}`,
            description: '',
            type: 'policy',
            forum: 'grf-2023',
            synthetic: 1,
          })
          .execute();
      }
    });
    afterAll(() => app.close());

    const reviewsWhere = (keep: (r: (typeof SAMPLE_REVIEWS)[number]) => boolean) =>
      SAMPLE_REVIEWS.filter(keep).map((r) => r.id);

    describe('GET /api/v1/review-cycles', () => {
      it('lists every cycle in file order with its counts and sources', async () => {
        const { status, body } = await app.json<List<Cycle>>('/api/v1/review-cycles');
        expect(status).toBe(200);
        expect(body.data.map((c) => c.id)).toEqual(file.map((c) => c.id));
        const byId = new Map(body.data.map((c) => [c.id, c]));
        expect(byId.get('imrf-2022')).toMatchObject({
          kind: 'imrf',
          compact: 'gcm',
          startDate: '2022-05-17',
          endDate: '2022-05-20',
          datePrecision: 'day',
          milestone: 'imrf-2022',
          nationalReviewCount: 2,
          pledgeCount: 0,
        });
        expect(byId.get('grf-2023')).toMatchObject({ nationalReviewCount: 1, pledgeCount: 2 });
        expect(byId.get('grf-2019')).toMatchObject({ nationalReviewCount: 0, pledgeCount: 0 });
        // Pledges cannot name these cycles as their forum: no count, rather than a misleading 0.
        for (const id of ['hlom-2021', 'grf-2027', 'grf-progress-review-2025', 'gcm-regional-reviews-2020']) {
          expect(byId.get(id)?.pledgeCount, id).toBeNull();
        }
        expect(byId.get('gcm-regional-reviews-2020')?.nationalReviewCount).toBe(1);
        expect(body.data.every((c) => c.sources.length > 0)).toBe(true);
        expect(byId.get('imrf-2026')).toMatchObject({ datePrecision: 'year', status: 'unverified' });
      });

      it('filters by compact and by kind', async () => {
        for (const compact of ['gcm', 'gcr']) {
          const { body } = await app.json<List<Cycle>>(`/api/v1/review-cycles?compact=${compact}`);
          expect(body.data.map((c) => c.id)).toEqual(
            file.filter((c) => c.compact === compact).map((c) => c.id),
          );
        }
        const { body } = await app.json<List<Cycle>>('/api/v1/review-cycles?kind=grf');
        expect(body.data.map((c) => c.id)).toEqual(file.filter((c) => c.kind === 'grf').map((c) => c.id));
      });

      it('walks all cycles with limit=2 via page.nextCursor', async () => {
        const ids: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const url: string = `/api/v1/review-cycles?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
          const { body }: { body: List<Cycle> } = await app.json<List<Cycle>>(url);
          ids.push(...body.data.map((c) => c.id));
          cursor = body.page.nextCursor;
          if (!cursor) break;
        }
        expect(ids).toEqual(file.map((c) => c.id));
      });

      it('has a CSV twin with one row per cycle', async () => {
        const res = await app.request('/api/v1/review-cycles?format=csv');
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
        const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
        expect(rows.map((r) => r.id)).toEqual(file.map((c) => c.id));
        expect(rows.find((r) => r.id === 'grf-2023')).toMatchObject({
          datePrecision: 'day',
          milestone: 'grf-2023',
          nationalReviewCount: '1',
          pledgeCount: '2',
        });
        expect(rows.find((r) => r.id === 'hlom-2021')?.pledgeCount).toBe('');
      });

      it.each([
        ['compact=gcx', 'compact'],
        ['kind=summit', 'kind'],
        ['limit=0', 'limit'],
        ['cursor=nonsense', 'cursor'],
      ])('rejects %s with a 400 problem naming %s', async (qs, location) => {
        await expectProblem(await app.request(`/api/v1/review-cycles?${qs}`), 400, 'invalid_input', location);
      });
    });

    describe('GET /api/v1/review-cycles/{id}', () => {
      it('answers one cycle with its counts', async () => {
        const { status, body } = await app.json<{ data: Cycle }>('/api/v1/review-cycles/grf-2023');
        expect(status).toBe(200);
        expect(body.data).toMatchObject({
          id: 'grf-2023',
          name: 'Global Refugee Forum 2023',
          nationalReviewCount: 1,
          pledgeCount: 2,
        });
        expect(body.data.sources.map((s) => s.id)).toEqual(
          file.find((c) => c.id === 'grf-2023')!.sources.map((s) => s.source),
        );
      });

      it('answers 404 for an unknown cycle', async () => {
        const problem = await expectProblem(
          await app.request('/api/v1/review-cycles/imrf-2099'),
          404,
          'not_found',
        );
        expect(problem.detail).toContain('imrf-2099');
      });
    });

    describe('GET /api/v1/national-reviews', () => {
      it('lists every review with its objectives in the compacts’ order and the names', async () => {
        const { status, body } = await app.json<List<Review>>('/api/v1/national-reviews');
        expect(status).toBe(200);
        expect(body.data.map((r) => r.id)).toEqual(SAMPLE_REVIEWS.map((r) => r.id));
        expect(body.data[0]).toEqual({
          ...SAMPLE_REVIEWS[0],
          objectives: ['gcm-1', 'gcm-23'],
          stateName: 'Brazil',
          cycleName: 'International Migration Review Forum 2022',
        });
        expect(body.data.find((r) => r.id === 'NR-FRA-IMRF-2022')?.objectives).toEqual([]);
      });

      it.each([
        ['iso3=bra', (r: (typeof SAMPLE_REVIEWS)[number]) => r.iso3 === 'BRA'],
        ['cycle=imrf-2022', (r: (typeof SAMPLE_REVIEWS)[number]) => r.cycleId === 'imrf-2022'],
        ['objective=gcm-5', (r: (typeof SAMPLE_REVIEWS)[number]) => r.objectives.includes('gcm-5')],
        ['objective=gcr-1', (r: (typeof SAMPLE_REVIEWS)[number]) => r.objectives.includes('gcr-1')],
        ['iso3=BRA&cycle=imrf-2022', (r: (typeof SAMPLE_REVIEWS)[number]) => r.id === 'NR-BRA-IMRF-2022'],
        ['iso3=CHE', () => false],
        ['cycle=hlom-2021', () => false],
      ])('filters by %s', async (qs, keep) => {
        const { status, body } = await app.json<List<Review>>(`/api/v1/national-reviews?${qs}`);
        expect(status).toBe(200);
        expect(body.data.map((r) => r.id)).toEqual(reviewsWhere(keep));
      });

      it('walks all reviews with limit=1, keeping the filter', async () => {
        const ids: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const url: string = `/api/v1/national-reviews?iso3=BRA&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
          const { body }: { body: List<Review> } = await app.json<List<Review>>(url);
          expect(body.data.length).toBeLessThanOrEqual(1);
          ids.push(...body.data.map((r) => r.id));
          cursor = body.page.nextCursor;
          if (!cursor) break;
        }
        expect(ids).toEqual(reviewsWhere((r) => r.iso3 === 'BRA'));
      });

      it('has a CSV twin in the import format, guarded against formulas, that reads back to the records', async () => {
        const res = await app.request('/api/v1/national-reviews?format=csv');
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
        const [header, ...rows] = parse(await res.text()) as string[][];
        expect(header).toEqual([...headersOf('nationalReviews'), ...DERIVED_HEADERS.nationalReviews]);
        expect(rows).toHaveLength(SAMPLE_REVIEWS.length);
        const france = rows.find((r) => r[0] === 'NR-FRA-IMRF-2022')!;
        expect(france[header!.indexOf('title')]).toBe(`'${SAMPLE_REVIEWS[1]!.title}`);
        expect(rows[0]![header!.indexOf('objectives')]).toBe('gcm-1;gcm-23');
        expect(rows[0]![header!.indexOf('stateName')]).toBe('Brazil');
        // What the importer would read from this file is the record itself.
        for (const [i, row] of rows.entries()) {
          const { value, problems } = recordOf('nationalReviews', header!, row.map(unprotectCell));
          expect(problems).toEqual([]);
          const expected = SAMPLE_REVIEWS[i]!;
          expect(nationalReviewRecordSchema.parse(value)).toEqual({
            ...expected,
            objectives: [...expected.objectives].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
          });
        }
      });

      it.each([
        ['iso3=XXX', 'iso3', /unknown State "XXX"/],
        ['iso3=12', 'iso3', /alpha-3/],
        ['cycle=imrf-2030', 'cycle', /unknown review cycle "imrf-2030"; one of grf-2019/],
        ['objective=gcm-99', 'objective', /unknown objective "gcm-99"/],
        ['objective=five', 'objective', /objective id/],
        ['limit=501', 'limit', /./],
        ['cursor=%%%', 'cursor', /cursor/],
      ])('rejects %s with a 400 problem naming %s', async (qs, location, message) => {
        const problem = await expectProblem(
          await app.request(`/api/v1/national-reviews?${qs}`),
          400,
          'invalid_input',
          location,
        );
        const errors = problem.errors as { location: string; message: string }[];
        expect(errors.find((e) => e.location === location)?.message).toMatch(message);
      });

      it('names every unknown parameter at once', async () => {
        const problem = await expectProblem(
          await app.request('/api/v1/national-reviews?iso3=XXX&cycle=nope&objective=gcr-9'),
          400,
          'invalid_input',
        );
        expect(problem.errors?.map((e) => e.location)).toEqual(['iso3', 'cycle', 'objective']);
      });
    });

    describe('GET /api/v1/national-reviews/{id}', () => {
      it('answers one review', async () => {
        const { status, body } = await app.json<{ data: Review }>('/api/v1/national-reviews/NR-COL-GRF-2023');
        expect(status).toBe(200);
        expect(body.data).toMatchObject({
          iso3: 'COL',
          cycleId: 'grf-2023',
          objectives: ['gcr-1', 'gcr-2'],
          synthetic: true,
          stateName: 'Colombia',
          cycleName: 'Global Refugee Forum 2023',
        });
      });

      it('answers 404 for an unknown review', async () => {
        await expectProblem(await app.request('/api/v1/national-reviews/NR-NONE'), 404, 'not_found');
      });
    });
  });
});
