/**
 * The analysis on both engines over a small registry whose every figure is
 * worked out by hand (`test-fixtures.ts`): the API's numbers equal the hand
 * numbers, the CSV twin's equal the API's, and the numbers written in the
 * pages' tables equal the API's. The database's own GROUP BY gives the same
 * cells as the in-memory count, and a heat-map cell equals the explorer's
 * count for the same choices.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { expectProblem, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { COVERAGE_DIMENSIONS } from '../../domain/coverage.ts';
import { todayIso } from '../../http/params.ts';
import { stanceSeries } from '../positions/service.ts';
import { formatShare } from './components.tsx';
import { sqlCoverageCells } from './repository.ts';
import { coverageAnalysis } from './service.ts';
import { loadAnalysisFixture, shiftDays } from './test-fixtures.ts';

type Row = Record<string, unknown>;
type Answer = { data: Row[]; page: { nextCursor: string | null }; meta: Record<string, unknown> };

const today = todayIso();
const recentYear = Number(shiftDays(today, -10).slice(0, 4));
const thisYear = Number(today.slice(0, 4));

/** The markup from `marker` to the next `end`. */
function slice(html: string, marker: string, end = '</table>'): string {
  const start = html.indexOf(marker);
  expect(start, `${marker} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(end, start));
}

/** Text of every `<td>` carrying `attr`, by the attribute's value (tags inside stripped). */
function tdsBy(html: string, attr: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(new RegExp(`<td[^>]*\\s${attr}="([^"]+)"[^>]*>(.*?)</td>`, 'gs'))) {
    out.set(m[1]!, m[2]!.replace(/<[^>]+>/g, '').trim());
  }
  return out;
}

/** Per table row (`<tr data-…>`), the text of each `data-field` cell. */
function rowsBy(html: string, rowAttrs: string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const tr of html.matchAll(/<tr([^>]*)>(.*?)<\/tr>/gs)) {
    const attrs = tr[1]!;
    const key = rowAttrs.map((a) => new RegExp(`${a}="([^"]+)"`).exec(attrs)?.[1]);
    if (key.some((k) => k === undefined)) continue;
    const fields: Record<string, string> = {};
    for (const td of tr[2]!.matchAll(/<td[^>]*data-field="([^"]+)"[^>]*>(.*?)<\/td>/gs)) {
      fields[td[1]!] = td[2]!.replace(/<[^>]+>/g, '').trim();
    }
    out.set(key.join(' '), fields);
  }
  return out;
}

/** A CSV cell as the API's value would be written. */
const csvValue = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const pct = (share: unknown) => formatShare(share as number | null, 'en');

forEachEngine((engine) => {
  describe('analysis over the hand-computed registry', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadAnalysisFixture(app.db, today);
    });
    afterAll(() => app.close());

    const coverage = async (query: string) => {
      const { status, body } = await app.json<Answer>(`/api/v1/analysis/coverage?limit=500&${query}`);
      expect(status, query).toBe(200);
      return body;
    };
    const cellOf = (body: Answer, objective: string, key: string) =>
      body.data.find((c) => c.objective === objective && c.key === key);

    describe('coverage and gaps: the API gives the hand-computed figures', () => {
      it('by region, no filter', async () => {
        const body = await coverage('by=region');
        expect(body.meta.total).toEqual({
          pledges: 10,
          fulfilled: 2,
          overdue: 3,
          stale: 4,
          fulfilledShare: 0.2,
          overdueShare: 0.3,
          staleShare: 0.4,
        });
        expect(body.meta).toMatchObject({ withObjective: 9, undated: 2, undatedExcluded: 0 });
        expect(body.data).toHaveLength(27 * 7); // every objective × 5 regions, global, none
        expect(cellOf(body, 'gcm-5', '002')).toMatchObject({ pledges: 1, overdue: 0 });
        expect(cellOf(body, 'gcm-5', '019')).toMatchObject({
          pledges: 1,
          overdue: 1,
          stale: 1,
          overdueShare: 1,
        });
        expect(cellOf(body, 'gcm-5', '150')).toMatchObject({ pledges: 1 });
        expect(cellOf(body, 'gcm-5', '142')).toMatchObject({ pledges: 0, fulfilledShare: null });
        expect(cellOf(body, 'gcr-1', '002')).toMatchObject({
          pledges: 2,
          overdue: 1,
          stale: 2,
          staleShare: 1,
        });
        expect(cellOf(body, 'gcm-20', 'global')).toMatchObject({ pledges: 1, fulfilled: 1 });
        expect(cellOf(body, 'gcm-1', '019')).toMatchObject({ pledges: 1, fulfilled: 1, fulfilledShare: 1 });
        const orphans = body.meta.orphans as { objectives: string[]; regions: string[] };
        expect(orphans.regions).toEqual(['009']);
        expect(orphans.objectives).toEqual(
          [3, 4, 7, 8, 9, 10, 12, 13, 14, 15, 18, 19, 21, 22, 23].map((n) => `gcm-${n}`),
        );
        expect(body.meta.belowMedian).toEqual([
          { objective: 'gcm-7', category: 'wmr2020-3', pledges: 0, median: 0.5, ratio: 0 },
          { objective: 'gcm-19', category: 'wmr2020-3', pledges: 0, median: 0.5, ratio: 0 },
          { objective: 'gcm-23', category: 'wmr2020-3', pledges: 0, median: 0.5, ratio: 0 },
        ]);
        const objectives = new Map((body.meta.objectives as Row[]).map((o) => [o.objective, o]));
        expect(objectives.get('gcm-5')).toMatchObject({
          pledges: 2,
          overdue: 1,
          stale: 1,
          categoryMedian: 0,
        });
        expect(objectives.get('gcr-1')).toMatchObject({ pledges: 2, category: null, categoryMedian: null });
        expect(objectives.get('gcm-16')).toMatchObject({ pledges: 1, categoryMedian: 0.5, ratioToMedian: 2 });
        const keys = await coverage('by=region&table=keys');
        expect(keys.data.map((k) => [k.key, k.pledges, k.overdue, k.stale])).toEqual([
          ['002', 4, 1, 2],
          ['009', 0, 0, 0],
          ['019', 2, 1, 1],
          ['142', 1, 0, 0],
          ['150', 2, 1, 1],
          ['global', 1, 0, 0],
          ['none', 1, 0, 0],
        ]);
        const categories = await coverage('table=categories');
        expect(
          categories.data.map((c) => [
            c.category,
            c.objectives,
            c.pledges,
            c.fulfilled,
            c.overdue,
            c.medianObjectivePledges,
          ]),
        ).toEqual([
          ['wmr2020-1', 11, 2, 2, 0, 0],
          ['wmr2020-2', 6, 2, 0, 1, 0],
          ['wmr2020-3', 6, 2, 0, 1, 0.5],
        ]);
      });

      it('by actor type, category and compact', async () => {
        const totals = async (by: string) =>
          Object.fromEntries((await coverage(`by=${by}&table=keys`)).data.map((k) => [k.key, k.pledges]));
        expect(await totals('actorType')).toMatchObject({
          state: 5,
          civil_society: 2,
          private_sector: 2,
          local_authority: 1,
          un_entity: 0,
        });
        expect(await totals('category')).toEqual({ 'wmr2020-1': 2, 'wmr2020-2': 2, 'wmr2020-3': 2, none: 4 });
        expect(await totals('compact')).toEqual({ gcm: 7, gcr: 4 });
        const byCategory = await coverage('by=category');
        expect(byCategory.data).toHaveLength(27); // one cell per objective, under its own category
        expect(cellOf(byCategory, 'gcm-5', 'wmr2020-2')).toMatchObject({ pledges: 2 });
        expect(cellOf(byCategory, 'gcr-1', 'none')).toMatchObject({ pledges: 2 });
        const byCompact = await coverage('by=compact');
        expect(cellOf(byCompact, 'gcm-20', 'gcr')).toMatchObject({ pledges: 1, fulfilled: 1 });
        expect(cellOf(byCompact, 'gcr-1', 'gcm')).toMatchObject({ pledges: 0 });
        const byActor = await coverage('by=actorType');
        expect(cellOf(byActor, 'gcm-5', 'state')).toMatchObject({ pledges: 1, overdue: 1 });
        expect(cellOf(byActor, 'gcm-5', 'civil_society')).toMatchObject({ pledges: 1, overdue: 0 });
      });

      it('with a date range and with a region', async () => {
        const ranged = await coverage('from=2020-01-01&to=2023-12-31');
        expect(ranged.meta).toMatchObject({
          total: { pledges: 6, fulfilled: 2, overdue: 2, stale: 3 },
          undated: 0,
          undatedExcluded: 2,
          filter: { from: '2020-01-01', to: '2023-12-31', region: null },
        });
        expect((ranged.meta.orphans as { regions: string[] }).regions).toEqual(['009', '142']);
        expect(cellOf(ranged, 'gcr-1', '002')).toMatchObject({ pledges: 1 }); // A10 only; A1 is from 2019
        const africa = await coverage('region=002&by=actorType');
        expect(africa.meta).toMatchObject({ total: { pledges: 4, fulfilled: 0, overdue: 1, stale: 2 } });
        expect(cellOf(africa, 'gcr-1', 'state')).toMatchObject({ pledges: 2 });
        const global = await coverage('region=global');
        expect(global.meta).toMatchObject({ total: { pledges: 1, fulfilled: 1 } });
      });

      it.each([
        ['by=country', 'by'],
        ['table=everything', 'table'],
        ['from=2019-02-30', 'from'],
        ['to=yesterday', 'to'],
        ['from=2024-01-01&to=2023-01-01', 'from'],
        ['region=999', 'region'],
        ['limit=0', 'limit'],
      ])('refuses %s with a 400 naming %s', async (query, location) => {
        await expectProblem(
          await app.request(`/api/v1/analysis/coverage?${query}`),
          400,
          'invalid_input',
          location,
        );
      });
    });

    it('the CSV twin of every coverage table carries the JSON figures', async () => {
      for (const by of COVERAGE_DIMENSIONS) {
        for (const table of ['cells', 'objectives', 'keys', 'categories', 'regions']) {
          const query = `by=${by}&table=${table}&from=2019-01-01`;
          const json = await coverage(query);
          const res = await app.request(`/api/v1/analysis/coverage?limit=500&${query}&format=csv`);
          expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
          const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
          expect(rows, query).toEqual(
            json.data.map((r) => Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, csvValue(r[k])]))),
          );
          expect(Object.keys(rows[0]!).sort()).toEqual(
            Object.keys(json.data[0]!)
              .filter((k) => k !== 'name' || table === 'categories')
              .sort(),
          );
        }
      }
    });

    it('the database’s own GROUP BY gives the same cells as the in-memory count', async () => {
      const filters = [{}, { from: '2020-01-01', to: '2023-12-31' }, { region: '002' }, { region: 'global' }];
      for (const by of COVERAGE_DIMENSIONS) {
        for (const filter of filters) {
          const memory = (await coverageAnalysis(app.db, by, filter, today)).analysis.cells
            .filter((c) => c.pledges > 0)
            .map(({ objective, key, pledges, fulfilled, overdue, stale }) => ({
              objective,
              key,
              pledges,
              fulfilled,
              overdue,
              stale,
            }));
          const fromSql = await sqlCoverageCells(app.db, by, filter, today);
          const order = (a: { objective: string; key: string }, b: { objective: string; key: string }) =>
            `${a.objective} ${a.key}` < `${b.objective} ${b.key}` ? -1 : 1;
          expect(fromSql.sort(order), `${by} ${JSON.stringify(filter)}`).toEqual(memory.sort(order));
        }
      }
    });

    describe('/analysis shows the API’s figures', () => {
      it.each(COVERAGE_DIMENSIONS.map((by) => [by]))(
        'by=%s: heat-map table, totals, objectives, categories',
        async (by) => {
          const { status, html } = await app.page(`/analysis?by=${by}`);
          expect(status).toBe(200);
          const api = await coverage(`by=${by}`);
          const table = slice(html, '<table id="coverage-table"');
          const cells = tdsBy(table, 'data-cell');
          expect(cells.size).toBe(api.data.length);
          for (const c of api.data)
            expect(cells.get(`${c.objective} ${c.key}`), `${c.objective} ${c.key}`).toBe(String(c.pledges));
          const totals = tdsBy(table, 'data-total');
          for (const o of api.meta.objectives as Row[])
            expect(totals.get(o.objective as string)).toBe(String(o.pledges));
          const keys = (await coverage(`by=${by}&table=keys`)).data;
          const keyTotals = tdsBy(table, 'data-key-total');
          for (const k of keys)
            expect(keyTotals.get(k.key as string), k.key as string).toBe(String(k.pledges));
          // The heat map writes the same counts in its cells.
          for (const c of api.data) {
            expect(html).toContain(`<g data-cell="${c.objective} ${c.key}">`);
          }
          const svgCell = /<g data-cell="gcr-1 ([^"]+)"><rect[^>]*><\/rect><text[^>]*>(\d+)<\/text>/g;
          for (const m of html.matchAll(svgCell))
            expect(m[2]).toBe(String(cellOf(api, 'gcr-1', m[1]!)!.pledges));

          const objectives = rowsBy(slice(html, '<table id="objectives-table"'), ['data-objective']);
          for (const o of api.meta.objectives as Row[]) {
            expect(objectives.get(o.objective as string)).toMatchObject({
              pledges: String(o.pledges),
              fulfilledShare: pct(o.fulfilledShare),
              overdueShare: pct(o.overdueShare),
              staleShare: pct(o.staleShare),
              categoryMedian: o.categoryMedian === null ? '—' : String(o.categoryMedian),
            });
          }
          const categories = rowsBy(slice(html, '<table id="categories-table"'), ['data-category']);
          for (const c of api.meta.categories as Row[]) {
            expect(categories.get(c.category as string)).toMatchObject({
              pledges: String(c.pledges),
              objectives: String(c.objectives),
              fulfilledShare: pct(c.fulfilledShare),
            });
          }
          const total = api.meta.total as Row;
          expect(html).toContain(`<dd data-figure="pledges">${total.pledges}</dd>`);
          expect(html).toContain(`<dd data-figure="fulfilledShare">${pct(total.fulfilledShare)}</dd>`);
          expect(html).toContain(`<dd data-figure="staleShare">${pct(total.staleShare)}</dd>`);
        },
      );

      it('lists the orphans and the objectives far below, as the API does', async () => {
        const all = await app.page('/analysis');
        const below = rowsBy(slice(all.html, '<table id="below-table"'), ['data-objective']);
        const belowApi = (await coverage('')).meta.belowMedian as Row[];
        expect([...below.keys()]).toEqual(['gcm-7', 'gcm-19', 'gcm-23']);
        expect([...below.keys()]).toEqual(belowApi.map((b) => b.objective));
        expect(below.get('gcm-19')).toEqual({ pledges: '0', median: '0.5', ratio: pct(0) });
        const { html } = await app.page('/analysis?from=2020-01-01&to=2023-12-31');
        const api = await coverage('from=2020-01-01&to=2023-12-31');
        const orphans = api.meta.orphans as { objectives: string[]; regions: string[] };
        const listed = (id: string, attr: string) =>
          [...slice(html, `<ul id="${id}"`, '</ul>').matchAll(new RegExp(`${attr}="([^"]+)"`, 'g'))].map(
            (m) => m[1],
          );
        expect(listed('orphan-objectives', 'data-objective')).toEqual(orphans.objectives);
        expect(listed('orphan-regions', 'data-region')).toEqual(['009', '142']);
        expect(html).toContain('<li data-region="142">Asia</li>');
        // Within the range, category 3's median is 0: nothing is far below.
        expect(api.meta.belowMedian).toEqual([]);
        expect(html).not.toContain('<table id="below-table"');
        expect(html).toContain('left out: 2.');
        expect(html).toContain('<dd data-figure="pledges">6</dd>');
      });

      it('links a cell to the explorer, which counts the same pledges', async () => {
        const { html } = await app.page('/analysis?by=actorType&region=002');
        const links = [
          ...slice(html, '<table id="coverage-table"').matchAll(
            /data-cell="([^"]+)"><a href="([^"]+)">(\d+)<\/a>/g,
          ),
        ];
        expect(links.length).toBeGreaterThan(3);
        for (const [, cell, href, n] of links) {
          const url = new URL(href!.replace(/&amp;/g, '&'), 'http://x');
          const { body } = await app.json<{ meta: { total: number } }>(`/api/v1/pledges${url.search}`);
          expect(body.meta.total, cell).toBe(Number(n));
        }
        // No explorer link under a date range: the explorer has none.
        const ranged = await app.page('/analysis?from=2019-01-01');
        expect(slice(ranged.html, '<table id="coverage-table"')).not.toContain('href="/pledges');
      });

      it('answers a bad filter with 400, the form again and the error beside its field', async () => {
        const { status, html } = await app.page('/analysis?by=country&from=2019-13-01&region=999');
        expect(status).toBe(400);
        expect(html).toContain('<div class="notice error-summary" role="alert"');
        expect(html).toContain(
          '<a href="#analysis-from">Announced from: Enter a date as YYYY-MM-DD, e.g. 2019-12-17.</a>',
        );
        expect(html).toContain('<a href="#analysis-region">Region: Choose one of the listed regions.</a>');
        expect(html).toContain(
          '<a href="#analysis-by">Objectives crossed with: Choose one of the listed dimensions.</a>',
        );
        expect(html).toMatch(
          /<input type="date" id="analysis-from" name="from" value="2019-13-01" aria-invalid="true" aria-describedby="analysis-from-error"/,
        );
        expect(html).not.toContain('id="coverage-table"');
        const range = await app.page('/analysis/categories?from=2024-01-01&to=2023-01-01');
        expect(range.status).toBe(400);
        expect(range.html).toContain('Announced from: The start date is after the end date.');
        expect((await app.page('/analysis/support?region=global')).status).toBe(400);
      });

      it('marks Analysis as the current page in the navigation', async () => {
        const { html } = await app.page('/analysis/support');
        expect(html).toMatch(/<a href="\/analysis" aria-current="page">Analysis<\/a>/);
      });
    });

    describe('the category lens', () => {
      const lens = async (query = '') => {
        const { status, body } = await app.json<Answer>(`/api/v1/analysis/categories?limit=500${query}`);
        expect(status).toBe(200);
        return body;
      };
      const point = (body: Answer, category: string, year: number) =>
        body.data.find((p) => p.category === category && p.year === year);

      it('gives the hand-computed figures', async () => {
        const body = await lens();
        const years = Array.from({ length: thisYear - 2019 }, (_, i) => 2020 + i);
        expect(body.meta).toMatchObject({ years, undated: 1 });
        expect(body.data).toHaveLength(3 * years.length);
        expect(point(body, 'wmr2020-1', 2022)).toMatchObject({
          announced: 1,
          cumulative: 1,
          updates: 1,
          reporting: 1,
          fulfilled: 1,
          fulfilledShare: 1,
        });
        expect(point(body, 'wmr2020-1', 2023)).toMatchObject({
          announced: 1,
          cumulative: 2,
          updates: 0,
          fulfilled: 1,
          fulfilledShare: 0.5,
        });
        expect(point(body, 'wmr2020-1', 2024)).toMatchObject({
          cumulative: 2,
          updates: 2,
          reporting: 1,
          fulfilled: 2,
          fulfilledShare: 1,
        });
        expect(point(body, 'wmr2020-2', 2020)).toMatchObject({ announced: 1, cumulative: 1, fulfilled: 0 });
        expect(point(body, 'wmr2020-2', 2023)).toMatchObject({
          cumulative: 2,
          updates: 1,
          reporting: 1,
          fulfilled: 0,
        });
        expect(point(body, 'wmr2020-2', recentYear)).toMatchObject({
          updates: 1,
          reporting: 1,
          reportingShare: 0.5,
        });
        expect(point(body, 'wmr2020-3', 2020)).toMatchObject({ cumulative: 0, fulfilledShare: null });
        expect(point(body, 'wmr2020-3', thisYear)).toMatchObject({
          cumulative: 1,
          updates: 0,
          fulfilled: 0,
          fulfilledShare: 0,
        });
        const later = await lens('&from=2022-01-01&region=019');
        expect(later.meta).toMatchObject({ years: years.filter((y) => y >= 2022), undated: 0 });
        expect(point(later, 'wmr2020-1', thisYear)).toMatchObject({ cumulative: 1, fulfilled: 1 }); // A3
        expect(point(later, 'wmr2020-2', thisYear)).toMatchObject({ cumulative: 1, fulfilled: 0 }); // A6
      });

      it('has a CSV twin and a page with the same figures', async () => {
        const body = await lens();
        const csv = parse(
          await (await app.request('/api/v1/analysis/categories?limit=500&format=csv')).text(),
          {
            columns: true,
          },
        ) as Record<string, string>[];
        expect(csv).toEqual(
          body.data.map((r) => Object.fromEntries(Object.keys(csv[0]!).map((k) => [k, csvValue(r[k])]))),
        );
        const { status, html } = await app.page('/analysis/categories');
        expect(status).toBe(200);
        const rows = rowsBy(slice(html, '<table id="lens-table"'), ['data-category', 'data-year']);
        expect(rows.size).toBe(body.data.length);
        for (const p of body.data) {
          expect(rows.get(`${p.category} ${p.year}`)).toEqual({
            announced: String(p.announced),
            cumulative: String(p.cumulative),
            updates: String(p.updates),
            reporting: String(p.reporting),
            reportingShare: pct(p.reportingShare),
            fulfilled: String(p.fulfilled),
            fulfilledShare: pct(p.fulfilledShare),
          });
        }
        expect(html).toContain('<svg class="chart" role="img" aria-labelledby="lens-chart-title"');
      });
    });

    describe('support', () => {
      const support = async (query = '') => {
        const { status, body } = await app.json<Answer>(`/api/v1/analysis/support?limit=500${query}`);
        expect(status).toBe(200);
        return body;
      };

      it('without a region or start, the series is the positions service’s own', async () => {
        const body = await support(`&to=${today}`);
        for (const compact of ['gcm', 'gcr'] as const) {
          const expected = (await stanceSeries(app.db, compact, today)).map((p) => ({
            compact,
            date: p.date,
            ...p.counts,
          }));
          expect(body.data.filter((p) => p.compact === compact)).toEqual(expected);
        }
      });

      it('on 1 January 2019: the States that voted against the GCM but not the GCR differ; Hungary and the US do not', async () => {
        // Roll calls (UN General Assembly Voting Data, as in the reference data): on A/RES/73/195 (GCM) Czechia,
        // Hungary, Israel, Poland and the United States voted no; on A/RES/73/151 (GCR) Hungary and the United
        // States voted no, Czechia yes, and Israel and Poland did not vote (an absence implies no stance).
        const body = await support('&table=differing&to=2019-01-01');
        const differing = new Map(body.data.map((d) => [d.iso3, d]));
        expect(differing.get('CZE')).toMatchObject({ gcm: 'opposes', gcr: 'supports' });
        for (const iso3 of ['ISR', 'POL']) {
          expect(differing.get(iso3), iso3).toMatchObject({ gcm: 'opposes', gcr: 'undeclared' });
        }
        expect(differing.has('HUN')).toBe(false);
        expect(differing.has('USA')).toBe(false);
        const positions = async (compact: string) =>
          (
            await app.json<{ data: { iso3: string; stance: string }[] }>(
              `/api/v1/positions?compact=${compact}&asOf=2019-01-01&limit=500`,
            )
          ).body.data;
        const gcr = new Map((await positions('gcr')).map((p) => [p.iso3, p.stance]));
        const expected = (await positions('gcm'))
          .filter((p) => gcr.get(p.iso3) !== p.stance)
          .map((p) => p.iso3);
        expect(body.data.map((d) => d.iso3)).toEqual(expected);
      });

      it('per region, supporters before + gained − lost = supporters after, and a region narrows everything', async () => {
        const body = await support('&table=regions&from=2019-01-01&to=2024-12-31');
        expect(body.data).toHaveLength(10); // five regions × two compacts
        for (const r of body.data as {
          supportersBefore: number;
          gained: number;
          lost: number;
          supportersAfter: number;
          net: number;
        }[]) {
          expect(r.supportersBefore + r.gained - r.lost).toBe(r.supportersAfter);
          expect(r.net).toBe(r.supportersAfter - r.supportersBefore);
        }
        const europe = await support('&from=2019-01-01&to=2024-12-31&region=150');
        const states = europe.meta.states as number;
        expect(states).toBeGreaterThan(40);
        for (const p of europe.data) {
          expect(Number(p.supports) + Number(p.opposes) + Number(p.abstains) + Number(p.undeclared)).toBe(
            states,
          );
        }
        expect(europe.data[0]).toMatchObject({ compact: 'gcm', date: '2019-01-01' });
        expect(europe.data.filter((p) => p.compact === 'gcm').at(-1)).toMatchObject({ date: '2024-12-31' });
        const europeRow = (body.data as Row[]).find((r) => r.region === '150' && r.compact === 'gcm');
        const gcmEnd = europe.data.filter((p) => p.compact === 'gcm').at(-1)!;
        expect(gcmEnd.supports).toBe(europeRow!.supportersAfter);
        expect((europe.meta.regions as Row[]).map((r) => r.region)).toEqual(['150', '150']);
      });

      it('has CSV twins and a page with the same figures', async () => {
        const query = '&from=2018-06-01&to=2023-06-30';
        for (const table of ['series', 'regions', 'differing']) {
          const json = await support(`${query}&table=${table}`);
          const csv = parse(
            await (
              await app.request(`/api/v1/analysis/support?limit=500${query}&table=${table}&format=csv`)
            ).text(),
            { columns: true },
          ) as Record<string, string>[];
          expect(csv, table).toEqual(
            json.data.map((r) => Object.fromEntries(Object.keys(csv[0]!).map((k) => [k, csvValue(r[k])]))),
          );
        }
        const { status, html } = await app.page(`/analysis/support?${query.slice(1)}`);
        expect(status).toBe(200);
        const series = (await support(`${query}&table=series`)).data;
        for (const compact of ['gcm', 'gcr']) {
          const rows = rowsBy(slice(html, `<table id="series-${compact}-table"`), [
            'data-compact',
            'data-date',
          ]);
          const mine = series.filter((p) => p.compact === compact);
          expect(rows.size).toBe(mine.length);
          for (const p of mine) {
            expect(rows.get(`${compact} ${p.date}`)).toEqual({
              supports: String(p.supports),
              opposes: String(p.opposes),
              abstains: String(p.abstains),
              undeclared: String(p.undeclared),
            });
          }
        }
        const regions = rowsBy(slice(html, '<table id="regions-table"'), ['data-region', 'data-compact']);
        for (const r of (await support(`${query}&table=regions`)).data) {
          const shown = regions.get(`${r.region} ${r.compact}`)!;
          expect(shown.supportersAfter).toBe(String(r.supportersAfter));
          expect(shown.gained).toBe(String(r.gained));
          expect(shown.net?.replace('+', '')).toBe(String(r.net));
        }
        const differing = (await support(`${query}&table=differing`)).data;
        const shown = [
          ...slice(html, '<table id="differing-table"').matchAll(/<tr data-iso3="([A-Z]{3})">/g),
        ].map((m) => m[1]);
        expect(shown).toEqual(differing.map((d) => d.iso3));
      });

      it.each([
        ['region=global', 'region'],
        ['from=2020-01-01&to=2019-01-01', 'from'],
        ['table=votes', 'table'],
      ])('refuses %s with a 400 naming %s', async (query, location) => {
        await expectProblem(
          await app.request(`/api/v1/analysis/support?${query}`),
          400,
          'invalid_input',
          location,
        );
      });
    });
  });
});
