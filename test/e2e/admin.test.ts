/**
 * The administration pages in a real browser with JavaScript off, on both
 * engines: an admin signs in, adds a user (after a refused attempt), uploads
 * a small CSV, reads the dry run, imports it, and finds the import in the
 * audit log filtered by resource. Then axe on every page and error state
 * (with scripts on, which axe needs; the pages send none), at 1280 and at
 * 320 px, where nothing may scroll sideways but the tables.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { CLI_AUTHOR, createUser } from '../../src/features/accounts/service.ts';
import { ACTORS_CSV, ACTORS_CSV_BAD } from '../../src/features/admin/test-fixtures.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const PASSWORD = 'a long and private passphrase';

describeInBrowser(
  'the administration pages in a real browser',
  {
    seed: (db) =>
      createUser(
        db,
        { email: 'admin@example.org', role: 'admin', states: [], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      ),
  },
  ({ withPage, open, engine }) => {
    const signIn = async (page: Page) => {
      await open(page, '/sign-in?next=/editor/users');
      await page.getByLabel('Email', { exact: true }).fill('admin@example.org');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/editor\/users$/);
    };
    const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

    it('adds a user, imports a CSV after its dry run, and finds the import in the audit log (JavaScript off)', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await signIn(page);
        expect(await heading(page)).toBe('Users');

        const email = `fp-${engine}@example.org`;
        await page.getByLabel('Email', { exact: true }).fill(email);
        await page.getByLabel('Role').selectOption('focal_point');
        await page.getByLabel('States (focal points)').fill('bra, arg');
        await page.getByLabel('Password', { exact: true }).fill('too short');
        await page.getByRole('button', { name: 'Add user' }).click();
        expect(await page.getByRole('alert').textContent()).toContain(
          'Password: The password must be at least 12 characters long.',
        );
        expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

        await page.getByLabel('Password', { exact: true }).fill('another long and private passphrase');
        await page.getByRole('button', { name: 'Add user' }).click();
        await page.waitForURL(/\/editor\/users\/\d+\?done=added$/);
        expect(await page.getByRole('status').textContent()).toBe(`The user ${email} was added.`);
        expect(await page.getByText('The States ARG, BRA').isVisible()).toBe(true);

        await page.getByRole('link', { name: 'Import', exact: true }).click();
        await page.waitForURL(/\/editor\/import$/);
        await page.getByLabel('File').setInputFiles({
          name: 'actors.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(ACTORS_CSV),
        });
        await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
        await page.waitForURL(/\/editor\/import\/[0-9a-f]{32}$/);
        expect(await heading(page)).toBe('Dry run of actors.csv');
        const actors = page.getByRole('row', { name: /^Actors/ });
        expect(await actors.getByRole('cell').allTextContents()).toEqual(['2', '0', '0']);

        await page.getByRole('button', { name: 'Import 2 records' }).click();
        await page.waitForURL(/\/editor\/import\?done=imported/);
        expect(await page.getByRole('status').textContent()).toBe(
          'Imported actors.csv: 2 records, in one transaction.',
        );

        await page.getByRole('link', { name: 'Audit log', exact: true }).click();
        await page.waitForURL(/\/editor\/audit$/);
        await page.getByLabel('Resource').selectOption('import');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/\/editor\/audit\?.*resource=import/);
        const rows = page.locator('table.audit tbody tr');
        expect(await rows.count()).toBe(1);
        const cells = await rows.first().getByRole('cell').allTextContents();
        expect(cells.slice(1, 4)).toEqual(['admin@example.org', 'import', 'import']);
        expect(cells[4]).toMatch(/^actors\.csv [0-9a-f]{12}$/);
        expect(cells[5]).toContain('actors: {"inserted":2,"updated":0,"unchanged":0} (added)');

        await page.getByRole('link', { name: 'Security events' }).click();
        await page.waitForURL(/log=security/);
        expect(await page.getByRole('cell', { name: 'sign_in', exact: true }).count()).toBeGreaterThan(0);
      });
    }, 240_000);

    /** Every page and state of the admin area, with axe on each (axe needs scripts on: the site itself sends none). */
    const checkEveryPage = async (page: Page, width: number) => {
      const check = async (label: string) => {
        await expectNoAxeViolations(page, `${label} at ${width}px (${engine})`);
        await expectNoHorizontalScroll(page, ['.table-scroll']);
      };
      await signIn(page);
      await check('/editor/users');
      await page.getByLabel('Email', { exact: true }).fill('not an email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('alert').waitFor();
      await check('/editor/users with a refused form');
      await page.locator('table a[href^="/editor/users/"]').first().click();
      await page.waitForURL(/\/editor\/users\/\d+$/);
      await check('/editor/users/{id}');
      await open(page, '/editor/import');
      await check('/editor/import');
      await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
      await page.getByRole('alert').waitFor();
      await check('/editor/import with a refused form');
      await page
        .getByLabel('File')
        .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(ACTORS_CSV_BAD) });
      await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
      await page.waitForURL(/\/editor\/import\/[0-9a-f]{32}$/);
      await check('/editor/import/{id} with problems');
      await open(page, '/editor/import');
      const csv = `id,name,type,iso3,website,synthetic\nngo-${width},Network ${width},civil_society,,,false`;
      await page
        .getByLabel('File')
        .setInputFiles({ name: 'new.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
      await page.getByRole('button', { name: 'Import 1 record' }).waitFor();
      await check('/editor/import/{id} ready to import');
      await open(page, '/editor/audit');
      await check('/editor/audit');
      await open(page, '/editor/audit?from=2021-13-01', 400);
      await check('/editor/audit with a refused filter');
      await open(page, '/editor/audit?log=security');
      await check('/editor/audit?log=security');
    };

    it('passes axe on every page and state at 1280 px', async () => {
      await withPage({ viewport: DESKTOP }, (page) => checkEveryPage(page, DESKTOP.width));
    }, 240_000);

    it('reads at 320 px without sideways scrolling, and passes axe there', async () => {
      await withPage({ viewport: NARROW }, (page) => checkEveryPage(page, NARROW.width));
    }, 240_000);
  },
);
