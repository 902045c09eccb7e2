/**
 * The analysis pages in a real browser (Debian's Chromium through
 * playwright-core) against the real server over the hand-computed registry:
 * axe at desktop and 320 px, reflow at 320 px, the weight of a first view on
 * the wire (≤ 100 KB compressed), and the filter form without JavaScript.
 * Runs once per database engine. The heat map's size depends on the number
 * of objectives and keys, not of pledges, so a small registry weighs what a
 * large one does (bench/analysis.ts measures it with 100,000 pledges too).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadAnalysisFixture } from '../../src/features/analysis/test-fixtures.ts';
import { todayIso } from '../../src/http/params.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const PAGES = [
  '/analysis',
  '/analysis?by=actorType&from=2020-01-01&region=002',
  '/analysis?by=category',
  '/analysis/categories',
  '/analysis/support',
  '/analysis/support?from=2019-01-01&region=150',
];

/** Bytes on the wire (headers and compressed bodies) of everything the page loads, with the cache off. */
async function firstViewBytes(
  page: Page,
  url: string,
): Promise<{ bytes: number; requests: number; encoding: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  const encoding: string[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
    encoding.push(enc ? String(enc[1]) : 'identity');
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return { bytes, requests, encoding };
}

describeInBrowser(
  'the analysis pages in a real browser',
  { seed: (db) => loadAnalysisFixture(db, todayIso()) },
  ({ engine, url, withPage, open }) => {
    describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
      for (const viewport of [DESKTOP, NARROW]) {
        for (const path of [...PAGES, '/analysis?from=2019-13-01']) {
          const status = path.includes('2019-13-01') ? 400 : 200;
          it(`${path} at ${viewport.width}×${viewport.height} on ${engine}`, async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, path, status);
              await expectNoAxeViolations(page, `${path} at ${viewport.width}×${viewport.height}`);
            });
          }, 120_000);
        }
      }
    });

    for (const path of PAGES) {
      it(`${path} reflows at 320 px: only charts and tables scroll sideways, in their own regions`, async () => {
        await withPage({ viewport: NARROW }, async (page) => {
          await open(page, path);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        });
      });

      it(`${path} weighs at most 100 KB compressed on a first view`, async () => {
        await withPage({ viewport: DESKTOP }, async (page) => {
          const { bytes, requests, encoding } = await firstViewBytes(page, url(path));
          expect(requests).toBeGreaterThanOrEqual(2); // the page and its stylesheet
          expect(encoding[0], 'the page is sent compressed').not.toBe('identity');
          expect(bytes, `${path}: ${bytes} bytes`).toBeLessThanOrEqual(100 * 1024);
        });
      });
    }

    it('without JavaScript: choose a dimension and a region, apply, and the heat map follows', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/analysis');
        await page.selectOption('#analysis-by', 'compact');
        await page.selectOption('#analysis-region', '002');
        await Promise.all([
          page.waitForURL((u) => u.searchParams.get('by') === 'compact'),
          page.getByRole('button', { name: 'Apply' }).click(),
        ]);
        const u = new URL(page.url());
        expect(u.pathname).toBe('/analysis');
        expect(u.searchParams.get('region')).toBe('002');
        expect(await page.locator('#heatmap-h').textContent()).toBe('Pledges per objective and compact');
        const heads = await page.locator('#coverage-table thead th').allTextContents();
        expect(heads).toEqual(['Objective', 'GCM', 'GCR', 'All (each pledge once)']);
        // Africa: A1, A2, A7, A10 (test-fixtures.ts).
        expect(await page.locator('[data-figure="pledges"]').textContent()).toBe('4');
        expect(await page.locator('#analysis-region').inputValue()).toBe('002');
      });
    });

    it('without JavaScript: an impossible date range is refused beside its field', async () => {
      await withPage({ viewport: NARROW, javaScriptEnabled: false }, async (page) => {
        await open(page, '/analysis/support?from=2024-01-01&to=2020-01-01', 400);
        expect(await page.locator('#analysis-from-error').textContent()).toBe(
          'The start date is after the end date.',
        );
        expect(await page.locator('#analysis-from').getAttribute('aria-describedby')).toBe(
          'analysis-from-error',
        );
        await page.locator('.error-summary a').first().click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('analysis-from');
      });
    });
  },
);
