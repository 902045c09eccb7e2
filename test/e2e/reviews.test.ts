/**
 * The review pages and the national reviews on a State's profile in a real
 * browser (Debian's Chromium through playwright-core) against the real server,
 * with a few synthetic national reviews imported into its database: axe at
 * desktop and 320 px, reflow at 320 px, and the path from the list of cycles
 * to a cycle and on to a State with JavaScript off. Runs once per engine.
 */
import { describe, expect, it } from 'vitest';
import { addNationalReviews, SAMPLE_REVIEWS } from '../../src/features/reviews/test-fixtures.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

/** The page templates: the list, a cycle with reviews, a cycle without, a year-only cycle, a State with reviews. */
const PAGES = ['/reviews', '/reviews/imrf-2022', '/reviews/hlom-2021', '/reviews/imrf-2026', '/states/BRA'];

describeInBrowser(
  'review pages in a real browser',
  // The server's own database, opened beside it, as an import from the command line would.
  { seed: (db) => addNationalReviews(db, SAMPLE_REVIEWS) },
  ({ withPage, open }) => {
    describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
      for (const viewport of [DESKTOP, NARROW]) {
        for (const path of PAGES) {
          it(`${path} at ${viewport.width}×${viewport.height}`, async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, path);
              await expectNoAxeViolations(page, `${path} at ${viewport.width}×${viewport.height}`);
            });
          });
        }
      }
    });

    it('reflows at 320 px: no page scrolls sideways; only table containers may', async () => {
      await withPage({ viewport: NARROW }, async (page) => {
        for (const path of PAGES) {
          await open(page, path);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        }
      });
    });

    it('without JavaScript, goes from the list of cycles to a cycle and on to a State’s reviews', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
        await page.waitForURL((u) => u.pathname === '/reviews');
        expect(await page.locator('main h1').textContent()).toBe('Reviews of the compacts');

        await page.getByRole('link', { name: 'International Migration Review Forum 2022' }).click();
        await page.waitForURL((u) => u.pathname === '/reviews/imrf-2022');
        const table = page.getByRole('table', { name: /National reviews recorded for/ });
        expect(await table.locator('tbody tr').count()).toBe(
          SAMPLE_REVIEWS.filter((r) => r.cycleId === 'imrf-2022').length,
        );

        await table.getByRole('link', { name: 'Brazil', exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/states/BRA');
        const reviews = page.getByRole('table', { name: 'National reviews of Brazil' });
        expect(await reviews.locator('tbody th[scope="row"]').allTextContents()).toEqual([
          'International Migration Review Forum 2022',
          'GCM regional reviews (from 2020)',
        ]);
      });
    });

    it('a State without national reviews says so', async () => {
      await withPage({ viewport: NARROW }, async (page) => {
        await open(page, '/states/CHE');
        const section = page.getByRole('region', { name: 'National reviews' });
        expect(await section.getByText('No national review recorded.').isVisible()).toBe(true);
      });
    });
  },
);
