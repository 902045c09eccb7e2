import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';

type Counts = { supports: number; opposes: number; abstains: number; undeclared: number };
type Change = { date: string; iso3: string; compact: string; event: { id: string } };

/** The rows of the "supporters over time" table of one compact. */
function seriesRows(page: string, compact: string): { date: string; counts: Counts }[] {
  const start = page.indexOf(`<table id="supporters-${compact}-table"`);
  expect(start, `table for ${compact}`).toBeGreaterThan(-1);
  const table = page.slice(start, page.indexOf('</table>', start));
  return [...table.matchAll(/<tr data-date="([\d-]+)">(.*?)<\/tr>/g)].map((m) => {
    const [supports, opposes, abstains, undeclared] = [...m[2]!.matchAll(/<td class="num">(\d+)<\/td>/g)].map(
      (n) => Number(n[1]),
    );
    return {
      date: m[1]!,
      counts: { supports: supports!, opposes: opposes!, abstains: abstains!, undeclared: undeclared! },
    };
  });
}

/** The event ids of the changes table, in page order. */
const changeRows = (page: string) => [...page.matchAll(/<tr data-event="([^"]+)">/g)].map((m) => m[1]!);

forEachEngine((engine) => {
  describe('GET /positions', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const apiChanges = async (query = '') =>
      (await app.json<{ data: Change[] }>(`/api/v1/positions/changes?limit=500${query}`)).body.data;

    it('gives the same figures in the table as the positions API at every step date, and in the chart', async () => {
      const { status, html } = await app.page('/positions');
      expect(status).toBe(200);
      for (const compact of ['gcm', 'gcr']) {
        const rows = seriesRows(html, compact);
        expect(rows.length).toBeGreaterThan(2);
        expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
        for (const row of rows) {
          const { body: api } = await app.json<{ meta: { counts: Counts } }>(
            `/api/v1/positions?compact=${compact}&asOf=${row.date}&limit=1`,
          );
          expect(row.counts, `${compact} on ${row.date}`).toEqual(api.meta.counts);
        }
        // The chart draws one step per row after the starting row, and ends on the last row's figures.
        const svg = /<svg class="chart"[^>]*aria-labelledby="chart-(\w+)-title"[^>]*data-steps="(\d+)"/g;
        const steps = [...html.matchAll(svg)].find((m) => m[1] === compact)?.[2];
        expect(Number(steps)).toBe(rows.length - 1);
        const last = rows.at(-1)!.counts;
        for (const [stance, label] of [
          ['supports', 'Supports'],
          ['opposes', 'Opposes'],
          ['abstains', 'Abstains'],
        ] as const) {
          expect(html).toContain(`>${label}: ${last[stance]}</text>`);
        }
      }
    });

    it('has a chart that is an image with a title and a description, and a feed link in the head', async () => {
      const { html } = await app.page('/positions');
      expect(html).toMatch(
        /<svg class="chart" role="img" aria-labelledby="chart-gcm-title" aria-describedby="chart-gcm-desc"/,
      );
      expect(html).toMatch(
        /<title id="chart-gcm-title">Migration compact \(GCM\): number of States by stance/,
      );
      expect(html).toContain('<desc id="chart-gcm-desc">Step chart');
      expect(html).toMatch(
        /<head>.*<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/positions.atom"/s,
      );
    });

    it('lists the same changes as the API, in the same order, with and without a filter', async () => {
      const all = await apiChanges();
      const { html } = await app.page('/positions');
      expect(changeRows(html)).toEqual(all.map((c) => c.event.id));
      expect(html).toContain(`Changes of stance (${all.length})`);
      const brazil = all.find((c) => c.event.id === 'bra-gcm-2019-01-08')!;
      expect(brazil).toBeDefined();
      expect(html).toMatch(
        /<tr data-event="bra-gcm-2019-01-08">.*?<a href="\/states\/BRA">Brazil<\/a>.*?Supports → Opposes.*?<\/tr>/,
      );

      const query = '&compact=gcm&from=2019-01-01&to=2024-12-31';
      const filtered = await apiChanges(query);
      expect(filtered.length).toBeGreaterThan(0);
      const res = await app.page(`/positions?compact=gcm&from=2019-01-01&to=2024-12-31`);
      expect(res.status).toBe(200);
      expect(changeRows(res.html)).toEqual(filtered.map((c) => c.event.id));
      expect(res.html).toContain(
        'href="/api/v1/positions/changes?compact=gcm&amp;from=2019-01-01&amp;to=2024-12-31&amp;limit=500"',
      );
      expect(res.html).toContain('format=csv');
      // The month-precision change reads as a month.
      expect(res.html).toContain('<time datetime="2021-12">December 2021</time>');
    });

    it('answers 400 with the message next to the field for an invalid filter', async () => {
      for (const [query, field] of [
        ['from=2019-02-30', 'changes-from'],
        ['to=tomorrow', 'changes-to'],
        ['from=2020-01-01&to=2019-01-01', 'changes-from'],
        ['compact=xyz', 'changes-compact'],
      ] as const) {
        const res = await app.page(`/positions?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.html).toMatch(
          new RegExp(`id="${field}"[^>]*aria-invalid="true" aria-describedby="${field}-error"`),
        );
        expect(res.html).toContain(`<p class="field-error" id="${field}-error">`);
        expect(res.html).toContain(`<a href="#${field}">`);
        expect(changeRows(res.html)).toEqual([]);
      }
    });

    it('compares States side by side', async () => {
      const res = await app.page('/positions?compare=BRA&compare=usa&compare=');
      expect(res.status).toBe(200);
      const start = res.html.indexOf('<table class="compare">');
      expect(start).toBeGreaterThan(-1);
      const table = res.html.slice(start, res.html.indexOf('</table>', start));
      expect([...table.matchAll(/<th scope="col"><a href="\/states\/(\w+)">/g)].map((m) => m[1])).toEqual([
        'BRA',
        'USA',
      ]);
      expect(table).toContain('Supports since 5 January 2023');
      expect(table).toContain('Supports since December 2021');
      expect(table).toContain('New government dissociates Brazil from the GCM');
      // The form keeps the choice.
      expect(res.html).toMatch(/<select id="compare-1" name="compare">.*?<option value="BRA" selected="">/s);
      expect(res.html).toMatch(/<select id="compare-2" name="compare">.*?<option value="USA" selected="">/s);
    });

    it('answers 400 for more than three States or an unknown code, tied to the field', async () => {
      const four = await app.page('/positions?compare=BRA&compare=USA&compare=CHE&compare=DOM');
      expect(four.status).toBe(400);
      expect(four.html).toContain('<title>Error: State positions over time');
      expect(four.html).toContain('<fieldset id="compare" aria-describedby="compare-error">');
      expect(four.html).toContain(
        '<p class="field-error" id="compare-error">Choose at most three States; 4 were given.</p>',
      );
      expect(four.html).not.toContain('<table class="compare">');

      const unknown = await app.page('/positions?compare=BRA&compare=XXX');
      expect(unknown.status).toBe(400);
      expect(unknown.html).toContain(
        '<select id="compare-2" name="compare" aria-invalid="true" aria-describedby="compare-2-error">',
      );
      expect(unknown.html).toContain('“XXX” is not a State code we know.');
    });

    it('states the rules in plain words, and translates headings and labels', async () => {
      const { html } = await app.page('/positions');
      expect(html).toContain('How stances are derived');
      expect(html).toContain('a State is undeclared');
      expect(html).toContain('counts from the first day of that month or year');
      expect(html).toContain('an absence from a vote never erases a stance declared earlier');
      expect(html).toContain(
        'statements and announcements, then government decisions, then parliamentary decisions, then recorded votes',
      );
      const fr = await app.page('/positions?lang=fr');
      expect(fr.html).toContain('Comparer des États');
      expect(fr.html).toContain('<input type="hidden" name="lang" value="fr"/>');
      expect(fr.html).toContain('Soutient');
    });
  });
});
