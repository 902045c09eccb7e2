/**
 * The synthetic-data notice in a real browser: with generated pledges loaded,
 * every page shows it at the top, visibly, in an accessible way (axe, 320 px
 * reflow), and its link leads to the explanation on /about. Runs once per
 * database engine.
 */

import { expect, it } from 'vitest';
import { loadDemoData } from '../../src/features/demo/service.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const PAGES = ['/', '/about', '/states', '/compacts/gcr', '/no-such-page'];
/** axe runs on a few templates with the notice (each page's own tests run it without). */
const AXE_PAGES = new Set(['/', '/about', '/no-such-page']);

describeInBrowser(
  'the synthetic-data notice in a real browser',
  // As `compact-watch demo` would write it.
  { seed: (db) => loadDemoData(db, { pledges: 50, seed: 1, today: new Date().toISOString().slice(0, 10) }) },
  ({ engine, url, withPage }) => {
    it(`shows the notice at the top of every page, passing axe at desktop and 320 px (${engine})`, async () => {
      for (const viewport of [DESKTOP, NARROW]) {
        await withPage({ viewport }, async (page) => {
          for (const path of PAGES) {
            await page.goto(url(path));
            const notice = page.locator('.synthetic-notice');
            expect(await notice.count(), path).toBe(1);
            expect(await notice.isVisible(), path).toBe(true);
            expect(await notice.textContent(), path).toContain(
              'Synthetic data: 50 generated pledges are loaded for demonstration. They are not real.',
            );
            const noticeBox = await notice.boundingBox();
            const headerBox = await page.locator('header.site').boundingBox();
            expect(noticeBox!.y, `${path}: the notice comes first`).toBeLessThan(headerBox!.y);
            if (AXE_PAGES.has(path))
              await expectNoAxeViolations(page, `${path} at ${viewport.width} px with the notice`);
            if (viewport === NARROW) {
              // The notice itself reflows on every page (other content is each page's own tests' business).
              const right = await page.evaluate(() =>
                Math.max(
                  ...Array.from(document.querySelectorAll('.synthetic-notice, .synthetic-notice *')).map(
                    (el) => el.getBoundingClientRect().right,
                  ),
                ),
              );
              expect(right, `${path}: the notice's right edge at 320 px`).toBeLessThanOrEqual(viewport.width);
              if (path === '/') await expectNoHorizontalScroll(page);
            }
          }
        });
      }
    }, 120_000);

    it(`links to the explanation of synthetic data (${engine})`, async () => {
      await withPage({ viewport: DESKTOP }, async (page) => {
        await page.goto(url('/states'));
        await page.locator('.synthetic-notice a').click();
        await page.waitForURL((u) => u.pathname === '/about' && u.hash === '#synthetic-data');
        const heading = page.locator('#synthetic-data');
        expect(await heading.isVisible()).toBe(true);
        expect(await heading.textContent()).toBe('Synthetic data');
      });
    });
  },
);
