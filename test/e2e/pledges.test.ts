/**
 * The pledge pages in a real browser (Debian's Chromium through
 * playwright-core) against the real server over the hand-built registry:
 * filtering by ticking a facet and submitting the form with JavaScript off,
 * following a result to its pledge, axe at desktop and 320 px, and reflow at
 * 320 px (only table containers may scroll sideways). Runs once per engine.
 */
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../src/http/params.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';
import { loadRegistryFixture } from '../helpers/registry-fixture.ts';

/** Every pledge page template, with a filtered explorer (its facet groups open). */
const TEMPLATES = [
  '/pledges',
  '/pledges?compact=gcr&flag=overdue&q=refugee',
  '/pledges?compact=gcm&region=002',
  '/pledges/P-01',
  '/pledges/P-04',
  '/actors',
  '/actors/KEN',
  '/actors/refugee-council',
  '/objectives/gcr-1',
  '/states/KEN',
];

describeInBrowser(
  'the pledge pages in a real browser',
  { seed: (db) => loadRegistryFixture(db, todayIso()) },
  ({ engine, url, withPage, open }) => {
    it('without JavaScript: tick a facet, submit, the results follow; then open a pledge', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/pledges');
        const heading = page.locator('#results-h');
        expect(await heading.textContent()).toBe('9 pledges match');

        // The facet group is a closed disclosure until a value is ticked.
        await page.locator('summary', { hasText: 'Compact' }).first().click();
        await page.getByLabel('GCR (5)').check();
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL((u) => u.searchParams.get('compact') === 'gcr');

        expect(await heading.textContent()).toBe('5 pledges match');
        const api = (await (await fetch(url('/api/v1/pledges?compact=gcr'))).json()) as {
          data: { id: string; title: string }[];
          meta: { total: number };
        };
        expect(api.meta.total).toBe(5);
        const rows = page.locator('table.pledges tbody th[scope="row"] a');
        expect(await rows.allTextContents()).toEqual(api.data.map((p) => p.title));
        expect(await page.getByLabel('GCR (5)').isChecked()).toBe(true);

        await rows.first().click();
        await page.waitForURL((u) => u.pathname === `/pledges/${api.data[0]!.id}`);
        expect(await page.locator('h1').textContent()).toBe(api.data[0]!.title);
        expect(await page.locator('#history').isVisible()).toBe(true);
      });
    });

    it('without JavaScript: a text search and a remove-filter link', async () => {
      await withPage({ viewport: NARROW, javaScriptEnabled: false }, async (page) => {
        await open(page, '/pledges?flag=stale');
        await page.getByLabel('Search words').fill('refugee');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL((u) => u.searchParams.get('q') === 'refugee');
        expect(await page.locator('#results-h').textContent()).toBe('2 pledges match');
        await page.getByRole('link', { name: 'Remove the filter Flags: Stale' }).click();
        await page.waitForURL((u) => !u.searchParams.has('flag'));
        expect(await page.locator('#results-h').textContent()).toBe('4 pledges match');
      });
    });

    describe('axe: 0 violations (WCAG 2.2 AA tags, target-size on)', () => {
      for (const viewport of [DESKTOP, NARROW]) {
        for (const path of TEMPLATES) {
          it(`${path} at ${viewport.width}×${viewport.height} on ${engine}`, async () => {
            await withPage({ viewport }, async (page) => {
              await open(page, path);
              await expectNoAxeViolations(page, `${path} at ${viewport.width}×${viewport.height}`);
            });
          });
        }
      }
    });

    for (const path of TEMPLATES) {
      it(`${path} reflows at 320 px: it does not scroll sideways; only table containers may`, async () => {
        await withPage({ viewport: NARROW }, async (page) => {
          await open(page, path);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
        });
      });
    }
  },
);
