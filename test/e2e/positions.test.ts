/**
 * The State profile, the positions page and the positions feed in a real
 * browser (Debian's Chromium through playwright-core) against the real
 * server: axe at desktop and 320 px, reflow, the compare form without
 * JavaScript, and the feed through the browser's own XML parser. Runs once
 * per database engine.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { forEachEngine } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
const PAGES = ['/states/BRA', '/positions', '/positions?compare=BRA&compare=USA'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map(
          (n) =>
            `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary ?? ''}`,
        )
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

describe.skipIf(!chromiumPath)('positions pages in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T> {
    const context = await browser.newContext(options);
    try {
      return await fn(await context.newPage());
    } finally {
      await context.close();
    }
  }

  forEachEngine((engine) => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(engine);
    });

    afterAll(async () => {
      await server?.stop();
    });

    async function open(page: Page, pathname: string, status = 200): Promise<void> {
      const res = await page.goto(`${server.url}${pathname}`);
      expect(res?.status(), `GET ${pathname} should answer ${status}`).toBe(status);
    }

    describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
      for (const viewport of [DESKTOP, NARROW]) {
        for (const pathname of PAGES) {
          it(`${pathname} at ${viewport.width}×${viewport.height}`, async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, pathname);
              const results = await new AxeBuilder({ page })
                .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
                .options({ rules: { 'target-size': { enabled: true } } })
                .analyze();
              if (results.violations.length > 0) {
                expect.fail(
                  `${results.violations.length} axe violation(s) on ${pathname} at ${viewport.width}×${viewport.height}:\n` +
                    formatViolations(results.violations),
                );
              }
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
            expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
              NARROW.width,
            );
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
});
