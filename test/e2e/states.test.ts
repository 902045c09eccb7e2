/**
 * The States map page in a real browser (Debian's Chromium through
 * playwright-core) against the real server: the query form submitted with
 * JavaScript off, axe at desktop and 320 px, and reflow (at 320 px only the
 * map and table containers may scroll sideways). Runs once per database engine.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { forEachEngine } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
const STANCES = ['supports', 'opposes', 'abstains', 'undeclared'] as const;

/** The variants of the page template, with the status each must answer. */
const VARIANTS: { path: string; status: number }[] = [
  { path: '/states', status: 200 },
  { path: '/states?compact=gcr&asOf=2018-12-18&region=150', status: 200 },
  { path: '/states?asOf=2019-02-30&compact=xyz', status: 400 },
];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`,
        )
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n${nodes}`;
    })
    .join('\n');
}

/** The counts the page shows, read from its `<dl>` of stances. */
async function shownCounts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of STANCES) {
    out[s] = Number(await page.locator(`dl.stance-counts [data-stance="${s}"] dd`).textContent());
  }
  return out;
}

describe.skipIf(!chromiumPath)('the States map page in a real browser', () => {
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

    it('without JavaScript, the form changes the compact and the date, and the headline and counts follow', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/states?asOf=2020-01-01');
        const h1 = page.locator('main h1');
        expect(await h1.textContent()).toBe('Positions on the GCM as of 1 January 2020');
        const before = await shownCounts(page);

        await page.getByLabel('Global Compact on Refugees (GCR)').check();
        await page.getByLabel('Date', { exact: true }).fill('2018-12-18');
        await page.getByRole('button', { name: 'Show positions' }).click();
        await page.waitForURL((url) => url.searchParams.get('asOf') === '2018-12-18');

        expect(new URL(page.url()).searchParams.get('compact')).toBe('gcr');
        expect(await h1.textContent()).toBe('Positions on the GCR as of 18 December 2018');
        const after = await shownCounts(page);
        expect(after).not.toEqual(before);
        const api = (await (
          await fetch(`${server.url}/api/v1/positions?compact=gcr&asOf=2018-12-18&limit=500`)
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
              const results = await new AxeBuilder({ page })
                .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
                .options({ rules: { 'target-size': { enabled: true } } })
                .analyze();
              if (results.violations.length > 0) {
                expect.fail(
                  `${results.violations.length} axe violation(s) on ${variant.path} at ${viewport.width}×${viewport.height}:\n` +
                    formatViolations(results.violations),
                );
              }
            });
          });
        }
      }
    });

    it('reflows at 320 px: the page does not scroll sideways; only the map and table containers may', async () => {
      await withPage({ viewport: NARROW }, async (page) => {
        await open(page, '/states?compact=gcr&asOf=2018-12-18');
        const report = await page.evaluate((width) => {
          const outside: string[] = [];
          for (const el of Array.from(document.body.querySelectorAll('*'))) {
            if (el.closest('.table-scroll')) continue;
            const r = el.getBoundingClientRect();
            if (r.right > width + 0.5 && outside.length < 10) {
              outside.push(
                `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} (${Math.round(r.right)}px)`,
              );
            }
          }
          const scrollers = Array.from(document.querySelectorAll('.table-scroll')).map((el) => ({
            label: el.getAttribute('aria-label'),
            scrolls: el.scrollWidth > el.clientWidth,
            focusable: el.getAttribute('tabindex') === '0',
          }));
          return { scrollWidth: document.documentElement.scrollWidth, outside, scrollers };
        }, NARROW.width);
        expect(report.outside, 'elements past the right edge outside a scroll container').toEqual([]);
        expect(report.scrollWidth).toBeLessThanOrEqual(NARROW.width);
        // The map keeps a legible minimum width, so its container scrolls; keyboard users can reach it.
        const map = report.scrollers.find((s) => s.label === 'World map of positions');
        expect(map).toEqual({ label: 'World map of positions', scrolls: true, focusable: true });
      });
    });
  });
});
