/**
 * Signing in and out over HTTP on both engines: the session cookie, one
 * answer for every failed sign-in, throttling as 429 with Retry-After, CSRF
 * on state-changing requests, bearer tokens, no-store on authenticated
 * answers, and the editor's start page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { expectProblem, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { FREE_ATTEMPTS } from '../../domain/login-throttle.ts';
import { todayIso } from '../../http/params.ts';
import { CLI_AUTHOR, createToken, createUser, revokeToken } from './service.ts';

const PASSWORD = 'a long and private passphrase';
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const cookieOf = (res: Response) => /cw_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

forEachEngine((engine) => {
  describe('sign-in over HTTP', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
      await createUser(
        app.db,
        { email: 'fp@example.org', role: 'focal_point', states: ['KEN'], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      );
    });
    afterAll(() => app.close());

    const signIn = (email: string, password: string, next = '/editor') =>
      app.request('/sign-in', form({ email, password, next }));

    it('shows a sign-in form that works without JavaScript, and a Sign in link in the navigation', async () => {
      const { status, html } = await app.page('/sign-in');
      expect(status).toBe(200);
      expect(html).toContain('<form method="post" action="/sign-in"');
      expect(html).toContain('autocomplete="current-password"');
      expect((await app.page('/')).html).toContain('<a href="/sign-in">Sign in</a>');
    });

    it('signs in with an HttpOnly SameSite cookie and sends the user to the editor, with no-store', async () => {
      const res = await signIn('FP@example.org', PASSWORD);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/editor');
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const editor = await app.request('/editor', { headers: { cookie: `cw_session=${cookieOf(res)}` } });
      expect(editor.status).toBe(200);
      expect(editor.headers.get('cache-control')).toBe('no-store');
      const html = await editor.text();
      expect(html).toContain('Signed in as fp@example.org. Focal point for KEN.');
      expect(html).toContain('Pledges that need an update');
      expect(html).toContain('href="/pledges/P-01"');
      expect(html).toContain('<a href="/editor" aria-current="page">Editor</a>');
    });

    it('never redirects outside the site after sign-in', async () => {
      const res = await signIn('fp@example.org', PASSWORD, '//evil.example/');
      expect(res.headers.get('location')).toBe('/editor');
    });

    it('answers every failed sign-in with the same 401 page, and sends the public from /editor to sign in', async () => {
      const a = await signIn('nobody@example.org', PASSWORD);
      const b = await signIn('fp@example.org', 'not the right passphrase');
      expect([a.status, b.status]).toEqual([401, 401]);
      const [ta, tb] = [await a.text(), await b.text()];
      expect(ta).toContain('The email or password is not right.');
      expect(tb).toContain('The email or password is not right.');
      expect(a.headers.get('set-cookie')).toBeNull();
      const editor = await app.request('/editor');
      expect(editor.status).toBe(303);
      expect(editor.headers.get('location')).toBe('/sign-in?next=%2Feditor');
    });

    it('refuses sign-out without the CSRF token or from another origin, and signs out with it', async () => {
      const cookie = `cw_session=${cookieOf(await signIn('fp@example.org', PASSWORD))}`;
      const editor = await (await app.request('/editor', { headers: { cookie } })).text();
      const csrf = csrfOf(editor);
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const missing = await app.request('/sign-out', {
        ...form({}),
        headers: { ...form({}).headers, cookie },
      });
      expect(missing.status).toBe(403);
      const foreign = await app.request('/sign-out', {
        ...form({ _csrf: csrf }),
        headers: { ...form({}).headers, cookie, origin: 'https://evil.example', host: 'localhost' },
      });
      expect(foreign.status).toBe(403);
      expect((await app.request('/editor', { headers: { cookie } })).status).toBe(200);
      const out = await app.request('/sign-out', {
        ...form({ _csrf: csrf }),
        headers: { ...form({}).headers, cookie },
      });
      expect(out.status).toBe(303);
      expect((await app.request('/editor', { headers: { cookie } })).status).toBe(303);
      const events = await app.db.selectFrom('security_events').select('kind').execute();
      expect(events.map((e) => e.kind)).toContain('csrf_refused');
    });

    it('/api/v1/me: 401 for the public, the user and allowed actions for a bearer token, 401 once revoked', async () => {
      await expectProblem(await app.request('/api/v1/me'), 401, 'unauthenticated');
      const { id, token } = await createToken(app.db, 'fp@example.org', 'script', CLI_AUTHOR);
      const res = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as {
        data: { email: string; states: string[]; allowedActions: Record<string, string[]> };
      };
      expect(body.data).toMatchObject({ email: 'fp@example.org', states: ['KEN'] });
      expect(body.data.allowedActions.pledge).toEqual(['read', 'create', 'update', 'delete', 'submit']);
      expect(body.data.allowedActions.user).toEqual([]);
      await revokeToken(app.db, id, CLI_AUTHOR);
      await expectProblem(
        await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }),
        401,
        'unauthenticated',
      );
      // A bad token is refused even on a public route: the caller asked to be someone.
      await expectProblem(
        await app.request('/api/v1/compacts', { headers: { authorization: 'Bearer cw_nope' } }),
        401,
        'unauthenticated',
      );
    });
    // Last: the failures also count against the test client's address, which would throttle later sign-ins.
    it('throttles an account after repeated failures: 429 with Retry-After', async () => {
      await createUser(
        app.db,
        { email: 'slow@example.org', role: 'reviewer', states: [], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      );
      for (let i = 0; i < FREE_ATTEMPTS; i++) await signIn('slow@example.org', 'not the right passphrase');
      const res = await signIn('slow@example.org', PASSWORD);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
