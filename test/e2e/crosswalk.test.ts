/**
 * The crosswalk and themes pages in a real browser (Debian's Chromium through
 * playwright-core) against the real server: axe at desktop and 320 px, reflow
 * at 320 px, the filter form and the node links with JavaScript off, and the
 * weight of a first view over the network. Runs once per engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_DIR } from '../../src/features/reference/read.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

type FileLink = { from: string; to: string; type: string; basis: string };
const { links } = JSON.parse(fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, 'crosswalk.json'), 'utf8')) as {
  links: FileLink[];
};

/**
 * The whole crosswalk is a large page (three matrices of some 1,600 cells and
 * about ninety links with their sources): axe needs longer than the default
 * test timeout on it when the machine is busy.
 */
const AXE_TIMEOUT_MS = 180_000;

/** The page templates: the whole crosswalk, a filtered one, one node's links, the themes. */
const PAGES = [
  '/analysis/crosswalk',
  '/analysis/crosswalk?type=overlaps&basis=official',
  '/analysis/crosswalk?node=sdg-10-7',
  '/analysis/themes',
];

describeInBrowser('crosswalk and themes pages in a real browser', ({ withPage, open, url }) => {
  describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
    for (const viewport of [DESKTOP, NARROW]) {
      for (const p of PAGES) {
        it(
          `${p} at ${viewport.width}×${viewport.height}`,
          async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, p);
              await expectNoAxeViolations(page, `${p} at ${viewport.width}×${viewport.height}`);
            });
          },
          AXE_TIMEOUT_MS,
        );
      }
    }
  });

  it(
    'reflows at 320 px: no page scrolls sideways; only the tables may',
    async () => {
      await withPage({ viewport: NARROW }, async (page) => {
        for (const p of PAGES) {
          await open(page, p);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        }
      });
    },
    AXE_TIMEOUT_MS,
  );

  it('without JavaScript, filters to the official links and follows a node to its links', async () => {
    await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
      await open(page, '/analysis/crosswalk');
      await page.getByLabel('Basis').selectOption('official');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL((u) => u.searchParams.get('basis') === 'official');
      const official = links.filter((l) => l.basis === 'official');
      expect(await page.locator('li[id^="link-"]').count()).toBe(official.length);
      // The matrices say the basis in words for screen readers, not by colour.
      expect(await page.locator('table.matrix td .visually-hidden').allTextContents()).toEqual(
        official.map(() => expect.stringMatching(/, Official source$/)),
      );

      await page.getByRole('link', { name: 'Show all links' }).first().click();
      await page.waitForURL((u) => u.pathname === '/analysis/crosswalk' && u.search === '');
      await page
        .locator('#link-gcm-15--gcr-area-education')
        .getByRole('link', { name: /Education/ })
        .click();
      await page.waitForURL((u) => u.searchParams.get('node') === 'gcr-area-education');
      const education = links.filter((l) => l.from === 'gcr-area-education' || l.to === 'gcr-area-education');
      expect(await page.locator('li[id^="link-"]').count()).toBe(education.length);
    });
  });

  it('shows the gaps first on the themes page, internally displaced persons among them', async () => {
    await withPage({ viewport: NARROW, javaScriptEnabled: false }, async (page) => {
      await open(page, '/analysis/themes');
      const gaps = page.getByRole('region', { name: 'Gaps: covered by neither compact' });
      expect(await gaps.getByRole('link', { name: 'Internally displaced persons' }).isVisible()).toBe(true);
      const firstRow = page.getByRole('table').locator('tbody tr').first();
      expect(await firstRow.getByText('Gap', { exact: true }).isVisible()).toBe(true);
    });
  });

  it('weighs well under 100 KB over the network on a first view', async () => {
    for (const p of ['/analysis/crosswalk', '/analysis/themes']) {
      await withPage({ viewport: DESKTOP }, async (page) => {
        const sizes: Promise<number>[] = [];
        page.on('requestfinished', (request) => {
          sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
        });
        const res = await page.goto(url(p), { waitUntil: 'networkidle' });
        expect(res?.status()).toBe(200);
        expect(res?.headers()['content-encoding'], p).toMatch(/gzip|br|deflate/);
        const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
        console.log(`${p}: ${(total / 1024).toFixed(1)} KB over the network`);
        expect(total, p).toBeLessThan(60 * 1024);
      });
    }
  });
});
