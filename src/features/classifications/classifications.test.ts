import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, tempDir } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import { loadReferenceData } from '../reference/sync.ts';
import { listClassifications } from './repository.ts';
import type { ClassificationView } from './schemas.ts';

type List = { data: ClassificationView[]; page: { limit: number; nextCursor: string | null } };
type Problem = { status: number; code: string; errors?: { location?: string; message: string }[] };

// The table "Global Compact for Migration objectives by category" of WMR 2020 Infosheet No 11, column by column.
const SEED: [number, string][][] = [
  [
    [1, 'Improving migration data and research'],
    [3, 'Providing accurate and timely information at all stages of migration'],
    [4, 'Ensuring that migrants have proof of their legal identity'],
    [6, 'Facilitating fair and ethical recruitment and conditions for decent work'],
    [8, 'Saving lives and coordinating efforts on missing migrants'],
    [9, 'Strengthening the transnational response to smuggling'],
    [10, 'Preventing, combating and eradicating trafficking in persons'],
    [12, 'Strengthening migration procedures'],
    [14, 'Enhancing consular services for migrants'],
    [20, 'Facilitating remittance transfers'],
    [22, 'Supporting portability of social security entitlements and earned benefits'],
  ],
  [
    [5, 'Opening wider legal pathways for migrants'],
    [11, 'Managing borders in an integrated, secure and coordinated manner'],
    [13, 'Using detention only as a last resort, and seeking alternatives'],
    [15, 'Providing access to basic services for migrants'],
    [18, 'Investing in skills development and mutual recognition'],
    [21, 'Facilitating return and reintegration'],
  ],
  [
    [2, 'Reducing the negative drivers of migration'],
    [7, 'Addressing and reducing vulnerabilities in migration'],
    [16, 'Empowering migrants and societies for full social inclusion and cohesion'],
    [17, 'Eliminating all forms of discrimination and promoting evidence-based public discourse'],
    [19, 'Creating conditions for migrants and diasporas to fully contribute to sustainable development'],
    [23, 'Strengthening international cooperation and global partnerships'],
  ],
];
const SEED_NAMES = [
  'Specific and relatively straightforward measures',
  'Specific but contested issues',
  'Very broad and aspirational goals',
];

forEachEngine((engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(engine);
  });
  afterAll(() => app.close());

  describe('GET /api/v1/classifications/wmr2020', () => {
    it("reproduces the seed's three categories, objectives and labels", async () => {
      const { status, body } = await app.json<{ data: ClassificationView }>(
        '/api/v1/classifications/wmr2020',
      );
      expect(status).toBe(200);
      const scheme = body.data;
      expect(scheme).toMatchObject({ id: 'wmr2020', compact: 'gcm', status: 'verified' });
      expect(scheme.sources.map((s) => s.id)).toContain('wmr2020-infosheet-11');
      expect(scheme.categories).toHaveLength(3);
      scheme.categories.forEach((cat, i) => {
        expect(cat).toMatchObject({ id: `wmr2020-${i + 1}`, position: i + 1, name: SEED_NAMES[i] });
        expect(cat.objectives).toEqual(SEED[i]!.map(([n]) => `gcm-${n}`));
        expect(cat.members.map((m) => [m.number, m.label])).toEqual(SEED[i]);
        for (const m of cat.members) expect(m.title.length).toBeGreaterThan(0);
      });
    });

    it('answers an unknown scheme with a 404 problem', async () => {
      const { status, body, res } = await app.json<Problem>('/api/v1/classifications/nope');
      expect(status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('has a CSV form of one scheme', async () => {
      const res = await app.request('/api/v1/classifications/wmr2020?format=csv');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await res.text()).trim().split('\n')).toHaveLength(1 + 23);
    });
  });

  describe('GET /api/v1/classifications', () => {
    it('lists schemes and rejects a bad limit with a 400 problem naming it', async () => {
      const { body } = await app.json<List>('/api/v1/classifications');
      expect(body.data.map((s) => s.id)).toEqual(['wmr2020']);
      expect(body.page.nextCursor).toBeNull();
      const bad = await app.json<Problem>('/api/v1/classifications?limit=0');
      expect(bad.status).toBe(400);
      expect(bad.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(bad.body.code).toBe('invalid_input');
      expect(bad.body.errors?.map((e) => e.location)).toEqual(['limit']);
    });

    it('has a CSV twin with one row per scheme, category and objective', async () => {
      const res = await app.request('/api/v1/classifications?format=csv');
      expect(res.status).toBe(200);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('scheme,categoryId,categoryPosition,categoryName,objective,number,title,label');
      expect(lines).toHaveLength(1 + 23);
      expect(lines[1]).toMatch(
        /^wmr2020,wmr2020-1,1,Specific and relatively straightforward measures,gcm-1,1,/,
      );
      expect(lines[1]).toMatch(/,Improving migration data and research$/);
    });
  });

  describe('pages', () => {
    it('shows the scheme with a section per category and the table of the source', async () => {
      const res = await app.request('/classifications/wmr2020');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<h1>World Migration Report 2020, chapter 11');
      for (const n of [1, 2, 3])
        expect(html).toMatch(new RegExp(`<section id="wmr2020-${n}" class="category c${n}"`));
      expect(html).toContain('href="/objectives/gcm-17"');
      expect(html).toContain('<caption>Global Compact for Migration objectives by category</caption>');
      expect(html.match(/<th scope="col">/g)).toHaveLength(3);
      // Row 7 holds only category 1's seventh objective, as in the source.
      const rows = html.split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr>').slice(1);
      expect(rows).toHaveLength(11);
      expect(rows[0]).toContain('Improving migration data and research (Objective 1)');
      expect(rows[0]).toContain('Opening wider legal pathways for migrants (Objective 5)');
      expect(rows[0]).toContain('Reducing the negative drivers of migration (Objective 2)');
      expect(rows[6]).toContain('(Objective 10)');
      expect(rows[6]!.match(/<td><\/td>/g)).toHaveLength(2);
      expect(html).toContain('href="/api/v1/classifications/wmr2020"');
      expect(html).toContain('href="/api/v1/classifications/wmr2020?format=csv"');
    });

    it('translates headings with ?lang=fr and keeps the language in links', async () => {
      const html = await (await app.request('/classifications/wmr2020?lang=fr')).text();
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain('Le tableau tel que publié');
      expect(html).toContain('href="/objectives/gcm-1?lang=fr"');
    });

    it('lists schemes on the index and 404s an unknown one', async () => {
      const index = await app.request('/classifications');
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('href="/classifications/wmr2020"');
      const missing = await app.request('/classifications/nope');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });
});

forEachEngine((engine) => {
  describe('a second scheme in the data', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      const dir = tempDir('cw-ref-');
      for (const f of fs.readdirSync(DEFAULT_REFERENCE_DIR)) {
        fs.copyFileSync(path.join(DEFAULT_REFERENCE_DIR, f), path.join(dir, f));
      }
      const file = path.join(dir, 'classifications.json');
      const schemes = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
      schemes.push({
        id: 'test-gcr-split',
        name: 'A test split of the GCR objectives',
        compact: 'gcr',
        description: 'Two groups, for testing only.',
        status: 'unverified',
        sources: [{ source: 'unhcr-gcr-intro-note' }],
        categories: [
          {
            id: 'test-gcr-split-1',
            position: 1,
            name: 'First',
            members: [{ objective: 'gcr-2' }, { objective: 'gcr-1', label: 'One' }],
          },
          {
            id: 'test-gcr-split-2',
            position: 2,
            name: 'Second',
            members: [{ objective: 'gcr-3' }, { objective: 'gcr-4' }],
          },
        ],
      });
      fs.writeFileSync(file, JSON.stringify(schemes, null, 2));
      await loadReferenceData(app.db, app.engine, { dir, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    });
    afterAll(() => app.close());

    it('is served by the API and pages with no code change', async () => {
      const { body } = await app.json<{ data: ClassificationView }>('/api/v1/classifications/test-gcr-split');
      expect(body.data.categories.map((c) => c.objectives)).toEqual([
        ['gcr-2', 'gcr-1'],
        ['gcr-3', 'gcr-4'],
      ]);
      expect(body.data.categories[0]!.members[1]).toMatchObject({ objective: 'gcr-1', label: 'One' });
      expect(body.data.categories[0]!.members[0]!.label).toBeNull();
      const page = await app.request('/classifications/test-gcr-split');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<section id="test-gcr-split-2" class="category c2"');
    });

    it('pages through both schemes with limit=1', async () => {
      const ids: string[] = [];
      let url: string | null = '/api/v1/classifications?limit=1';
      while (url) {
        const { body }: { body: List } = await app.json<List>(url);
        expect(body.data.length).toBeLessThanOrEqual(1);
        ids.push(...body.data.map((s) => s.id));
        url = body.page.nextCursor ? `/api/v1/classifications?limit=1&cursor=${body.page.nextCursor}` : null;
      }
      expect(ids).toEqual(['wmr2020', 'test-gcr-split']);
      const csv = await (await app.request('/api/v1/classifications?format=csv')).text();
      expect(csv.trim().split('\n')).toHaveLength(1 + 23 + 4);
    });

    it('reads any number of schemes in the same number of queries', async () => {
      let queries = 0;
      const counted = app.db.withPlugin({
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      expect(await listClassifications(counted, { afterSortKey: 0 })).toHaveLength(1);
      const forOne = queries;
      queries = 0;
      expect(await listClassifications(counted)).toHaveLength(2);
      expect(queries).toBe(forOne);
    });
  });
});
