import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { escapeHtml, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import { addNationalReviews, SAMPLE_REVIEWS } from './test-fixtures.ts';

type FileCycle = { id: string; name: string; compact: string; status?: string };
const file = JSON.parse(
  fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, 'review-cycles.json'), 'utf8'),
) as FileCycle[];

/** The markup from `marker` to the next `end` (or the end of `<main>`). */
function sectionFrom(html: string, marker: string, end = '</section>'): string {
  const start = html.indexOf(marker);
  expect(start, `${marker} on the page`).toBeGreaterThan(-1);
  const stop = html.indexOf(end, start + marker.length);
  return html.slice(start, stop > -1 ? stop : html.indexOf('</main>', start));
}
/** The "National reviews" part of a State's profile: from its heading to the next heading of its level. */
const profileReviews = (html: string) => sectionFrom(html, '<h2 id="national-reviews">', '<h2');

forEachEngine((engine) => {
  describe('review pages without any national review', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('/reviews says none is recorded yet, and each cycle and State page says so too', async () => {
      expect((await app.page('/reviews')).html).toContain('<p>No national review is recorded yet.</p>');
      const cycle = await app.page('/reviews/imrf-2022');
      expect(cycle.html).toContain('<p>No national review recorded for this cycle yet.</p>');
      expect(cycle.html).not.toContain('<table');
      const state = await app.page('/states/BRA');
      expect(profileReviews(state.html)).toContain('<p>No national review recorded.</p>');
    });
  });

  describe('review pages', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await addNationalReviews(app.db, SAMPLE_REVIEWS);
    });
    afterAll(() => app.close());

    it('/reviews lists the cycles of each compact as a dated list, with badges and links', async () => {
      const { status, type, html } = await app.page('/reviews');
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/html/);
      expect(html).toContain('<h1>Reviews of the compacts</h1>');
      for (const compact of ['gcm', 'gcr']) {
        const section = sectionFrom(html, `<section aria-labelledby="cycles-${compact}">`);
        const ids = [...section.matchAll(/<li id="([a-z0-9-]+)">/g)].map((m) => m[1]);
        expect(ids).toEqual(file.filter((c) => c.compact === compact).map((c) => c.id));
      }
      for (const c of file) expect(html).toContain(`<a href="/reviews/${c.id}">${escapeHtml(c.name)}</a>`);
      expect(html.match(/class="badge unverified"/g)).toHaveLength(
        file.filter((c) => c.status === 'unverified').length,
      );
      // Dates read only as precisely as the sources give them.
      expect(html).toContain('<time datetime="2026">2026</time>');
      expect(html).toContain(
        '<time datetime="2022-05-17">17 May 2022</time> – <time datetime="2022-05-20">20 May 2022</time>',
      );
      expect(html).toContain('National reviews recorded: 2 · Pledges recorded here as made at this forum: 0');
      expect(html).toContain('href="/api/v1/review-cycles"');
      expect(html).not.toContain('No national review is recorded yet.');
      expect(html).toMatch(/<a href="\/reviews" aria-current="page">Reviews<\/a>/);
    });

    it('/reviews/imrf-2022 shows the cycle, its milestone, sources, pledges link and national reviews', async () => {
      const { status, html } = await app.page('/reviews/imrf-2022');
      expect(status).toBe(200);
      expect(html).toMatch(/<h1>International Migration Review Forum 2022 <\/h1>/);
      expect(html).toContain('<a href="/timeline#imrf-2022">This event on the timeline</a>');
      expect(html).toContain('<a href="/pledges?forum=imrf-2022">0 recorded in Compact Watch</a>');
      expect(html).toContain('A/RES/73/195');
      expect(html).toContain('PDF p. 35, para. 49(b)–(c)');
      const table = sectionFrom(html, '<table class="national-reviews">');
      const rows = [...table.matchAll(/<tr id="review-([^"]+)">/g)].map((m) => m[1]);
      expect(rows).toEqual(['NR-BRA-IMRF-2022', 'NR-FRA-IMRF-2022']);
      expect(table).toContain(
        '<caption>National reviews recorded for the International Migration Review Forum 2022</caption>',
      );
      expect(table).toContain('<a href="/states/BRA">Brazil</a>');
      expect(table).toContain('<a href="https://example.org/reviews/bra-2022.pdf">');
      expect(table).toContain('<time datetime="2022-03-15">15 March 2022</time>');
      expect(table).toContain(
        '<a href="/objectives/gcm-1">GCM 1</a>, <a href="/objectives/gcm-23">GCM 23</a>',
      );
      // Synthetic records are labelled on every row.
      expect(table.match(/class="badge synthetic"/g)).toHaveLength(2);
      expect(html).toContain('href="/api/v1/national-reviews?cycle=imrf-2022&amp;format=csv&amp;limit=500"');
    });

    it('a cycle pledges cannot name has no pledges entry; a year-only cycle says its dates were not found', async () => {
      const hlom = await app.page('/reviews/hlom-2021');
      expect(hlom.status).toBe(200);
      expect(hlom.html).not.toContain('/pledges?forum=');
      expect(hlom.html).toContain('No national review recorded for this cycle yet.');
      const imrf = await app.page('/reviews/imrf-2026');
      expect(imrf.html).toContain('<time datetime="2026">2026</time> (exact dates not found)');
      expect(imrf.html).toContain('class="badge unverified"');
      const regional = await app.page('/reviews/gcm-regional-reviews-2020');
      expect(regional.html).not.toContain('This event on the timeline');
      expect(regional.html).toContain('<a href="/states/BRA">Brazil</a>');
    });

    it('answers an unknown cycle with the HTML 404 page', async () => {
      const { status, type } = await app.page('/reviews/imrf-2099');
      expect(status).toBe(404);
      expect(type).toMatch(/^text\/html/);
    });

    it("a State's profile lists its national reviews by cycle; another State shows the empty state", async () => {
      const bra = profileReviews((await app.page('/states/BRA')).html);
      const rows = [...bra.matchAll(/<tr id="review-([^"]+)">/g)].map((m) => m[1]);
      expect(rows).toEqual(['NR-BRA-IMRF-2022', 'NR-BRA-REGIONAL-2020']);
      expect(bra).toContain('<a href="/reviews/imrf-2022">International Migration Review Forum 2022</a>');
      expect(bra).toContain('<caption>National reviews of Brazil</caption>');
      expect(bra).toContain('href="/api/v1/national-reviews?iso3=BRA"');
      const che = profileReviews((await app.page('/states/CHE')).html);
      expect(che).toContain('<p>No national review recorded.</p>');
      expect(che).not.toContain('<table');
    });

    it('speaks French and Spanish, and keeps the chosen language in links', async () => {
      const fr = (await app.page('/reviews?lang=fr')).html;
      expect(fr).toContain('<h1>Examens des pactes</h1>');
      expect(fr).toContain('href="/reviews/imrf-2022?lang=fr"');
      expect(fr).toContain('17 mai 2022');
      const es = (await app.page('/reviews/grf-2023?lang=es')).html;
      expect(es).toContain('Exámenes nacionales');
      expect(es).toContain('13 de diciembre de 2023');
    });
  });
});
