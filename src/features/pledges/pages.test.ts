/**
 * The pledge pages on both engines: the explorer (form, counts, results,
 * empty states, paging), one pledge, the actors, and the pledge sections of
 * the objective and State pages. The explorer's total and rows must equal
 * the API's for the same filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { todayIso } from '../../http/params.ts';

/** The explorer's total, read from its results heading. */
function shownTotal(html: string): number {
  const m = /<h2 id="results-h">(\d[\d,]*) pledges? match(?:es)?<\/h2>/.exec(html);
  expect(m, 'results heading').not.toBeNull();
  return Number(m![1]!.replace(/,/g, ''));
}

/** The pledge ids of the results table, in order. */
function shownIds(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="\/pledges\/([^"]+)">/g)].map((m) =>
    decodeURIComponent(m[1]!),
  );
}

/** The markup of one section, from its heading to the next heading of its level (or the end of main). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<h2 id="${id}-h">`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  const next = html.indexOf('<h2', start + 1);
  return html.slice(start, next > -1 ? next : html.indexOf('</main>', start));
}

forEachEngine((engine) => {
  describe('pledge pages', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
    });
    afterAll(() => app.close());

    it.each([
      '',
      '?compact=gcr',
      '?compact=gcr&flag=overdue',
      '?flag=stale&flag=noTargetDate',
      '?region=002&region=019&actorType=state',
      '?q=refugee',
      '?actor=KEN',
      '?place=KEN&status=in_progress',
      '?compact=gcm&region=002',
    ])('/pledges%s shows the same total and rows as the API', async (query) => {
      const { status, html } = await app.page(`/pledges${query}`);
      expect(status).toBe(200);
      const params = new URLSearchParams(query);
      const api = new URLSearchParams();
      for (const key of new Set(params.keys())) api.set(key, params.getAll(key).join(','));
      const { body } = await app.json<{ data: { id: string }[]; meta: { total: number } }>(
        `/api/v1/pledges?${api}&limit=50`,
      );
      expect(shownTotal(html)).toBe(body.meta.total);
      expect(shownIds(html)).toEqual(body.data.map((p) => p.id));
    });

    it('offers a GET form with a search box and checkbox groups with counts, ticked as asked', async () => {
      const { html } = await app.page('/pledges?compact=gcr&flag=overdue');
      expect(html).toContain('<form method="get" action="/pledges"');
      expect(html).toMatch(/<label for="pledges-q">Search words<\/label>/);
      // Ticked boxes stay ticked; their group is open; counts are disjunctive.
      expect(html).toMatch(
        /<input type="checkbox" id="f-compact-gcr" name="compact" value="gcr" checked=""\/>/,
      );
      expect(html).toMatch(
        /<input type="checkbox" id="f-flag-overdue" name="flag" value="overdue" checked=""\/>/,
      );
      expect(html).toMatch(/<label for="f-compact-gcm">GCM <span class="count">\(1\)<\/span><\/label>/);
      expect(html).toMatch(/<label for="f-flag-stale">Stale <span class="count">\(2\)<\/span><\/label>/);
      expect(html).toMatch(/<details class="facet" open="">\s*<summary>Compact \(1 selected\)<\/summary>/);
      expect(html).toMatch(/<details class="facet">\s*<summary>Objective<\/summary>/);
      // The CSV and JSON of the same selection.
      expect(html).toContain(
        'href="/api/v1/pledges?compact=gcr&amp;flag=overdue&amp;limit=500&amp;format=csv"',
      );
      expect(html).toContain('href="/api/v1/pledges?compact=gcr&amp;flag=overdue"');
      // Each active filter has a link that removes it.
      expect(html).toContain('href="/pledges?flag=overdue" aria-label="Remove the filter Compact: GCR"');
      expect(html).toContain('href="/pledges?compact=gcr" aria-label="Remove the filter Flags: Overdue"');
    });

    it('shows flags as text badges and links each row to the pledge, its actor and objectives', async () => {
      const { html } = await app.page('/pledges?actor=KEN');
      const row = html.slice(
        html.indexOf('href="/pledges/P-01"'),
        html.indexOf('</tr>', html.indexOf('href="/pledges/P-01"')),
      );
      expect(row).toContain('<a href="/actors/KEN">Kenya</a>');
      expect(row).toContain('<a href="/objectives/gcr-1">GCR 1</a>, <a href="/objectives/gcr-2">GCR 2</a>');
      expect(row).toContain('<span class="badge flag alert">Overdue</span>');
      expect(row).toContain('<span class="badge flag alert">Stale</span>');
      expect(row).toContain('In progress');
    });

    it('says when nothing matches, with links that remove each filter', async () => {
      const { html } = await app.page('/pledges?compact=gcm&region=002');
      expect(shownTotal(html)).toBe(0);
      expect(html).toContain('No pledges match; remove a filter.');
      expect(html).toContain('href="/pledges?region=002"');
      expect(html).toContain('href="/pledges?compact=gcm"');
      expect(html).not.toContain('<table class="pledges">');
    });

    it('pages with the cursor of the API and links back to the first page', async () => {
      const first = (await app.json<{ page: { nextCursor: string } }>('/api/v1/pledges?limit=3')).body;
      const { html } = await app.page(`/pledges?cursor=${first.page.nextCursor}`);
      expect(shownIds(html)).toEqual(['P-07', 'P-03', 'P-06', 'P-01', 'P-02', 'P-05']);
      expect(shownTotal(html)).toBe(9);
      expect(html).toContain('<a href="/pledges">First page</a>');
      expect(html).not.toContain('rel="next"');
    });

    it('answers a bad filter value or cursor with a 400 page that says what is wrong', async () => {
      const bad = await app.page('/pledges?compact=xyz');
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('compact: unknown value &quot;xyz&quot;; must be one of gcm, gcr');
      expect((await app.page('/pledges?cursor=zzz')).status).toBe(400);
    });

    it('keeps the chosen language in the form and the links', async () => {
      const { html } = await app.page('/pledges?lang=fr&compact=gcr');
      expect(html).toContain('<h1>Engagements</h1>');
      expect(html).toContain('<input type="hidden" name="lang" value="fr"/>');
      expect(html).toContain('href="/pledges/P-08?lang=fr"');
    });

    it('/pledges/P-01: every field, flags in words, history in date order, matches, links to JSON and CSV', async () => {
      const { status, html } = await app.page('/pledges/P-01');
      expect(status).toBe(200);
      expect(html).toContain('<h1>Inclusion of refugees in national health insurance</h1>');
      expect(html).toContain('<code>P-01</code>');
      expect(html).toContain('<a href="/actors/KEN">Kenya</a> (State)');
      expect(html).toContain('<a href="/objectives/gcr-1">GCR 1: ');
      expect(html).toContain('Global Refugee Forum 2019');
      expect(html).toContain('<li><a href="/states/KEN">Kenya</a></li>');
      expect(html).toContain('<time datetime="2021-12-31">31 December 2021</time>');
      expect(html).toContain('The target date has passed and the latest reported status is not fulfilled.');
      expect(html).toContain('nothing has been reported for 12 months or more');
      const update = html.indexOf('id="update-U-01"');
      const assessment = html.indexOf('id="assessment-A-02"');
      expect(update).toBeGreaterThan(-1);
      expect(assessment).toBeGreaterThan(update);
      expect(html).toContain('Progress update: In progress');
      expect(html).toContain('Independent assessment by Independent Monitor: Not fulfilled');
      expect(html).toContain('<a href="https://example.org/report/u-01">https://example.org/report/u-01</a>');
      expect(html).toContain(
        '<a href="/pledges/P-02">Education for refugee children in Africa</a> (Germany) — an offer that meets this pledge (recorded on the other pledge)',
      );
      expect(html).toContain('<a href="https://example.org/grf/p-01">https://example.org/grf/p-01</a>');
      expect(html).toContain('href="/api/v1/pledges/P-01"');
      expect(html).toContain('href="/api/v1/pledges/P-01/updates?format=csv&amp;limit=500"');
    });

    it('/pledges/P-05 says what it leaves out, and an unknown pledge is a 404 page', async () => {
      const { html } = await app.page('/pledges/P-05');
      for (const text of [
        'The pledge gives no date by which it will be met.',
        'The pledge states neither an amount of money nor a quantity.',
        'The pledge names no country or region it is meant to benefit.',
        'The pledge is not linked to any objective of the compacts.',
        'No progress update or assessment yet.',
      ]) {
        expect(html).toContain(text);
      }
      const missing = await app.page('/pledges/P-404');
      expect(missing.status).toBe(404);
      expect(missing.html).toContain('No pledge with id &quot;P-404&quot;.');
    });

    it('/actors lists States and other actors with a type filter and pledge counts', async () => {
      const all = await app.page('/actors');
      expect(all.status).toBe(200);
      expect(all.html).toContain('<a href="/actors/KEN">Kenya</a>');
      const civil = await app.page('/actors?type=civil_society');
      expect(civil.html).toContain('<option value="civil_society" selected="">Civil society</option>');
      expect(civil.html).toContain('<a href="/actors/refugee-council">Refugee Council Network</a>');
      expect(civil.html).not.toContain('href="/actors/KEN"');
      expect(civil.html).toContain('<a href="/pledges?actor=refugee-council">1</a>');
    });

    it('/actors/:id shows the actor, its pledges and the pledges it is a partner in', async () => {
      const ken = await app.page('/actors/KEN');
      expect(ken.html).toContain('<a href="/states/KEN">KEN</a>');
      expect(shownIds(ken.html)).toEqual(['P-08', 'P-01']);
      const council = await app.page('/actors/refugee-council');
      expect(council.html).toContain('Partner in other actors’ pledges (1)');
      expect(shownIds(council.html)).toEqual(['P-03', 'P-04']);
      expect((await app.page('/actors/nobody')).status).toBe(404);
    });

    it('/objectives/gcr-1 lists the pledges serving it, with a link to the explorer', async () => {
      const { html } = await app.page('/objectives/gcr-1');
      const s = section(html, 'pledges');
      expect(s).toContain('Pledges serving this objective (2)');
      expect(shownIds(s)).toEqual(['P-08', 'P-01']);
      expect(s).toContain('<a href="/pledges?objective=gcr-1">All 2 in the pledge explorer</a>');
    });

    it('/states/KEN lists pledges by Kenya and pledges benefiting Kenya', async () => {
      const { html } = await app.page('/states/KEN');
      const by = section(html, 'pledges-by');
      expect(by).toContain('Pledges by this State (2)');
      expect(shownIds(by)).toEqual(['P-08', 'P-01']);
      expect(by).toContain('href="/pledges?actor=KEN"');
      const forKen = section(html, 'pledges-for');
      expect(forKen).toContain('Pledges benefiting this State (2)');
      expect(shownIds(forKen)).toEqual(['P-07', 'P-01']);
      const fra = await app.page('/states/FRA');
      expect(section(fra.html, 'pledges-by')).toContain('None recorded.');
    });
  });

  describe('pledge pages with an empty registry', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('/pledges explains how records get in', async () => {
      const { status, html } = await app.page('/pledges');
      expect(status).toBe(200);
      expect(html).toContain('No pledges recorded yet');
      expect(html).toContain('npx compact-watch import');
      expect(html).not.toContain('<form method="get" action="/pledges"');
    });

    it('objective and State pages say that none is recorded', async () => {
      expect(section((await app.page('/objectives/gcm-1')).html, 'pledges')).toContain(
        'Pledges serving this objective (0)',
      );
      expect(section((await app.page('/states/BRA')).html, 'pledges-for')).toContain('None recorded.');
    });
  });
});
