/**
 * The brief as a file: the page rendered in-process (no server), made
 * self-contained (stylesheet inlined, links resolved against the public
 * address), and printed to an A4 PDF by headless Chromium through
 * playwright-core. Files are written to a temporary name beside the target
 * and then renamed, so a reader never sees half a file.
 *
 * @example
 * const html = await briefDocument(app, 'BRA', { locale: 'en', publicUrl: 'https://example.org' });
 * await printPdf(html, { executablePath: '/usr/bin/chromium', out: 'brazil.pdf' });
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { AppError, ConfigError, NotFoundError, ValidationError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import type { Locale } from '../../web/i18n/index.ts';
import { briefPath } from './service.ts';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet headless Chromium: no sandbox (containers), no GPU, no background traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The brief page of `iso3` as one HTML document that needs nothing else: the
 * stylesheet inline, a `<base>` at `publicUrl` so its links lead to the site,
 * and a doctype.
 */
export async function briefDocument(
  app: Hono<AppEnv>,
  iso3: string,
  { locale, publicUrl }: { locale: Locale; publicUrl: string },
): Promise<string> {
  const headers = { 'accept-language': locale };
  const res = await app.request(briefPath(iso3), { headers });
  if (res.status === 404) throw new NotFoundError('State', iso3);
  if (res.status !== 200) {
    throw new AppError(`The brief page answered ${res.status}.`, {
      code: 'internal_error',
      status: 500,
      exitCode: 70,
    });
  }
  let html = await res.text();
  for (const match of [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"\s*\/?>/g)]) {
    const css = await (await app.request(match[1]!, { headers })).text();
    html = html.replace(match[0], `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`);
  }
  html = html.replace('<head>', `<head><base href="${escapeAttr(publicUrl)}/">`);
  // Standards mode for the printer, whatever the page template sends.
  return /^<!doctype/i.test(html) ? html : `<!DOCTYPE html>${html}`;
}

/**
 * Refuses an output path that cannot be written (a folder, or a folder that
 * does not exist or is not writable) before any work is done; `option` names
 * the argument in the message.
 */
export function checkOutputPath(file: string, option: string): void {
  const abs = path.resolve(file);
  const fail = (why: string) => {
    throw new ValidationError(`Cannot write ${option} ${file}: ${why}.`, [
      { location: option, message: why },
    ]);
  };
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) fail('it is a folder; give a file name');
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`the folder ${dir} does not exist`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    fail(`the folder ${dir} is not writable`);
  }
}

/** Writes `data` to a temporary file beside `file`, then renames it into place. */
export function writeFileAtomic(file: string, data: string | Uint8Array, option: string): void {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ValidationError(`Cannot write ${option} ${file}: ${why}.`, [
      { location: option, message: why },
    ]);
  }
}

/** Pages in a PDF file: the page objects of its page tree. */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;
}

/** Checks that there is a browser at `executablePath`; the message names the setting to fix. */
export function checkChromium(executablePath: string): void {
  if (!fs.existsSync(executablePath)) {
    throw new ConfigError(
      `No Chromium at ${executablePath}: set CHROMIUM_PATH to the browser's executable (on Debian: apt-get install chromium).`,
      [{ location: 'CHROMIUM_PATH', message: `no file at ${executablePath}` }],
    );
  }
}

/**
 * Prints a self-contained HTML document to an A4 PDF with headless Chromium,
 * offline (every network request is refused), and returns the PDF's bytes.
 */
export async function printPdf(
  html: string,
  { executablePath }: { executablePath: string },
): Promise<Uint8Array> {
  checkChromium(executablePath);
  // Loaded only here: the server and the other commands never need a browser.
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new ConfigError(
      `Chromium at ${executablePath} did not start (${(err as Error).message.split('\n')[0]}): check CHROMIUM_PATH.`,
      [{ location: 'CHROMIUM_PATH', message: 'the browser did not start' }],
    );
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await browser.close();
  }
}
