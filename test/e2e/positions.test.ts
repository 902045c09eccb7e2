/**
 * The State profile, the positions page and the positions feed in a real
 * browser (Debian's Chromium through playwright-core) against the real
 * server: axe at desktop and 320 px, reflow, the compare form without
 * JavaScript, and the feed through the browser's own XML parser. Runs once
 * per database engine.
 */
import { describe, expect, it } from 'vitest';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const PAGES = ['/states/BRA', '/positions', '/positions?compare=BRA&compare=USA'];

describeInBrowser('positions pages in a real browser', ({ withPage, open }) => {
  describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
    for (const viewport of [DESKTOP, NARROW]) {
      for (const pathname of PAGES) {
        it(`${pathname} at ${viewport.width}×${viewport.height}`, async () => {
          await withPage({ viewport }, async (page) => {
            await open(page, pathname);
            await expectNoAxeViolations(page, `${pathname} at ${viewport.width}×${viewport.height}`);
          });
          // /positions lists every change (hundreds of rows): axe needs more than the default 30 s there.
        }, 120_000);
      }
    }
  });

  describe('reflow at 320 px: no horizontal scrolling of the page', () => {
    for (const pathname of PAGES) {
      it(pathname, async () => {
        await withPage({ viewport: NARROW }, async (page) => {
          await open(page, pathname);
          // Wide tables and charts scroll inside their own focusable containers.
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        });
      });
    }
  });

  it('the compare form works without JavaScript, and refuses a fourth State with a 400', async () => {
    await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
      await open(page, '/positions');
      await page.selectOption('#compare-1', 'BRA');
      await page.selectOption('#compare-2', 'USA');
      await Promise.all([
        page.waitForURL(/compare=BRA&compare=USA/),
        page.click('#compare button[type=submit]'),
      ]);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/positions');
      expect(url.searchParams.getAll('compare').filter(Boolean)).toEqual(['BRA', 'USA']);
      const heads = page.locator('table.compare').first().locator('thead th');
      await expect.poll(() => heads.allTextContents()).toEqual(['Brazil', 'United States of America']);
      expect(await page.locator('#compare-1').inputValue()).toBe('BRA');

      await open(page, '/positions?compare=BRA&compare=USA&compare=CHE&compare=DOM', 400);
      expect(await page.locator('#compare-error').textContent()).toContain('at most three');
      expect(await page.locator('#compare-1').getAttribute('aria-describedby')).toContain('compare-error');
    });
  });

  it('the changes filter works without JavaScript', async () => {
    await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
      await open(page, '/positions');
      await page.selectOption('#changes-compact', 'gcr');
      await Promise.all([
        page.waitForURL(/compact=gcr/),
        page.click('form[action="/positions#changes"] button'),
      ]);
      const compacts = await page.locator('table.changes tbody td:nth-child(3)').allTextContents();
      expect(compacts.length).toBeGreaterThan(0);
      expect(new Set(compacts)).toEqual(new Set(['GCR']));
    });
  });

  it('the feed is well-formed Atom to the browser’s XML parser', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      await open(page, '/positions');
      const href = await page
        .locator('link[rel=alternate][type="application/atom+xml"]')
        .getAttribute('href');
      expect(href).toBe('/feeds/positions.atom');
      const result = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
          root: doc.documentElement.namespaceURI,
          entries: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length,
        };
      }, href!);
      expect(result.error).toBeNull();
      expect(result.root).toBe('http://www.w3.org/2005/Atom');
      expect(result.entries).toBe(100);
    });
  });
});
