import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { STANCES } from '../../domain/stance.ts';
import { todayIso } from '../../http/params.ts';

type Counts = Record<(typeof STANCES)[number], number>;
type PositionsList = { data: { iso3: string }[]; meta: { counts: Counts } };

/** The counts as the page prints them: `<div data-stance="supports"><dt>…</dt><dd>151</dd></div>`. */
function pageCounts(html: string): Counts {
  const counts = {} as Counts;
  for (const stance of STANCES) {
    const m = new RegExp(`<div data-stance="${stance}"><dt>.*?</dt><dd>(\\d+)</dd></div>`).exec(html);
    expect(m, `count of ${stance} on the page`).not.toBeNull();
    counts[stance] = Number(m![1]);
  }
  return counts;
}

const tableRows = (html: string) => html.match(/<tr><th scope="row">/g)?.length ?? 0;
const h1 = (html: string) => /<h1>(.*?)<\/h1>/s.exec(html)?.[1] ?? '';

forEachEngine((engine) => {
  describe('GET /states', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const page = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, html: await res.text(), res };
    };

    it('answers 200 with the form, the counts, the map and the table, for the GCM today by default', async () => {
      const { status, html, res } = await page('/states');
      expect(status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(h1(html)).toMatch(/^Positions on the GCM as of /);
      expect(html).toContain(`name="asOf" value="${todayIso()}"`);
      expect(html).toMatch(/<input type="radio" id="states-compact-gcm" name="compact" value="gcm" checked/);
      expect(html).toMatch(/<svg class="map" role="img" aria-labelledby="states-map-title states-map-desc"/);
      expect(html.match(/data-iso3="[A-Z]{3}"/g)).toHaveLength(195);
      expect(tableRows(html)).toBe(195);
      expect(html).toContain('<caption>195 States on the GCM as of ');
      expect(html).toContain('href="/states/BRA"');
      expect(html).toContain('href="/positions"');
      const counts = pageCounts(html);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(195);
    });

    it('gives the same counts as the API for the same query (GCR, 18 December 2018)', async () => {
      const { status, html, res } = await page('/states?compact=gcr&asOf=2018-12-18');
      expect(status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const api = await app.json<PositionsList>('/api/v1/positions?compact=gcr&asOf=2018-12-18&limit=500');
      expect(api.status).toBe(200);
      expect(pageCounts(html)).toEqual(api.body.meta.counts);
      expect(api.body.meta.counts.supports).toBeGreaterThan(100);
      expect(h1(html)).toBe('Positions on the GCR as of 18 December 2018');
      expect(html).toContain('href="/api/v1/positions?compact=gcr&amp;asOf=2018-12-18&amp;limit=500"');
      expect(html).toContain('&amp;limit=500&amp;format=csv"');
      // The GCR abstentions are disputed between sources: the table says so where it applies.
      expect(html).toMatch(/<span class="badge disagree"[^>]*>Sources disagree<\/span>/);
    });

    it('before any event, shows every State as undeclared', async () => {
      const { html } = await page('/states?compact=gcr&asOf=2018-12-16');
      expect(pageCounts(html)).toEqual({ supports: 0, opposes: 0, abstains: 0, undeclared: 195 });
    });

    it('groups the table by stance, then by name', async () => {
      const { html } = await page('/states?compact=gcm&asOf=2020-01-01');
      const groups = [...html.matchAll(/<th scope="rowgroup" colspan="5">([^<(]+)/g)].map((m) =>
        m[1]!.trim(),
      );
      expect(groups).toEqual(['Supports', 'Opposes', 'Abstains', 'Undeclared']);
      const supporters = html
        .slice(
          html.indexOf('scope="rowgroup"'),
          html.indexOf('scope="rowgroup"', html.indexOf('scope="rowgroup"') + 1),
        )
        .match(/<th scope="row"><a [^>]*>([^<]+)</g)!
        .map((m) => m.replace(/.*>/, ''));
      expect(supporters.length).toBeGreaterThan(100);
      expect(supporters).toEqual([...supporters].sort((a, b) => a.localeCompare(b, 'en')));
    });

    it('filters by region: counts and table cover the region, the map still draws every State', async () => {
      const { status, html } = await page('/states?compact=gcm&asOf=2020-01-01&region=150');
      expect(status).toBe(200);
      const api = await app.json<PositionsList>(
        '/api/v1/positions?compact=gcm&asOf=2020-01-01&region=150&limit=500',
      );
      expect(pageCounts(html)).toEqual(api.body.meta.counts);
      expect(tableRows(html)).toBe(api.body.data.length);
      expect(h1(html)).toBe('Positions on the GCM in Europe as of 1 January 2020');
      expect(html.match(/data-iso3="[A-Z]{3}"/g)).toHaveLength(195);
      expect(html).toMatch(/<option value="150" selected/);
    });

    it('answers a bad date with 400, the form, and the error tied to the field', async () => {
      const { status, html } = await page('/states?compact=gcr&asOf=2019-02-30');
      expect(status).toBe(400);
      expect(html).toContain('<form method="get" action="/states"');
      expect(html).toContain('role="alert"');
      expect(html).toMatch(
        /<input type="date" id="states-asof" name="asOf" value="2019-02-30" aria-invalid="true" aria-describedby="states-asof-hint states-asof-error"/,
      );
      expect(html).toContain('<p id="states-asof-error" class="field-error">Enter a real calendar date');
      // The other answers are kept.
      expect(html).toMatch(/value="gcr" checked/);
      expect(html).not.toContain('<svg class="map"');
    });

    it.each([
      ['an unknown compact', '/states?compact=xyz', 'states-compact-error'],
      ['an unknown region', '/states?region=999', 'states-region-error'],
      ['a malformed date', '/states?asOf=1%2F1%2F2020', 'states-asof-error'],
    ])('answers %s with 400 and the message on that field', async (_what, path, errorId) => {
      const { status, html } = await page(path);
      expect(status).toBe(400);
      expect(html).toContain(`id="${errorId}"`);
      expect(html).toMatch(new RegExp(`aria-invalid="true" aria-describedby="[^"]*${errorId}`));
    });

    it('treats empty fields as the defaults, as a form sends them', async () => {
      const { status, html } = await page('/states?compact=&asOf=&region=');
      expect(status).toBe(200);
      expect(h1(html)).toMatch(/^Positions on the GCM as of /);
    });

    it('speaks French with ?lang=fr, State names included, and keeps the language in the form', async () => {
      const { status, html } = await page('/states?compact=gcm&asOf=2020-01-01&lang=fr');
      expect(status).toBe(200);
      expect(html).toContain('<html lang="fr"');
      expect(h1(html)).toBe('Positions sur le Pacte mondial sur les migrations au 1 janvier 2020');
      expect(html).toContain('>États par position</h2>');
      expect(html).toContain('<th scope="col">État</th>');
      expect(html).toContain('<label for="states-asof">Date</label>');
      expect(html).toContain('<input type="hidden" name="lang" value="fr"/>');
      expect(html).toContain('>Allemagne</a>');
      expect(html).toContain('href="/states/DEU?lang=fr"');
    });
  });
});
