/**
 * The editor in a real browser with JavaScript off, on both engines: a focal
 * point signs in, creates a pledge through the form and submits it; a
 * reviewer, in a second browser context, finds it in the moderation queue
 * and publishes it; the public page then shows it. Axe (WCAG 2.2 AA) at
 * desktop and 320 px on the dashboard, the new-pledge form and its error
 * state, the record page (author's and reviewer's views) and the queue.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { todayIso } from '../../src/http/params.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';
import { EDITOR_PASSWORD, EDITORS, seedEditors } from '../helpers/editors.ts';
import { loadRegistryFixture } from '../helpers/registry-fixture.ts';

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(EDITOR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Fills the new-pledge form (the focal point's only State is already chosen) and saves it. */
async function createPledge(page: Page, title: string): Promise<void> {
  await page.locator('#edit-title').fill(title);
  await page.locator('#edit-description').fill('Refugee children join national schools.');
  await page.locator('#edit-type').selectOption('policy');
  await page.locator('#edit-forum').selectOption('grf-2023');
  await page.getByLabel('Global Compact on Refugees (GCR)').check();
  await page.locator('#edit-sources').fill('https://example.org/pledge-source');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/editor\/pledges\/PL-[0-9A-Z]+\?done=created$/);
}

describeInBrowser(
  'the editor in a real browser',
  {
    seed: async (db) => {
      await loadRegistryFixture(db, todayIso());
      await seedEditors(db);
    },
  },
  ({ withPage, open }) => {
    it('without JavaScript: a focal point creates and submits a pledge; a reviewer publishes it from the queue', async () => {
      const title = 'Refugee children in national schools';
      let recordPath = '';
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/sign-in?next=/editor');
        await signIn(page, EDITORS.focalKen.email);
        await page.waitForURL(/\/editor$/);
        await page.getByRole('link', { name: 'New pledge' }).click();
        await page.waitForURL(/\/editor\/pledges\/new$/);
        await createPledge(page, title);
        expect(await page.getByRole('status').textContent()).toContain('Draft saved.');
        recordPath = new URL(page.url()).pathname;
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.waitForURL(/\?done=submitted$/);
        expect(await page.getByRole('status').textContent()).toBe('Submitted for review.');
        expect(await page.locator('.workflow').textContent()).toBe('Submitted for review');
      });
      const id = decodeURIComponent(recordPath.split('/').pop() ?? '');
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, `/pledges/${id}`, 404);
        await open(page, '/sign-in');
        await signIn(page, EDITORS.reviewer.email);
        await page.waitForURL(/\/editor$/);
        await page.getByRole('link', { name: 'Moderation queue' }).click();
        await page.waitForURL(/\/editor\/queue$/);
        await page.getByRole('link', { name: title }).click();
        await page.waitForURL((u) => u.pathname === recordPath);
        expect(await page.getByText('New record: nothing is published under this id yet.').isVisible()).toBe(
          true,
        );
        await page.getByRole('button', { name: 'Publish', exact: true }).click();
        await page.waitForURL(/\?done=published$/);
        expect(await page.getByRole('status').textContent()).toBe('Published: the record is now public.');
        await page.getByRole('link', { name: 'Read the published record' }).click();
        await page.waitForURL((u) => u.pathname === `/pledges/${id}`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
      });
    }, 120_000);

    // A record submitted by the focal point at each width, for the reviewer's pages at that width.
    const submitted = new Map<number, { path: string; title: string }>();

    for (const viewport of [DESKTOP, NARROW]) {
      const at = `at ${viewport.width}px`;

      it(`axe: the new-pledge form, its errors, a draft's record page and the dashboard ${at}`, async () => {
        await withPage({ viewport }, async (page) => {
          await open(page, '/sign-in');
          await signIn(page, EDITORS.focalKen.email);
          await page.waitForURL(/\/editor$/);
          await page.getByRole('link', { name: 'New pledge' }).click();
          await page.waitForURL(/\/editor\/pledges\/new$/);
          await expectNoAxeViolations(page, `/editor/pledges/new ${at}`);
          await expectNoHorizontalScroll(page);
          await page.getByRole('button', { name: 'Save draft' }).click();
          expect(await page.getByRole('alert').textContent()).toContain('The record was not saved.');
          await expectNoAxeViolations(page, `/editor/pledges/new with errors ${at}`);
          await expectNoHorizontalScroll(page);
          const title = `A pledge checked ${at}`;
          await createPledge(page, title);
          await expectNoAxeViolations(page, `the record page of a draft ${at}`);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
          await page.getByRole('button', { name: 'Submit for review' }).click();
          await page.waitForURL(/\?done=submitted$/);
          submitted.set(viewport.width, { path: new URL(page.url()).pathname, title });
          await page.getByRole('link', { name: 'Dashboard' }).click();
          await page.waitForURL(/\/editor$/);
          await expectNoAxeViolations(page, `/editor with drafts ${at}`);
          await expectNoHorizontalScroll(page);
        });
      }, 120_000);

      it(`axe: the moderation queue, the reviewer's record page and the return form's error ${at}`, async () => {
        const record = submitted.get(viewport.width);
        expect(record, 'the previous test submitted a record').toBeDefined();
        await withPage({ viewport }, async (page) => {
          await open(page, '/sign-in');
          await signIn(page, EDITORS.reviewer.email);
          await page.waitForURL(/\/editor$/);
          await open(page, '/editor/queue');
          expect(await page.getByRole('link', { name: record!.title }).isVisible()).toBe(true);
          await expectNoAxeViolations(page, `/editor/queue ${at}`);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
          await open(page, record!.path);
          await expectNoAxeViolations(page, `the reviewer's record page ${at}`);
          await expectNoHorizontalScroll(page, ['.table-scroll']);
          await page.getByRole('button', { name: 'Return to the author' }).click();
          expect(await page.getByRole('alert').textContent()).toContain('is required');
          await expectNoAxeViolations(page, `the return form with an error ${at}`);
        });
      }, 120_000);
    }
  },
);
