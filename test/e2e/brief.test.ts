/**
 * The country brief in a real browser (Debian's Chromium through
 * playwright-core) against the real server, with pledges and national
 * reviews in its database: axe at desktop and 320 px, reflow at 320 px (only
 * table containers may scroll sideways), the print stylesheet (navigation,
 * footer and links to other forms hidden, reference addresses written out),
 * no script, and the first view's weight over the network. Runs once per engine.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { addNationalReviews, SAMPLE_REVIEWS } from '../../src/features/reviews/test-fixtures.ts';
import { todayIso } from '../../src/http/params.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';
import { loadRegistryFixture } from '../helpers/registry-fixture.ts';

/** Briefs that differ in shape: pledges and reviews (BRA), a source conflict (DOM), many events in French (USA). */
const BRIEFS = ['/states/BRA/brief', '/states/DOM/brief', '/states/USA/brief?lang=fr'];

/** Bytes that cross the network for `url` as Chromium asks for it (gzip accepted). */
function encodedBytes(url: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      })
      .on('error', reject);
  });
}

describeInBrowser(
  'the country brief in a real browser',
  {
    seed: async (db) => {
      await addNationalReviews(db, SAMPLE_REVIEWS);
      // Synthetic like the reviews: a database never mixes synthetic and real records.
      await loadRegistryFixture(db, todayIso(), true);
    },
  },
  ({ url, withPage, open }) => {
    describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
      for (const viewport of [DESKTOP, NARROW]) {
        for (const path of BRIEFS) {
          it(`${path} at ${viewport.width}×${viewport.height}`, async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, path);
              await expectNoAxeViolations(page, `${path} at ${viewport.width}×${viewport.height}`);
            });
          });
        }
      }
    });

    it('reflows at 320 px: no brief scrolls sideways; only table containers may', async () => {
      await withPage({ viewport: NARROW }, async (page) => {
        for (const path of BRIEFS) {
          await open(page, path);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        }
      });
    });

    it('is reached from the State profile without JavaScript, and sends no script', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/states/KEN');
        await page.getByRole('link', { name: 'Printable country brief' }).click();
        await page.waitForURL((u) => u.pathname === '/states/KEN/brief');
        expect(await page.locator('main h1').textContent()).toBe('Kenya: country brief');
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.getByRole('table', { name: 'Pledges of Kenya by status' }).isVisible()).toBe(true);
      });
    });

    it('prints without navigation, footer or links to other forms, and writes out the address of each reference', async () => {
      await withPage({ viewport: DESKTOP }, async (page) => {
        await open(page, '/states/BRA/brief');
        const hidden = ['header.site nav.main', 'nav.lang', 'footer.site', 'article.brief .data-links'];
        for (const selector of hidden)
          expect(await page.locator(selector).first().isVisible(), selector).toBe(true);
        await page.emulateMedia({ media: 'print' });
        for (const selector of hidden)
          expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
        expect(await page.locator('main h1').isVisible()).toBe(true);
        expect(await page.locator('.brief-about').isVisible()).toBe(true);
        const after = await page.evaluate(() => {
          const a = document.querySelector<HTMLAnchorElement>('.references a[href^="http"]');
          return a ? { href: a.href, content: getComputedStyle(a, '::after').content } : null;
        });
        expect(after).not.toBeNull();
        expect(after!.content).toBe(`" <${after!.href}>"`);
        // Rows are kept whole across pages.
        const rowBreak = await page.evaluate(
          () => getComputedStyle(document.querySelector('.brief-events tr')!).breakInside,
        );
        expect(rowBreak).toBe('avoid');
      });
    });

    it('weighs under 100 KB compressed on a first view (page and stylesheet)', async () => {
      for (const path of ['/states/USA/brief', '/states/BRA/brief']) {
        const pageBytes = await encodedBytes(url(path));
        expect(pageBytes.encoding, path).toBe('gzip');
        const html = await (await fetch(url(path))).text();
        const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
        expect(stylesheet).toBeDefined();
        const cssBytes = await encodedBytes(url(stylesheet!));
        const total = pageBytes.bytes + cssBytes.bytes;
        expect(total, `${path}: ${total} bytes`).toBeLessThan(100 * 1024);
      }
    });
  },
);
