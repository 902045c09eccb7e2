import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../test/helpers/http.ts';

describe('security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp('sqlite');
  });
  afterAll(async () => app?.close());

  it('sends a script-free CSP, no framing and nosniff on pages, API answers, errors and cached hits', async () => {
    for (const path of ['/', '/', '/api/v1/compacts', '/api/v1/nothing-here', '/no-such-page', '/healthz']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });
});

describe('body size limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp('sqlite');
  });
  afterAll(async () => app?.close());

  it('refuses a body over 1 MiB with a 413 problem, before any handler reads it', async () => {
    const body = 'x'.repeat(1024 * 1024 + 1);
    const res = await app.request('/api/v1/compacts', {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload_too_large');
    const page = await app.request('/sign-in', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(413);
  });
});
