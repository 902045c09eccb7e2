import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { expectProblem, type List, openTestApp, type TestApp } from '../../../test/helpers/http.ts';

/**
 * The official titles as printed in A/RES/73/195 (list of objectives), kept
 * here as an independent copy so an edit of the reference file that changes
 * a title fails this test.
 */
const GCM_TITLES = [
  'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
  'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
  'Provide accurate and timely information at all stages of migration',
  'Ensure that all migrants have proof of legal identity and adequate documentation',
  'Enhance availability and flexibility of pathways for regular migration',
  'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work',
  'Address and reduce vulnerabilities in migration',
  'Save lives and establish coordinated international efforts on missing migrants',
  'Strengthen the transnational response to smuggling of migrants',
  'Prevent, combat and eradicate trafficking in persons in the context of international migration',
  'Manage borders in an integrated, secure and coordinated manner',
  'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
  'Use migration detention only as a measure of last resort and work towards alternatives',
  'Enhance consular protection, assistance and cooperation throughout the migration cycle',
  'Provide access to basic services for migrants',
  'Empower migrants and societies to realize full inclusion and social cohesion',
  'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
  'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
  'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
  'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
  'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
  'Establish mechanisms for the portability of social security entitlements and earned benefits',
  'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
];

type Objective = {
  id: string;
  number: number;
  title: string;
  sources: { id: string }[];
  categories: { id: string }[];
};

forEachEngine((engine) => {
  describe('compacts API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('lists both compacts with their endorsement votes and sources', async () => {
      const { status, body } =
        await app.json<
          List<{
            id: string;
            endorsement: { resolution: string; vote: object };
            sources: unknown[];
            legallyBinding: boolean;
          }>
        >('/api/v1/compacts');
      expect(status).toBe(200);
      expect(body.data.map((c) => c.id)).toEqual(['gcm', 'gcr']);
      expect(body.data[0]?.endorsement).toMatchObject({
        resolution: 'A/RES/73/195',
        vote: { yes: 152, no: 5, abstain: 12 },
      });
      expect(body.data[1]?.endorsement).toMatchObject({
        resolution: 'A/RES/73/151',
        vote: { yes: 181, no: 2, abstain: 3 },
      });
      expect(body.data.every((c) => c.sources.length > 0 && c.legallyBinding === false)).toBe(true);
      expect(body.page).toEqual({ limit: 50, nextCursor: null });
    });

    it('serves one compact with principles, structure and follow-up', async () => {
      const { body } = await app.json<{
        data: {
          principles: { code: string; title: string }[];
          followUp: { name: string }[];
          objectiveCount: number;
        };
      }>('/api/v1/compacts/gcm');
      expect(body.data.objectiveCount).toBe(23);
      expect(body.data.principles.map((p) => p.code)).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
        'g',
        'h',
        'i',
        'j',
      ]);
      expect(body.data.principles[0]?.title).toBe('People-centred');
      expect(body.data.followUp.map((f) => f.name)).toContain('International Migration Review Forum');
    });

    it('lists the 23 GCM objectives with their official titles, each with a source and a wmr2020 category', async () => {
      const { body } = await app.json<List<Objective>>('/api/v1/compacts/gcm/objectives');
      expect(body.data.map((o) => o.title)).toEqual(GCM_TITLES);
      expect(body.data.map((o) => o.id)).toEqual(GCM_TITLES.map((_, i) => `gcm-${i + 1}`));
      for (const o of body.data) {
        expect(o.sources.length, o.id).toBeGreaterThan(0);
        expect(
          o.categories.map((c) => c.id).filter((c) => c.startsWith('wmr2020-')),
          o.id,
        ).toHaveLength(1);
      }
    });

    it('lists the 4 GCR objectives', async () => {
      const { body } = await app.json<List<Objective>>('/api/v1/compacts/gcr/objectives');
      expect(body.data.map((o) => o.id)).toEqual(['gcr-1', 'gcr-2', 'gcr-3', 'gcr-4']);
      expect(body.data[0]?.title).toMatch(/^Ease pressures on host countries/);
    });

    it('pages through objectives with an opaque cursor and a Link header', async () => {
      const seen: string[] = [];
      let url: string | null = '/api/v1/compacts/gcm/objectives?limit=10';
      let pages = 0;
      while (url) {
        const { body, res }: { body: List<Objective>; res: Response } = await app.json<List<Objective>>(url);
        expect(body.data.length).toBeLessThanOrEqual(10);
        seen.push(...body.data.map((o) => o.id));
        const next: string | null = body.page.nextCursor;
        if (next) expect(res.headers.get('link')).toContain(`cursor=${next}`);
        url = next ? `/api/v1/compacts/gcm/objectives?limit=10&cursor=${next}` : null;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(GCM_TITLES.map((_, i) => `gcm-${i + 1}`));
    });

    it('has a CSV twin of the objectives list', async () => {
      const res = await app.request('/api/v1/compacts/gcm/objectives?format=csv&limit=500');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe(
        'id,compact,number,title,shortLabel,paragraph,actionCount,categories,status,sources',
      );
      expect(lines).toHaveLength(24);
      expect(lines[11]).toMatch(
        /^gcm-11,gcm,11,"Manage borders in an integrated, secure and coordinated manner",/,
      );
    });

    it('serves one objective', async () => {
      const { body } = await app.json<{ data: Objective & { paragraph: number } }>(
        '/api/v1/objectives/gcm-13',
      );
      expect(body.data).toMatchObject({ id: 'gcm-13', number: 13, paragraph: 29 });
      expect(body.data.categories.map((c) => c.id)).toContain('wmr2020-2');
    });

    it.each([
      ['/api/v1/compacts/xyz', 404, 'not_found', undefined],
      ['/api/v1/compacts/xyz/objectives', 404, 'not_found', undefined],
      ['/api/v1/objectives/gcm-99', 404, 'not_found', undefined],
      ['/api/v1/objectives/drop%20table', 400, 'invalid_input', 'id'],
      ['/api/v1/compacts/gcm/objectives?limit=501', 400, 'invalid_input', 'limit'],
      ['/api/v1/compacts/gcm/objectives?limit=abc', 400, 'invalid_input', 'limit'],
      ['/api/v1/compacts/gcm/objectives?cursor=%%%', 400, 'invalid_input', 'cursor'],
      ['/api/v1/compacts/gcm/objectives?format=xml', 400, 'invalid_input', 'format'],
      ['/api/v1/nothing-here', 404, 'not_found', undefined],
    ])('%s answers %i problem+json', async (path, status, code, location) => {
      await expectProblem(await app.request(path), status, code, location);
    });

    it('sends ETag and Cache-Control and answers If-None-Match with 304', async () => {
      const first = await app.request('/api/v1/compacts/gcm');
      const tag = first.headers.get('etag');
      expect(tag).toBeTruthy();
      expect(first.headers.get('cache-control')).toBe('public, max-age=300');
      const second = await app.request('/api/v1/compacts/gcm', { headers: { 'if-none-match': tag! } });
      expect(second.status).toBe(304);
      expect(await second.text()).toBe('');
    });

    it('compresses responses for clients that accept gzip', async () => {
      const res = await app.request('/api/v1/compacts/gcm/objectives', {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const body = JSON.parse(
        gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'),
      ) as List<Objective>;
      expect(body.data).toHaveLength(23);
    });
  });

  describe('compact and objective pages', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('renders the GCM page with all objectives, principles and follow-up', async () => {
      const { status, html } = await app.page('/compacts/gcm');
      expect(status).toBe(200);
      expect(html).toContain('<html lang="en"');
      expect(html).toContain('Global Compact for Safe, Orderly and Regular Migration');
      for (let n = 1; n <= 23; n++) expect(html).toContain(`href="/objectives/gcm-${n}"`);
      expect(html).toContain('People-centred');
      expect(html).toContain('International Migration Review Forum');
      expect(html).toContain('A/RES/73/195');
    });

    it('renders an objective page with its category and sources', async () => {
      const { html } = await app.page('/objectives/gcm-11');
      expect(html).toContain('Manage borders in an integrated, secure and coordinated manner');
      expect(html).toContain('href="/classifications/wmr2020#wmr2020-2"');
      expect(html).toMatch(/Sources?:/);
      expect(html).toContain('href="/objectives/gcm-10"');
      expect(html).toContain('href="/objectives/gcm-12"');
    });

    it('answers an unknown objective or compact with an HTML 404 page', async () => {
      for (const path of ['/objectives/gcm-99', '/compacts/xyz', '/no/such/page']) {
        const res = await app.page(path);
        expect(res.status, path).toBe(404);
        expect(res.type).toMatch(/^text\/html/);
        expect(res.html).toContain('Page not found');
      }
    });

    it('speaks French when asked, and keeps the language in links', async () => {
      const { html } = await app.page('/compacts/gcm?lang=fr');
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain('Aller au contenu principal');
      expect(html).toContain('href="/objectives/gcm-1?lang=fr"');
      const negotiated = await app.page('/', { headers: { 'accept-language': 'es-ES,es;q=0.9' } });
      expect(negotiated.html).toContain('<html lang="es"');
      expect(negotiated.html).toContain('Saltar al contenido principal');
    });
  });
});
