/**
 * Every route of the OpenAPI document answers on both engines, in the
 * documented envelope; every list also answers as CSV. A new route without
 * an example here fails the test, so no route goes untested.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_AUTHOR, createToken, createUser } from '../src/features/accounts/service.ts';
import { addNationalReviews, SAMPLE_REVIEWS } from '../src/features/reviews/test-fixtures.ts';
import { todayIso } from '../src/http/params.ts';
import { forEachEngine } from './helpers/db.ts';
import { openTestApp, type TestApp } from './helpers/http.ts';
import { loadRegistryFixture } from './helpers/registry-fixture.ts';

/** One real request per documented path. */
const EXAMPLES: Record<string, string> = {
  '/compacts': '/compacts',
  '/compacts/{id}': '/compacts/gcr',
  '/compacts/{id}/objectives': '/compacts/gcm/objectives',
  '/objectives/{id}': '/objectives/gcm-23',
  '/classifications': '/classifications',
  '/classifications/{id}': '/classifications/wmr2020',
  '/milestones': '/milestones?compact=gcr',
  '/institutions': '/institutions',
  '/institutions/{id}': '/institutions/iom',
  '/relations': '/relations',
  '/states': '/states?region=002',
  '/states/{iso3}': '/states/CHE',
  '/states/{iso3}/positions': '/states/USA/positions',
  '/states/{iso3}/brief': '/states/BRA/brief',
  '/positions': '/positions?compact=gcr&asOf=2019-01-01',
  '/positions/changes': '/positions/changes?compact=gcm',
  '/positions/events/{id}': '/positions/events/bra-gcm-2023-01-05',
  '/resolutions': '/resolutions',
  '/votes': '/votes?resolution=A/RES/73/151',
  '/pledges': '/pledges?compact=gcr&flag=stale',
  '/pledges/{id}': '/pledges/P-04',
  '/pledges/{id}/updates': '/pledges/P-04/updates',
  '/updates': '/updates?status=in_progress',
  '/assessments': '/assessments?pledge=P-04',
  '/actors': '/actors?type=civil_society',
  '/actors/{id}': '/actors/KEN',
  '/review-cycles': '/review-cycles?compact=gcr',
  '/review-cycles/{id}': '/review-cycles/grf-2023',
  '/national-reviews': '/national-reviews?cycle=imrf-2022',
  '/national-reviews/{id}': '/national-reviews/NR-BRA-IMRF-2022',
  '/analysis/coverage': '/analysis/coverage?by=actorType&from=2019-01-01&region=002',
  '/analysis/categories': '/analysis/categories?to=2024-12-31',
  '/analysis/support': '/analysis/support?table=regions&from=2019-01-01',
  '/crosswalk': '/crosswalk?from=gcm-20',
  '/crosswalk/nodes': '/crosswalk/nodes?kind=sdg-target',
  '/themes': '/themes?gap=true',
  '/updates/{id}': '/updates/U-01',
  '/assessments/{id}': '/assessments/A-01',
  '/me': '/me',
  '/audit': '/audit?resource=api_token&action=create',
  '/security-events': '/security-events?from=2020-01-01',
  '/editor/{kind}': '/editor/pledges?workflow=draft',
  '/editor/{kind}/{id}': '/editor/pledges/P-04',
  '/editor/{kind}/{id}/versions': '/editor/pledges/P-04/versions',
};

/** Routes about the caller: asked with an API token (without one they answer 401, tested in the accounts tests). */
const AS_USER = new Set(['/me', '/audit', '/security-events', '/editor/{kind}', '/editor/{kind}/{id}']);

/** Paths with no GET, and the tests that cover them. */
const WRITE_ONLY: Record<string, string> = {
  '/editor/{kind}/{id}/submit': 'src/features/editing/editing.test.ts',
  '/editor/{kind}/{id}/publish': 'src/features/editing/editing.test.ts',
  '/editor/{kind}/{id}/return': 'src/features/editing/editing.test.ts',
};

type Doc = {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
};

forEachEngine((engine) => {
  describe('every documented API route', () => {
    let app: TestApp;
    let doc: Doc;
    let token = '';
    beforeAll(async () => {
      app = await openTestApp(engine);
      await addNationalReviews(app.db, SAMPLE_REVIEWS);
      // Synthetic like the reviews: a database never mixes synthetic and real records.
      await loadRegistryFixture(app.db, todayIso(), true);
      doc = (await (await app.request('/api/v1/openapi.json')).json()) as Doc;
      await createUser(
        app.db,
        {
          email: 'reviewer@example.org',
          role: 'reviewer',
          states: [],
          actorId: null,
          password: 'a long and private passphrase',
        },
        CLI_AUTHOR,
      );
      token = (await createToken(app.db, 'reviewer@example.org', 'route coverage', CLI_AUTHOR)).token;
    });
    afterAll(() => app.close());

    it('is an OpenAPI 3.1 document with a request example here for every path', async () => {
      const res = await app.request('/api/v1/openapi.json');
      expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [...Object.keys(EXAMPLES), ...Object.keys(WRITE_ONLY)].sort(),
      );
    });

    it.each(Object.entries(EXAMPLES))(
      '%s answers 200 in the documented envelope (and as CSV when it is a list)',
      async (path, example) => {
        const headers: Record<string, string> = AS_USER.has(path) ? { authorization: `Bearer ${token}` } : {};
        const res = await app.request(`/api/v1${example}`, { headers });
        expect(res.status, example).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('etag')).toBeTruthy();
        const body = (await res.json()) as {
          data: unknown;
          page?: { limit: number; nextCursor: string | null };
        };
        expect(body.data).toBeDefined();
        // Lists carry a page; single resources do not.
        expect(body.page !== undefined).toBe(Array.isArray(body.data));
        const hasCsvTwin = Boolean(doc.paths[path]?.get?.responses['200']?.content?.['text/csv']);
        if (Array.isArray(body.data)) expect(hasCsvTwin, `${path} is a list without a CSV twin`).toBe(true);
        if (hasCsvTwin) {
          const sep = example.includes('?') ? '&' : '?';
          const csv = await app.request(`/api/v1${example}${sep}format=csv`, { headers });
          expect(csv.status).toBe(200);
          expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
          const lines = (await csv.text()).trim().split('\n');
          // A header, and at least one row per item (some twins flatten nested items into several rows).
          expect(lines.length).toBeGreaterThanOrEqual((Array.isArray(body.data) ? body.data.length : 1) + 1);
        }
      },
    );
  });
});
