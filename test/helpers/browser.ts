/**
 * A real browser for end-to-end tests and the page-weight benchmark: Debian's
 * Chromium driven by playwright-core. playwright-core makes a fresh, throwaway
 * profile for every launch; never run `npx playwright install`.
 *
 * @example
 * const browser = await launchBrowser();
 * const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
 * const page = await context.newPage();
 * // ...
 * await browser.close();
 */
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './environment.ts';

/** Flags for a quiet, headless Chromium in a container: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/**
 * Launches headless Chromium from `executablePath` (default: CHROMIUM_PATH,
 * then /usr/bin/chromium). Throws a clear error when there is none, so callers
 * should skip first with `describe.skipIf(!chromiumPath)`.
 */
export async function launchBrowser(executablePath: string | undefined = chromiumPath): Promise<Browser> {
  if (!executablePath) {
    throw new Error('No Chromium found: set CHROMIUM_PATH or run `apt-get install -y chromium`');
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
}

/** The two viewports the browser tests check every page at. */
export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 320, height: 640 };

/** Runs `fn` on a page of a fresh context (axe refuses pages from `browser.newPage()`), closed afterwards. */
export async function withPage<T>(
  browser: Browser,
  options: BrowserContextOptions,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

export { chromiumPath };
