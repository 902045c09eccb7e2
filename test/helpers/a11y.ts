/**
 * What the browser tests share (vitest only; the benchmark uses `browser.ts`
 * alone): a browser for the suite and a real server per database engine,
 * axe with the WCAG 2.2 AA tags and `target-size`, and the 320 px reflow check.
 *
 * @example
 * describeInBrowser('the site in a real browser', ({ withPage, open }) => {
 *   it('/ has no axe violations', async () => {
 *     await withPage({ viewport: NARROW }, async (page) => {
 *       await open(page, '/');
 *       await expectNoAxeViolations(page, '/ at 320 px');
 *       await expectNoHorizontalScroll(page);
 *     });
 *   });
 * });
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Kysely } from 'kysely';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { chromiumPath, launchBrowser, withPage } from './browser.ts';
import { type EngineName, forEachEngine } from './db.ts';
import { startTestServer, type TestServer } from './server.ts';

export type BrowserSuite = {
  engine: EngineName;
  /** The address of `path` on this engine's server (call it inside a test: the server starts in `beforeAll`). */
  url: (path?: string) => string;
  /** Runs `fn` on a page of a fresh browser context, closed afterwards. */
  withPage: <T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>) => Promise<T>;
  /** Loads `pathname` in `page` and checks the status it answers. */
  open: (page: Page, pathname: string, status?: number) => Promise<void>;
};

export type BrowserSuiteOptions = {
  /**
   * Writes what the tests need into each engine's database once its server
   * has started, through a second connection that is closed afterwards (the
   * server sees the change through the data version).
   */
  seed?: (db: Kysely<Database>) => Promise<unknown>;
};

/**
 * A describe block with one Chromium for all of it and, once per database
 * engine, a real server over a fresh database (seeded by `options.seed`).
 * Skipped when no Chromium is installed at CHROMIUM_PATH or /usr/bin/chromium:
 * outside CI that is a skip with a reason (printed by the global setup); under
 * CI=true the global setup fails the run instead.
 *
 * @example
 * describeInBrowser('the pledge pages', { seed: (db) => loadRegistryFixture(db, today) }, (suite) => {});
 */
export function describeInBrowser(title: string, tests: (suite: BrowserSuite) => void): void;
export function describeInBrowser(
  title: string,
  options: BrowserSuiteOptions,
  tests: (suite: BrowserSuite) => void,
): void;
export function describeInBrowser(
  title: string,
  ...args: [(suite: BrowserSuite) => void] | [BrowserSuiteOptions, (suite: BrowserSuite) => void]
): void {
  const [options, tests] = args.length === 1 ? [{} as BrowserSuiteOptions, args[0]] : args;
  describe.skipIf(!chromiumPath)(title, () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
    });

    forEachEngine((engine) => {
      let server: TestServer;

      beforeAll(async () => {
        server = await startTestServer(engine);
        if (options.seed) {
          const database = await openDatabase(server.config.database);
          try {
            await options.seed(database.db);
          } finally {
            await database.close();
          }
        }
      });

      afterAll(async () => {
        await server?.stop();
      });

      tests({
        engine,
        url: (path = '') => `${server.url}${path}`,
        withPage: (options, fn) => withPage(browser, options, fn),
        open: async (page, pathname, status = 200) => {
          const res = await page.goto(`${server.url}${pathname}`);
          expect(res?.status(), `GET ${pathname} should answer ${status}`).toBe(status);
        },
      });
    });
  });
}

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules; `target-size` (2.5.8) is off in axe by default, so it is turned on. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One line per violation and one per offending element (ten at most), with axe's own fix summary. */
function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => {
          const summary = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
          return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    (+${v.nodes.length - 10} more)` : '';
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Runs axe on the page as it is; fails with every violation, readably, under `label`. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  if (results.violations.length > 0) {
    expect.fail(
      `${results.violations.length} axe violation(s) on ${label}:\n${formatViolations(results.violations)}`,
    );
  }
}

/**
 * Reflow (WCAG 1.4.10): the page does not scroll sideways at its viewport's
 * width, and no element sticks out past the right edge except inside
 * `allowedSelectors` (scroll containers such as `.table-scroll`, which may).
 */
export async function expectNoHorizontalScroll(page: Page, allowedSelectors: string[] = []): Promise<void> {
  const width = page.viewportSize()?.width;
  if (width === undefined) throw new Error('expectNoHorizontalScroll needs a page with a fixed viewport');
  const { scrollWidth, outside } = await page.evaluate(
    ({ width, allowed }) => {
      const outside: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (allowed.some((selector) => el.closest(selector))) continue;
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5 && outside.length < 10) {
          const cls = el.getAttribute('class');
          outside.push(
            `${el.tagName.toLowerCase()}${cls ? `.${cls.split(/\s+/).join('.')}` : ''} (right edge ${Math.round(r.right)}px)`,
          );
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, outside };
    },
    { width, allowed: allowedSelectors },
  );
  const where = allowedSelectors.length > 0 ? ` outside ${allowedSelectors.join(', ')}` : '';
  expect(outside, `elements past the right edge at ${width}px${where}`).toEqual([]);
  expect(
    scrollWidth,
    `${new URL(page.url()).pathname} is ${scrollWidth}px wide at ${width}px`,
  ).toBeLessThanOrEqual(width);
}
