/**
 * The public site in a real browser (Debian's Chromium through playwright-core)
 * against the real server: navigation by links, axe on every page template at
 * desktop and 320 px, reading without JavaScript, reflow, the skip link, and
 * the README screenshot. Runs once per database engine.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/db.ts';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot-home.png', import.meta.url));

/** Every page template, with the status it must answer. A missing page fails (404 ≠ 200). */
const TEMPLATES: { path: string; status: number; lang?: string }[] = [
  { path: '/', status: 200 },
  { path: '/compacts/gcm', status: 200 },
  { path: '/compacts/gcr', status: 200 },
  { path: '/objectives/gcm-1', status: 200 },
  { path: '/classifications/wmr2020', status: 200 },
  { path: '/timeline', status: 200 },
  { path: '/architecture', status: 200 },
  { path: '/about', status: 200 },
  { path: '/api', status: 200 },
  { path: '/no-such-page', status: 404 },
  { path: '/?lang=fr', status: 200, lang: 'fr' },
];

describeInBrowser('the site in a real browser', ({ engine, url, withPage, open }) => {
  it('home → compact → objective by real links; the objective page has its heading and a source', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      await open(page, '/');

      const toCompact = page.locator('main a[href^="/compacts/"], a[href^="/compacts/"]').first();
      await toCompact.click();
      await page.waitForURL(/\/compacts\/(gcm|gcr)(\?|$)/);

      const toObjective = page.locator('main a[href^="/objectives/"]').first();
      const href = await toObjective.getAttribute('href');
      expect(href).toMatch(/^\/objectives\/(gcm|gcr)-\d+/);
      await toObjective.click();
      await page.waitForURL((u) => u.pathname === new URL(href!, url()).pathname);

      const id = new URL(href!, url()).pathname.split('/').pop()!;
      const api = (await (await fetch(url(`/api/v1/objectives/${id}`))).json()) as {
        data: { title: string };
      };
      const h1 = page.locator('h1');
      await expect.poll(() => h1.count()).toBe(1);
      expect(await h1.isVisible()).toBe(true);
      expect(await h1.textContent()).toContain(api.data.title);

      const sources = page.locator('main .sources li');
      expect(await sources.count(), 'the objective page lists at least one source').toBeGreaterThan(0);
      expect(await sources.first().isVisible()).toBe(true);
      expect((await sources.first().textContent())?.trim()).toBeTruthy();
    });
  });

  describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
    for (const viewport of [DESKTOP, NARROW]) {
      for (const template of TEMPLATES) {
        it(`${template.path} at ${viewport.width}×${viewport.height}`, async () => {
          await withPage({ viewport }, async (page) => {
            await open(page, template.path, template.status);
            if (template.lang) expect(await page.getAttribute('html', 'lang')).toBe(template.lang);
            await expectNoAxeViolations(page, `${template.path} at ${viewport.width}×${viewport.height}`);
          });
        });
      }
    }
  });

  describe('without JavaScript', () => {
    for (const pathname of ['/', '/objectives/gcm-1']) {
      it(`${pathname} shows its content and navigation`, async () => {
        await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
          await open(page, pathname);
          await expect.poll(() => page.locator('main h1').isVisible()).toBe(true);
          expect((await page.locator('main h1').textContent())?.trim()).toBeTruthy();
          expect((await page.locator('main').textContent())?.trim().length ?? 0).toBeGreaterThan(100);
          const navLinks = page.locator('header nav a');
          expect(await navLinks.count()).toBeGreaterThanOrEqual(5);
          expect(await navLinks.first().isVisible()).toBe(true);
          if (pathname.startsWith('/objectives/')) {
            expect(await page.locator('main .sources li').count()).toBeGreaterThan(0);
          }
        });
      });
    }
  });

  describe('reflow at 320 px: no horizontal scrolling', () => {
    for (const pathname of ['/', '/objectives/gcm-1']) {
      it(pathname, async () => {
        await withPage({ viewport: NARROW }, async (page) => {
          await open(page, pathname);
          await expectNoHorizontalScroll(page);
        });
      });
    }
  });

  it('keyboard: the first Tab focuses the visible skip link, and activating it moves focus to main', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      await open(page, '/');
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        return {
          className: el?.className ?? '',
          href: el?.getAttribute('href') ?? '',
          onScreen: !!r && r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
        };
      });
      expect(first.className).toContain('skip-link');
      expect(first.href).toBe('#main');
      expect(first.onScreen, 'the focused skip link is visible on screen').toBe(true);

      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase()))
        .toBe('main');
    });
  });

  // Once per run (on the first engine), so the README image is written once.
  if (engine === ENGINES[0]) {
    it('screenshot of the home page for the README (docs/screenshot-home.png)', async () => {
      await withPage({ viewport: DESKTOP }, async (page) => {
        await open(page, '/');
        await page.screenshot({ path: SCREENSHOT, fullPage: false });
      });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(1000);
    });
  }
});
