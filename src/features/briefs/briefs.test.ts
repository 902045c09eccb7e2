/**
 * The country brief on both engines: what the page says about States with
 * known records (Brazil left the GCM in 2019 and returned in 2023; the United
 * States voted no on both 2018 resolutions; the GCR abstention of the
 * Dominican Republic is disputed between sources), the pledge counts and
 * flags for today, and every figure of the page equal to the same figure of
 * `GET /api/v1/states/{iso3}/brief`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { escapeHtml, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { todayIso } from '../../http/params.ts';
import { formatDate } from '../../web/components.tsx';
import { addNationalReviews, SAMPLE_REVIEWS } from '../reviews/test-fixtures.ts';
import type { StateBrief } from './schemas.ts';

/** Every `data-figure` of a page: its path in the brief's JSON and the number shown. */
function shownFigures(html: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of html.matchAll(/data-figure="([^"]+)">([^<]*)</g)) {
    expect(out.has(m[1]!), `figure ${m[1]} shown twice`).toBe(false);
    out.set(m[1]!, Number(m[2]!.replace(/\D/g, '')));
  }
  return out;
}

/**
 * The value at a figure's path in the JSON: array steps pick the element by
 * `id` or `compact`, a step into a group picks one of its objectives, and a
 * group or objective stands for its `pledges` count.
 */
function figureInJson(brief: StateBrief, path: string): number {
  let at: unknown = brief;
  for (const step of path.split('.')) {
    if (Array.isArray(at)) {
      at = step === 'length' ? at.length : at.find((x) => x.id === step || x.compact === step);
    } else {
      const obj = at as Record<string, unknown> | undefined;
      // An objective inside a group (compact or category) is found in the group's `objectives`.
      at =
        obj && !(step in obj) && Array.isArray(obj.objectives)
          ? (obj.objectives as { id: string }[]).find((o) => o.id === step)
          : obj?.[step];
    }
  }
  if (at !== null && typeof at === 'object') at = (at as { pledges: unknown }).pledges;
  expect(typeof at, `${path} in the JSON`).toBe('number');
  return at as number;
}

/** The text of an element's content, tags removed and whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The markup after `start` up to the next `end`. */
function between(html: string, start: string, end: string): string {
  const i = html.indexOf(start);
  expect(i, start).toBeGreaterThan(-1);
  return html.slice(i + start.length, html.indexOf(end, i + start.length));
}

forEachEngine((engine) => {
  describe('GET /states/:iso3/brief with no pledges recorded', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const brief = async (iso3: string) =>
      (await app.json<{ data: StateBrief }>(`/api/v1/states/${iso3}/brief`)).body.data;

    it('Brazil: supports the GCM again since 2023, after leaving it in 2019; voted yes in 2018', async () => {
      const { status, type, html } = await app.page('/states/BRA/brief');
      expect(status).toBe(200);
      expect(type).toContain('text/html');
      expect(html).toContain('<h1>Brazil: country brief</h1>');
      expect(html).toContain('Americas (019), Latin America and the Caribbean (419)');
      expect(text(between(html, '<dd data-stance="gcm">', '</dd>'))).toBe('Supports since 5 January 2023');
      expect(text(between(html, '<dd data-stance="gcr">', '</dd>'))).toBe('Supports since 17 December 2018');

      const left = between(html, '<tr id="event-bra-gcm-2019-01-08">', '</tr>');
      expect(left).toContain('<time datetime="2019-01-08">8 January 2019</time>');
      expect(left).toContain('New government dissociates Brazil from the GCM');
      expect(text(left)).toContain('Stance: Supports → Opposes');
      const back = between(html, '<tr id="event-bra-gcm-2023-01-05">', '</tr>');
      expect(text(back)).toContain('Stance: Opposes → Supports');

      const votes = between(html, '<table class="brief-votes">', '</table>');
      expect(text(between(votes, 'data-vote="a-res-73-195">', '</td>'))).toBe('Yes');
      expect(text(between(votes, 'data-vote="a-res-73-151">', '</td>'))).toBe('Yes');
      // 2019's A/RES/73/326 is not among the votes of 2018.
      expect(votes).not.toContain('A/RES/73/326');

      expect(html).toContain('No pledge made by Brazil is recorded.');
      expect(html).not.toContain('id="brief-objectives"');
      expect(html).toContain('No national review recorded.');
      expect(html).not.toContain('<script');
    });

    it('the United States: voted no on both 2018 resolutions; opposes the GCR, supports the GCM since December 2021', async () => {
      const { html } = await app.page('/states/USA/brief');
      const votes = between(html, '<table class="brief-votes">', '</table>');
      expect(text(between(votes, 'data-vote="a-res-73-195">', '</td>'))).toBe('No');
      expect(text(between(votes, 'data-vote="a-res-73-151">', '</td>'))).toBe('No');
      expect(text(between(html, '<dd data-stance="gcm">', '</dd>'))).toBe('Supports since December 2021');
      expect(text(between(html, '<dd data-stance="gcr">', '</dd>'))).toBe('Opposes since 17 December 2018');
      // A date known to the month reads as the month.
      expect(between(html, '<tr id="event-usa-gcm-2021-12-01">', '</tr>')).toContain(
        '<time datetime="2021-12">December 2021</time>',
      );
      const json = await brief('USA');
      expect(json.votes.map((v) => [v.resolution.symbol, v.vote])).toEqual([
        ['A/RES/73/151', 'no'],
        ['A/RES/73/195', 'no'],
      ]);
    });

    it('the Dominican Republic: the disputed GCR abstention is shown as a conflict with both readings and their sources', async () => {
      const { html } = await app.page('/states/DOM/brief');
      const json = await brief('DOM');
      expect(json.conflicts).toHaveLength(1);
      const conflict = json.conflicts[0]!;
      expect(conflict.readings).toHaveLength(2);
      const vote = json.votes.find((v) => v.resolution.symbol === 'A/RES/73/151')!;
      expect(vote.conflictId).toBe(conflict.id);
      expect(between(html, 'data-vote="a-res-73-151"', '</td>')).toContain(`href="#conflict-${conflict.id}"`);
      const block = between(
        html,
        `<section class="conflict" aria-labelledby="conflict-${conflict.id}-h"`,
        '</section>',
      );
      expect(block).toContain('Sources disagree: A/RES/73/151');
      expect(block).toContain('followed here');
      expect(block).toContain('shown for reference');
      for (const r of conflict.readings) {
        expect(block).toContain(escapeHtml(r.text));
        for (const c of r.cites) expect(block).toContain(`href="#ref-${c.ref}"`);
      }
    });

    it('numbers every source once, in the order the page first cites it, and lists each', async () => {
      for (const iso3 of ['BRA', 'USA', 'DOM']) {
        const { html } = await app.page(`/states/${iso3}/brief`);
        const json = await brief(iso3);
        expect(json.references.map((r) => r.ref)).toEqual(json.references.map((_, i) => i + 1));
        expect(new Set(json.references.map((r) => r.id)).size).toBe(json.references.length);
        const firstSeen: number[] = [];
        for (const m of html.matchAll(/href="#ref-(\d+)"/g)) {
          const n = Number(m[1]);
          if (!firstSeen.includes(n)) firstSeen.push(n);
        }
        expect(firstSeen, iso3).toEqual(json.references.map((r) => r.ref));
        const list = between(html, '<ol class="references">', '</ol>');
        expect(list.match(/<li id="ref-/g)?.length).toBe(json.references.length);
        for (const r of json.references) expect(list).toContain(escapeHtml(r.title));
      }
    });

    it('carries the data version, the licence and its permanent address, and is linked from the profile', async () => {
      const { html } = await app.page('/states/BRA/brief');
      const json = await brief('BRA');
      expect(json.url).toBe(`${app.config.publicUrl}/states/BRA/brief`);
      expect(json.licence).toBe('CC BY 4.0');
      expect(json.dataVersion).toBeGreaterThan(0);
      expect(json.asOf).toBe(todayIso());
      const about = text(between(html, '<dl class="facts brief-about"', '</dl>'));
      expect(about).toContain(
        `Data as of${formatDate(json.asOf, 'en')}; data version ${json.dataVersion}, last changed ${formatDate(json.dataChangedAt.slice(0, 10), 'en')}`,
      );
      expect(about).toContain('CC BY 4.0');
      expect(html).toContain(`<a href="${json.url}">${json.url}</a>`);
      expect(html).toContain('href="/api/v1/states/BRA/brief"');
      const profile = await app.page('/states/BRA');
      expect(profile.html).toContain('<a href="/states/BRA/brief">Printable country brief</a>');
    });

    it('answers any case as the profile does, and the 404 page (or problem) for an unknown or malformed code', async () => {
      const lower = await app.page('/states/bra/brief');
      expect(lower.status).toBe(200);
      expect(lower.html).toContain('<h1>Brazil: country brief</h1>');
      expect((await app.json<{ data: StateBrief }>('/api/v1/states/bra/brief')).body.data.iso3).toBe('BRA');
      for (const p of ['/states/XXX/brief', '/states/B1A/brief', '/states/BRAZ/brief']) {
        const res = await app.page(p);
        expect(res.status, p).toBe(404);
        expect(res.type).toContain('text/html');
        expect(res.html).toContain('Page not found');
      }
      const problem = await app.request('/api/v1/states/XXX/brief');
      expect(problem.status).toBe(404);
      expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('speaks French with the French name of the State', async () => {
      const { html } = await app.page('/states/USA/brief?lang=fr');
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain(`<h1>${escapeHtml("États-Unis d'Amérique")} : fiche pays</h1>`);
      expect(html).toContain('<span lang="en">United States of America</span>');
      expect(html).toContain('Votes de 2018');
    });
  });

  describe('GET /states/:iso3/brief with pledges and national reviews', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await addNationalReviews(app.db, SAMPLE_REVIEWS);
      // Synthetic like the reviews: a database never mixes synthetic and real records.
      await loadRegistryFixture(app.db, todayIso(), true);
    });
    afterAll(() => app.close());

    const brief = async (iso3: string) =>
      (await app.json<{ data: StateBrief }>(`/api/v1/states/${iso3}/brief`)).body.data;

    it('Kenya: counts by status, overdue and stale for today, the pledges newest first, and the objectives they address', async () => {
      const json = await brief('KEN');
      // P-01: in progress, target 2021 passed, last update 2020 → overdue and stale.
      // P-08: planning, reported 400 days ago, target today (not yet overdue) → stale only.
      expect(json.pledges).toMatchObject({
        total: 2,
        byStatus: { planning: 1, in_progress: 1, fulfilled: 0, none: 0 },
        overdue: 1,
        stale: 2,
      });
      expect(json.pledges.items.map((p) => [p.id, p.status, p.overdue, p.stale])).toEqual([
        ['P-08', 'planning', false, true],
        ['P-01', 'in_progress', true, true],
      ]);
      const gcr = json.objectives.byCompact.find((g) => g.compact === 'gcr')!;
      expect(gcr.pledges).toBe(2);
      expect(gcr.objectives.map((o) => [o.id, o.pledges])).toEqual([
        ['gcr-1', 2],
        ['gcr-2', 1],
      ]);
      expect(json.objectives.byCompact.find((g) => g.compact === 'gcm')!.pledges).toBe(0);
      expect(json.objectives.byCategory.map((c) => c.pledges)).toEqual([0, 0, 0]);

      const { html } = await app.page('/states/KEN/brief');
      expect([...html.matchAll(/<tr id="pledge-([^"]+)">/g)].map((m) => m[1])).toEqual(['P-08', 'P-01']);
      const p01 = between(html, '<tr id="pledge-P-01">', '</tr>');
      expect(text(p01)).toContain('In progress');
      expect(p01).toContain('>Overdue</span>');
      expect(p01).toContain('>Stale</span>');
      // The pledge's source is a numbered reference, written out in the list.
      const ref = json.references.find((r) => r.url === 'https://example.org/grf/p-01')!;
      expect(p01).toContain(`href="#ref-${ref.ref}"`);
      expect(html).toContain(`<li id="ref-${ref.ref}"><a href="https://example.org/grf/p-01">`);
      expect(html).toContain('These categories group the objectives of the GCM only.');
    });

    it('Brazil: one overdue and stale pledge in planning, two national reviews cited as references', async () => {
      const json = await brief('BRA');
      expect(json.pledges).toMatchObject({
        total: 1,
        byStatus: { planning: 1, in_progress: 0, fulfilled: 0, none: 0 },
        overdue: 1,
        stale: 1,
      });
      expect(
        json.objectives.byCategory.find((c) => c.objectives.some((o) => o.id === 'gcm-5'))?.pledges,
      ).toBe(1);
      expect(json.nationalReviews.map((r) => r.id).sort()).toEqual([
        'NR-BRA-IMRF-2022',
        'NR-BRA-REGIONAL-2020',
      ]);
      const { html } = await app.page('/states/BRA/brief');
      for (const r of json.nationalReviews) {
        const ref = json.references.find((x) => x.url === r.documentUrl)!;
        expect(ref.title).toBe(r.title);
        expect(html).toContain(`href="#ref-${ref.ref}"`);
      }
    });

    it.each(['KEN', 'BRA', 'DEU', 'USA', 'DOM'])(
      '%s: every figure on the page equals the API’s, and the stances, votes, pledges and references agree',
      async (iso3) => {
        const [{ html }, json] = await Promise.all([app.page(`/states/${iso3}/brief`), brief(iso3)]);
        const figures = shownFigures(html);
        expect(figures.size).toBeGreaterThan(0);
        for (const [path, shown] of figures) expect(shown, path).toBe(figureInJson(json, path));
        if (json.pledges.total > 0) {
          for (const path of ['pledges.total', 'pledges.overdue', 'pledges.stale', 'pledges.byStatus.none']) {
            expect(figures.has(path), path).toBe(true);
          }
          const objectivePaths = json.objectives.byCompact.flatMap((g) =>
            g.objectives.map((o) => `objectives.byCompact.${g.compact}.${o.id}`),
          );
          for (const path of objectivePaths) expect(figures.has(path), path).toBe(true);
        }
        for (const s of json.stances) {
          const shown = text(between(html, `<dd data-stance="${s.compact}">`, '</dd>'));
          expect(shown.toLowerCase()).toContain(s.since ? s.stance.slice(0, 5) : 'undeclared');
        }
        const labels = { yes: 'Yes', no: 'No', abstain: 'Abstained', absent: 'Did not vote' };
        for (const v of json.votes) {
          expect(text(between(html, `data-vote="${v.resolution.id}">`, '</td>'))).toMatch(
            new RegExp(`^${labels[v.vote]}`),
          );
        }
        expect([...html.matchAll(/<tr id="pledge-([^"]+)">/g)].map((m) => m[1])).toEqual(
          json.pledges.items.map((p) => p.id),
        );
        expect(html.match(/<li id="ref-/g)?.length ?? 0).toBe(json.references.length);
      },
    );
  });
});
