/**
 * The audit viewer and its API on both engines: staff only (401 for the
 * public, 403 for focal points and contributors), newest first, filters,
 * keyset pages that stay put while rows arrive, the field-by-field change,
 * the CSV twin, and the security events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import type { Editors } from '../../../test/helpers/editors.ts';
import { escapeHtml, expectProblem, type List, type TestApp } from '../../../test/helpers/http.ts';
import { CLI_AUTHOR, grant, signIn } from '../accounts/service.ts';
import type { AuditEntry, SecurityEvent } from './audit-service.ts';
import { openAdminApp, type Session, sessionOf } from './test-fixtures.ts';

forEachEngine((engine) => {
  describe('the audit viewer and API', () => {
    let app: TestApp;
    let editors: Editors;
    let admin: Session;
    const auth = (who: keyof Editors['tokens']) => ({ authorization: `Bearer ${editors.tokens[who]}` });

    beforeAll(async () => {
      ({ app, editors } = await openAdminApp(engine));
      admin = await sessionOf(app, 'admin');
      // A grant by the command line: a change with a before and an after.
      await grant(app.db, 'fp-deu@example.org', { states: ['DEU', 'FRA'] }, CLI_AUTHOR);
      await signIn(app.db, {
        email: 'nobody@example.org',
        password: 'not a password at all',
        client: 'audit-test',
      }).catch(() => {});
    });
    afterAll(() => app.close());

    it('answers 401 to the public and 403 to focal points and contributors, on the API and the pages', async () => {
      await expectProblem(await app.request('/api/v1/audit'), 401, 'unauthenticated');
      await expectProblem(await app.request('/api/v1/security-events'), 401, 'unauthenticated');
      for (const who of ['focalKen', 'contributor'] as const) {
        await expectProblem(await app.request('/api/v1/audit', { headers: auth(who) }), 403, 'forbidden');
        await expectProblem(
          await app.request('/api/v1/security-events', { headers: auth(who) }),
          403,
          'forbidden',
        );
        const s = await sessionOf(app, who);
        expect((await app.request('/editor/audit', { headers: s.headers })).status, who).toBe(403);
        expect((await app.request('/editor/audit?log=security', { headers: s.headers })).status, who).toBe(
          403,
        );
      }
      const pub = await app.request('/editor/audit?resource=user');
      expect(pub.status).toBe(303);
      expect(pub.headers.get('location')).toBe('/sign-in?next=%2Feditor%2Faudit%3Fresource%3Duser');
      for (const who of ['admin', 'reviewer'] as const)
        expect((await app.request('/api/v1/audit', { headers: auth(who) })).status, who).toBe(200);
    });

    it('lists changes newest first, filtered by resource, action, user, record and day', async () => {
      const all = await app.json<List<AuditEntry>>('/api/v1/audit?limit=500', { headers: auth('reviewer') });
      expect(all.status).toBe(200);
      expect(all.res.headers.get('cache-control')).toBe('no-store');
      const ids = all.body.data.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const newest = all.body.data[0]!;
      expect(newest).toMatchObject({
        action: 'grant',
        resource: 'user',
        recordId: 'fp-deu@example.org',
        userEmail: 'cli',
      });
      expect(newest.before).toMatchObject({ states: ['DEU'] });
      expect(newest.after).toMatchObject({ states: ['DEU', 'FRA'] });

      const tokens = await app.json<List<AuditEntry>>('/api/v1/audit?resource=api_token&action=create', {
        headers: auth('admin'),
      });
      expect(tokens.body.data).toHaveLength(5);
      expect(tokens.body.data.every((e) => e.resource === 'api_token' && e.action === 'create')).toBe(true);
      const byRecord = await app.json<List<AuditEntry>>('/api/v1/audit?recordId=fp-deu%40example.org', {
        headers: auth('admin'),
      });
      expect(byRecord.body.data.map((e) => e.action).sort()).toEqual(['create', 'grant']);
      const byUser = await app.json<List<AuditEntry>>('/api/v1/audit?user=CLI', { headers: auth('admin') });
      expect(byUser.body.data.length).toBe(all.body.data.length);
      const today = new Date().toISOString().slice(0, 10);
      const inDay = await app.json<List<AuditEntry>>(`/api/v1/audit?from=${today}&to=${today}`, {
        headers: auth('admin'),
      });
      expect(inDay.body.data.length).toBe(all.body.data.length);
      const past = await app.json<List<AuditEntry>>('/api/v1/audit?to=2020-01-01', {
        headers: auth('admin'),
      });
      expect(past.body.data).toEqual([]);
      await expectProblem(
        await app.request('/api/v1/audit?from=2020-02-30', { headers: auth('admin') }),
        400,
        'invalid_input',
        'from',
      );
      await expectProblem(
        await app.request(`/api/v1/audit?from=2021-01-02&to=2021-01-01`, { headers: auth('admin') }),
        400,
        'invalid_input',
        'from',
      );
    });

    it('pages by cursor, and a page stays put while new rows arrive', async () => {
      const first = await app.json<List<AuditEntry>>('/api/v1/audit?limit=3', { headers: auth('admin') });
      expect(first.body.data).toHaveLength(3);
      const cursor = first.body.page.nextCursor!;
      expect(first.res.headers.get('link')).toContain('rel="next"');
      const second = await app.json<List<AuditEntry>>(`/api/v1/audit?limit=3&cursor=${cursor}`, {
        headers: auth('admin'),
      });
      await grant(app.db, 'fp-deu@example.org', { states: ['DEU'] }, CLI_AUTHOR);
      const again = await app.json<List<AuditEntry>>(`/api/v1/audit?limit=3&cursor=${cursor}`, {
        headers: auth('admin'),
      });
      expect(again.body.data).toEqual(second.body.data);
      expect(Math.max(...second.body.data.map((e) => e.id))).toBeLessThan(
        Math.min(...first.body.data.map((e) => e.id)),
      );
      await expectProblem(
        await app.request('/api/v1/audit?cursor=nope', { headers: auth('admin') }),
        400,
        'invalid_input',
        'cursor',
      );
    });

    it('has a CSV twin with the before and after as JSON', async () => {
      const res = await app.request('/api/v1/audit?resource=user&action=grant&format=csv', {
        headers: auth('admin'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('id,at,userEmail,action,resource,recordId,before,after');
      expect(lines[1]).toContain(',cli,grant,user,fp-deu@example.org,');
      expect(lines[1]).toContain('"{""email"":""fp-deu@example.org""');
    });

    it('shows the changes page with filters, a field-by-field change and links to JSON and CSV', async () => {
      const page = await app.page('/editor/audit?resource=user&action=grant', { headers: admin.headers });
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1>Audit log</h1>');
      expect(page.html).toContain('<a href="/editor/audit" aria-current="page">Audit log</a>');
      expect(page.html).toContain('<option value="user" selected="">user</option>');
      expect(page.html).toContain(`<code>states</code>: ${escapeHtml('["DEU","FRA"] → ["DEU"]')}`);
      expect(page.html).toContain(
        'href="/api/v1/audit?resource=user&amp;action=grant&amp;limit=500&amp;format=csv"',
      );
      expect(page.html).not.toContain('<td>create</td>');
      const bad = await app.page('/editor/audit?from=2021-13-01', { headers: admin.headers });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('<a href="#f-from">From: Write the date as YYYY-MM-DD');
    });

    it('pages the changes page 50 rows at a time', async () => {
      for (let i = 0; i < 55; i++)
        await app.db
          .insertInto('audit_log')
          .values({
            at: new Date().toISOString(),
            user_id: null,
            user_email: 'cli',
            action: 'bulk',
            resource: 'test',
            record_id: `r-${i}`,
            before_json: null,
            after_json: '{"n":1}',
          })
          .execute();
      const first = await app.page('/editor/audit?resource=test', { headers: admin.headers });
      expect(first.html.match(/<tr><td><time/g)).toHaveLength(50);
      expect(first.html).toContain('r-54');
      const next = /<a href="([^"]+)" rel="next">/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
      expect(next).toMatch(/^\/editor\/audit\?resource=test&cursor=/);
      const second = await app.page(next!, { headers: admin.headers });
      expect(second.html.match(/<tr><td><time/g)).toHaveLength(5);
      expect(second.html).toContain('r-0<');
    });

    it('lists security events by kind, with the account and the detail, on the page and the API', async () => {
      const api = await app.json<List<SecurityEvent>>('/api/v1/security-events?kind=sign_in_failed', {
        headers: auth('reviewer'),
      });
      expect(api.status).toBe(200);
      expect(api.body.data[0]).toMatchObject({
        kind: 'sign_in_failed',
        detail: { email: 'nobody@example.org', reason: 'unknown_email' },
      });
      const signIns = await app.json<List<SecurityEvent>>('/api/v1/security-events?kind=sign_in', {
        headers: auth('admin'),
      });
      expect(signIns.body.data.some((e) => e.userEmail === 'admin@example.org')).toBe(true);
      const csv = await app.request('/api/v1/security-events?format=csv', { headers: auth('admin') });
      expect((await csv.text()).split('\n')[0]).toBe('id,at,kind,userEmail,detail');
      const page = await app.page('/editor/audit?log=security&kind=sign_in_failed', {
        headers: admin.headers,
      });
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1>Security events</h1>');
      expect(page.html).toContain('<option value="sign_in_failed" selected="">sign_in_failed</option>');
      expect(page.html).toContain('<code>reason</code>: unknown_email');
      expect(page.html).toContain('<input type="hidden" name="log" value="security"/>');
      expect(page.html).not.toContain('<td>sign_in</td>');
    });
  });
});
