/**
 * Signing in and out in a real browser with JavaScript off, on both engines:
 * the form, a failed attempt announced in the error summary, the editor's
 * start page, and axe on the sign-in and editor pages.
 */
import { expect, it } from 'vitest';
import { CLI_AUTHOR, createUser } from '../../src/features/accounts/service.ts';
import { describeInBrowser, expectNoAxeViolations, expectNoHorizontalScroll } from '../helpers/a11y.ts';
import { DESKTOP, NARROW } from '../helpers/browser.ts';

const PASSWORD = 'a long and private passphrase';

describeInBrowser(
  'sign-in and the editor in a real browser',
  {
    seed: (db) =>
      createUser(
        db,
        { email: 'fp@example.org', role: 'focal_point', states: ['BRA'], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      ),
  },
  ({ withPage, open }) => {
    const signIn = async (page: import('playwright-core').Page, password: string) => {
      await page.getByLabel('Email').fill('fp@example.org');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };

    it('signs in and out with JavaScript off, announcing a failed attempt', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await open(page, '/sign-in');
        await signIn(page, 'not the right passphrase');
        expect(await page.getByRole('alert').textContent()).toContain('The email or password is not right.');
        expect(await page.getByLabel('Email').inputValue()).toBe('fp@example.org');
        await signIn(page, PASSWORD);
        await page.waitForURL(/\/editor$/);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Editor');
        expect(await page.getByText('Signed in as fp@example.org. Focal point for BRA.').isVisible()).toBe(
          true,
        );
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL((url) => url.pathname === '/');
        expect(await page.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
      });
    });

    for (const viewport of [DESKTOP, NARROW]) {
      it(`axe: the sign-in form, its error state and the editor at ${viewport.width} px`, async () => {
        await withPage({ viewport }, async (page) => {
          await open(page, '/sign-in');
          await expectNoAxeViolations(page, `/sign-in at ${viewport.width}px`);
          await signIn(page, 'not the right passphrase');
          await expectNoAxeViolations(page, `/sign-in with an error at ${viewport.width}px`);
          await signIn(page, PASSWORD);
          await page.waitForURL(/\/editor$/);
          await expectNoAxeViolations(page, `/editor at ${viewport.width}px`);
          await expectNoHorizontalScroll(page);
        });
        // Three pages checked by axe: slow on a shared machine.
      }, 120_000);
    }
  },
);
