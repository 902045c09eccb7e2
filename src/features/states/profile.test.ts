import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, tempDir } from '../../../test/helpers/db.ts';
import { escapeHtml, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import type { PositionEventView } from '../positions/schemas.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import { loadReferenceData } from '../reference/sync.ts';

type Timeline = { compact: string; events: PositionEventView[] };

/** The markup of one event of a timeline: from its `<li>` to the next event's. */
function eventBlock(page: string, id: string): string {
  const start = page.indexOf(`<li id="event-${id}"`);
  expect(start, `event ${id} on the page`).toBeGreaterThan(-1);
  const next = page.indexOf('<li id="event-', start + 1);
  const end = page.indexOf('</section>', start);
  return page.slice(start, next > -1 && next < end ? next : end);
}

forEachEngine((engine) => {
  describe('GET /states/:iso3', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const timelines = async (iso3: string) =>
      (await app.json<{ data: { timelines: Timeline[] } }>(`/api/v1/states/${iso3}/positions`)).body.data
        .timelines;

    it('Brazil: the 2019 dissociation and the 2023 return, each with its sources; supports the GCM today', async () => {
      const { status, html } = await app.page('/states/BRA');
      expect(status).toBe(200);
      expect(html).toContain('<h1>Brazil</h1>');
      for (const code of ['BRA', 'BR', '076', 'Americas (019)', 'Latin America and the Caribbean (419)']) {
        expect(html).toContain(code);
      }
      const gcm = (await timelines('BRA')).find((t) => t.compact === 'gcm')!;
      for (const [id, date, effect] of [
        ['bra-gcm-2019-01-08', '8 January 2019', 'Stance: Supports → Opposes'],
        ['bra-gcm-2023-01-05', '5 January 2023', 'Stance: Opposes → Supports'],
      ] as const) {
        const event = gcm.events.find((e) => e.id === id)!;
        const block = eventBlock(html, id);
        expect(block).toContain(`<time datetime="${event.date}">${date}</time>`);
        expect(block).toContain(escapeHtml(event.title));
        expect(block).toContain(effect);
        expect(event.sources.length).toBeGreaterThan(0);
        for (const s of event.sources) expect(block).toContain(escapeHtml(s.title));
      }
      const current = /<dt>Migration compact \(GCM\)<\/dt>\s*<dd>(.*?)<\/dd>/.exec(html)?.[1] ?? '';
      expect(current).toContain('Supports since 5 January 2023');
      // The recorded votes table, with the resolution symbols.
      expect(html).toMatch(/<th scope="row">A\/RES\/73\/195<\/th><td>GCM<\/td>.*?<td>Yes<\/td>/);
      expect(html).toContain('Recorded vote on A/RES/73/195: Yes');
      expect(html).toContain('href="/api/v1/states/BRA"');
      expect(html).toContain('href="/api/v1/states/BRA/positions"');
    });

    it('United States: the December 2021 statement at month precision', async () => {
      const { html } = await app.page('/states/usa');
      const block = eventBlock(html, 'usa-gcm-2021-12-01');
      expect(block).toContain('<time datetime="2021-12">December 2021</time>');
      expect(block).not.toContain('1 December 2021');
      expect(block).toContain('Stance: Opposes → Supports');
      expect(html).toContain('Supports since December 2021');
      // An absence from a vote, or a vote that implies no stance, changes nothing.
      expect(eventBlock(html, 'vote-a-res-73-326-usa')).toContain('No change of stance');
    });

    it.each([
      ['DOM', 'Abstained'],
      ['LBR', 'Yes'],
    ])('%s: the A/RES/73/151 source conflict with both readings and their sources', async (iso3, vote) => {
      const { html } = await app.page(`/states/${iso3}`);
      const { body: resolutions } = await app.json<{
        data: {
          symbol: string;
          conflicts: { id: string; readings: { text: string; sources: { title: string }[] }[] }[];
        }[];
      }>('/api/v1/resolutions');
      const conflict = resolutions.data.find((r) => r.symbol === 'A/RES/73/151')!.conflicts[0]!;
      const start = html.indexOf(`<section class="conflict" aria-labelledby="conflict-${conflict.id}-h"`);
      expect(start).toBeGreaterThan(-1);
      // Shown before the timelines, so nobody reads the vote without the doubt.
      expect(start).toBeLessThan(html.indexOf('id="timelines"'));
      const section = html.slice(start, html.indexOf('</section>', start));
      expect(section).toContain('Sources disagree: A/RES/73/151');
      expect(conflict.readings).toHaveLength(2);
      for (const r of conflict.readings) {
        expect(section).toContain(escapeHtml(r.text));
        for (const s of r.sources) expect(section).toContain(escapeHtml(s.title));
      }
      expect(section).toContain('followed here');
      expect(section).toContain('shown for reference');
      const voteBlock = eventBlock(html, `vote-a-res-73-151-${iso3.toLowerCase()}`);
      expect(voteBlock).toContain(`Recorded vote on A/RES/73/151: ${vote}`);
      expect(voteBlock).toContain(`href="#conflict-${conflict.id}"`);
    });

    it('answers the HTML 404 page for an unknown or malformed code', async () => {
      for (const p of ['/states/XXX', '/states/BRAZ', '/states/B1A']) {
        const res = await app.page(p);
        expect(res.status, p).toBe(404);
        expect(res.type).toContain('text/html');
        expect(res.html).toContain('Page not found');
      }
    });

    it('names the State in French and Spanish, with the English name beside it', async () => {
      const fr = await app.page('/states/BRA?lang=fr');
      expect(fr.html).toContain('<h1>Brésil</h1>');
      expect(fr.html).toContain('Nom en anglais');
      expect(fr.html).toContain('<dd lang="en">Brazil</dd>');
      expect(fr.html).toContain('Soutient (depuis : 5 janvier 2023)');
      const es = await app.page('/states/BRA?lang=es');
      expect(es.html).toContain('<h1>Brasil</h1>');
      expect(es.html).toContain('Votos registrados');
    });

    it('links a corrected event to its version history', async () => {
      const before = await app.page('/states/BRA');
      expect(before.html).not.toContain('/api/v1/positions/events/bra-gcm-2019-01-08');
      const dir = tempDir('cw-ref-');
      for (const f of fs.readdirSync(DEFAULT_REFERENCE_DIR))
        fs.copyFileSync(path.join(DEFAULT_REFERENCE_DIR, f), path.join(dir, f));
      const file = path.join(dir, 'position-events.json');
      const events = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; title: string }[];
      events.find((e) => e.id === 'bra-gcm-2019-01-08')!.title += ' (corrected)';
      fs.writeFileSync(file, JSON.stringify(events, null, 2));
      try {
        await loadReferenceData(app.db, app.engine, { dir });
        const after = await app.page('/states/BRA');
        const block = eventBlock(after.html, 'bra-gcm-2019-01-08');
        expect(block).toContain('(corrected)');
        expect(block).toContain('href="/api/v1/positions/events/bra-gcm-2019-01-08"');
        const history = await app.json<{ data: { versions: unknown[] } }>(
          '/api/v1/positions/events/bra-gcm-2019-01-08',
        );
        expect(history.body.data.versions).toHaveLength(2);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
