/**
 * Page weight of a first view in the real browser (probe P2): every response's
 * `encodedDataLength` from CDP `Network.loadingFinished`, summed until network
 * idle, with a fresh profile and cache and the `Accept-Encoding` Chromium sends.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser.ts';
import { chromiumPath } from '../test/helpers/environment.ts';
import { log } from './report.ts';

export type PageWeightResource = {
  url: string;
  type: string;
  status: number;
  contentEncoding: string | null;
  encodedBytes: number;
};

export type PageWeightResult = {
  path: string;
  totalBytes: number;
  totalKB: number;
  scriptBytes: number;
  requests: number;
  hosts: string[];
  thirdPartyHosts: string[];
  /** The Accept-Encoding header Chromium sent for the document. */
  acceptEncoding: string | null;
  resources: PageWeightResource[];
};

type Pending = { url: string; type: string; status: number; contentEncoding: string | null };

/** Loads `baseUrl + path` in a new context at 1280×800 and totals what crossed the network. */
export async function measurePageWeight(
  browser: Browser,
  baseUrl: string,
  path: string,
): Promise<PageWeightResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pending = new Map<string, Pending>();
    const resources: PageWeightResource[] = [];
    let acceptEncoding: string | null = null;
    let documentRequestId: string | undefined;

    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Document' && !documentRequestId) documentRequestId = e.requestId;
      const prev = pending.get(e.requestId);
      pending.set(e.requestId, {
        url: e.request.url,
        type: e.type ?? 'Other',
        status: prev?.status ?? 0,
        contentEncoding: null,
      });
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      if (e.requestId !== documentRequestId) return;
      const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
      if (header) acceptEncoding = String(header[1]);
    });
    cdp.on('Network.responseReceived', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      p.status = e.response.status;
      const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
      p.contentEncoding = enc ? String(enc[1]) : null;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      pending.delete(e.requestId);
      resources.push({ ...p, encodedBytes: e.encodedDataLength });
    });
    cdp.on('Network.loadingFailed', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      pending.delete(e.requestId);
      resources.push({ ...p, status: p.status || -1, encodedBytes: 0 });
    });

    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const res = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
    if (res?.status() !== 200) throw new Error(`GET ${path} answered ${res?.status() ?? 'nothing'}`);
    await cdp.detach();

    const ownHost = new URL(baseUrl).host;
    const networked = resources.filter((r) => /^https?:/.test(r.url));
    const hosts = [...new Set(networked.map((r) => new URL(r.url).host))].sort();
    const totalBytes = networked.reduce((sum, r) => sum + r.encodedBytes, 0);
    return {
      path,
      totalBytes,
      totalKB: Math.round((totalBytes / 1024) * 10) / 10,
      scriptBytes: networked.filter((r) => r.type === 'Script').reduce((sum, r) => sum + r.encodedBytes, 0),
      requests: networked.length,
      hosts,
      thirdPartyHosts: hosts.filter((h) => h !== ownHost),
      acceptEncoding,
      resources: networked,
    };
  } finally {
    await context.close();
  }
}

/**
 * `measurePageWeight` for each path in one Chromium, announced as `label`;
 * `{ skipped }` when there is no Chromium at CHROMIUM_PATH or /usr/bin/chromium.
 */
export async function measurePagesWeight(
  baseUrl: string,
  paths: readonly string[],
  label: string,
): Promise<PageWeightResult[] | { skipped: string }> {
  if (!chromiumPath) return { skipped: 'no Chromium at CHROMIUM_PATH or /usr/bin/chromium' };
  log(`${label}: Chromium at ${chromiumPath}`);
  const browser = await launchBrowser();
  try {
    const results: PageWeightResult[] = [];
    for (const p of paths) results.push(await measurePageWeight(browser, baseUrl, p));
    return results;
  } finally {
    await browser.close();
  }
}
