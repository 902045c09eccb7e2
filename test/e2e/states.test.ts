/**
 * The States map page in a real browser (Debian's Chromium through
 * playwright-core) against the real server: the query form submitted with
 * JavaScript off, axe at desktop and 320 px, and reflow (at 320 px only the
 * map and table containers may scroll sideways). Runs once per database engine.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const STANCES = ['supports', 'opposes', 'abstains', 'undeclared'] as const;

/** The variants of the page template, with the status each must answer. */
const VARIANTS: { path: string; status: number }[] = [
  { path: '/states', status: 200 },
  { path: '/states?compact=gcr&asOf=2018-12-18&region=150', status: 200 },
  { path: '/states?asOf=2019-02-30&compact=xyz', status: 400 },
];

/** The counts the page shows, read from its `<dl>` of stances. */
async function shownCounts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of STANCES) {
    out[s] = Number(await page.locator(`dl.stance-counts [data-stance="${s}"] dd`).textContent());
  }
  return out;
}

describeInBrowser('the States map page in a real browser', ({ url, withPage, open }) => {
  it('without JavaScript, the form changes the compact and the date, and the headline and counts follow', async () => {
    await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
      await open(page, '/states?asOf=2020-01-01');
      const h1 = page.locator('main h1');
      expect(await h1.textContent()).toBe('Positions on the GCM as of 1 January 2020');
      const before = await shownCounts(page);

      await page.getByLabel('Global Compact on Refugees (GCR)').check();
      await page.getByLabel('Date', { exact: true }).fill('2018-12-18');
      await page.getByRole('button', { name: 'Show positions' }).click();
      await page.waitForURL((u) => u.searchParams.get('asOf') === '2018-12-18');

      expect(new URL(page.url()).searchParams.get('compact')).toBe('gcr');
      expect(await h1.textContent()).toBe('Positions on the GCR as of 18 December 2018');
      const after = await shownCounts(page);
      expect(after).not.toEqual(before);
      const api = (await (
        await fetch(url('/api/v1/positions?compact=gcr&asOf=2018-12-18&limit=500'))
      ).json()) as { meta: { counts: Record<string, number> } };
      expect(after).toEqual(api.meta.counts);
      expect(await page.locator('svg.map').isVisible()).toBe(true);
      expect(await page.locator('table.positions tbody th[scope="row"]').count()).toBe(195);
    });
  });

  describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
    for (const viewport of [DESKTOP, NARROW]) {
      for (const variant of VARIANTS) {
        it(`${variant.path} at ${viewport.width}×${viewport.height}`, async () => {
          await withPage({ viewport }, async (page) => {
            await open(page, variant.path, variant.status);
            await expectNoAxeViolations(page, `${variant.path} at ${viewport.width}×${viewport.height}`);
          });
        });
      }
    }
  });

  it('reflows at 320 px: the page does not scroll sideways; only the map and table containers may', async () => {
    await withPage({ viewport: NARROW }, async (page) => {
      await open(page, '/states?compact=gcr&asOf=2018-12-18');
      await expectNoHorizontalScroll(page, ['.table-scroll']);
      const scrollers = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.table-scroll')).map((el) => ({
          label: el.getAttribute('aria-label'),
          scrolls: el.scrollWidth > el.clientWidth,
          focusable: el.getAttribute('tabindex') === '0',
        })),
      );
      // The map keeps a legible minimum width, so its container scrolls; keyboard users can reach it.
      const map = scrollers.find((s) => s.label === 'World map of positions');
      expect(map).toEqual({ label: 'World map of positions', scrolls: true, focusable: true });
    });
  });
});
