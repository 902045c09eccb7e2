/**
 * User administration over HTTP on both engines: who may open the pages, the
 * "Add user" form (every problem beside its field, nothing written on
 * error), and the per-user forms (role and scope, disable and enable, a new
 * password), each writing one audit row authored by the signed-in admin and
 * ending the user's sessions where it should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { EDITOR_PASSWORD, type Editors } from '../../../test/helpers/editors.ts';
import type { TestApp } from '../../../test/helpers/http.ts';
import { userForSession } from '../accounts/service.ts';
import { openAdminApp, postForm, type Session, sessionOf } from './test-fixtures.ts';

const NEW_PASSWORD = 'another long and private passphrase';

forEachEngine((engine) => {
  describe('user administration pages', () => {
    let app: TestApp;
    let editors: Editors;
    let admin: Session;
    const auditCount = async () =>
      Number(
        (
          await app.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const idOf = async (email: string) =>
      (await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

    beforeAll(async () => {
      ({ app, editors } = await openAdminApp(engine));
      admin = await sessionOf(app, 'admin');
    });
    afterAll(() => app.close());

    it('are for admins only: reviewers and focal points get 403, the public is sent to sign in', async () => {
      const page = await app.page('/editor/users', { headers: admin.headers });
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1>Users</h1>');
      expect(page.html).toContain('<a href="/editor/users" aria-current="page">Users</a>');
      expect(page.html).toMatch(
        /<th scope="row"><a href="\/editor\/users\/\d+">fp-ken@example.org<\/a><\/th><td>Focal point<\/td><td>The States KEN<\/td>/,
      );
      expect(page.res.headers.get('cache-control')).toBe('no-store');
      for (const who of ['reviewer', 'focalKen', 'contributor'] as const) {
        const s = await sessionOf(app, who);
        expect((await app.request('/editor/users', { headers: s.headers })).status, who).toBe(403);
        const id = await idOf('fp-deu@example.org');
        expect((await app.request(`/editor/users/${id}`, { headers: s.headers })).status, who).toBe(403);
        const post = await app.request(
          '/editor/users',
          postForm(s, { email: 'x@example.org', role: 'admin', password: NEW_PASSWORD }),
        );
        expect(post.status, who).toBe(403);
      }
      const pub = await app.request('/editor/users?after=a');
      expect(pub.status).toBe(303);
      expect(pub.headers.get('location')).toBe('/sign-in?next=%2Feditor%2Fusers%3Fafter%3Da');
      // A bearer token meets the same policy.
      expect(
        (
          await app.request('/editor/users', {
            headers: { authorization: editors.as('reviewer').authorization! },
          })
        ).status,
      ).toBe(403);
    });

    it('adds a user with a role and States, and writes one audit row by the admin', async () => {
      const before = await auditCount();
      const res = await app.request(
        '/editor/users',
        postForm(admin, {
          email: 'New.FP@example.org',
          role: 'focal_point',
          states: 'bra, arg',
          actorId: '',
          password: NEW_PASSWORD,
        }),
      );
      expect(res.status).toBe(303);
      const id = await idOf('new.fp@example.org');
      expect(res.headers.get('location')).toBe(`/editor/users/${id}?done=added`);
      const page = await app.page(res.headers.get('location')!, { headers: admin.headers });
      expect(page.html).toContain('role="status">The user new.fp@example.org was added.');
      expect(page.html).toContain('The States ARG, BRA');
      expect(await auditCount()).toBe(before + 1);
      const row = await app.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        action: 'create',
        resource: 'user',
        record_id: 'new.fp@example.org',
        user_email: 'admin@example.org',
      });
      expect(row.after_json).not.toContain(NEW_PASSWORD);
    });

    it('refuses a bad form with every problem named beside its field, and writes nothing', async () => {
      const users = async () => (await app.db.selectFrom('users').select('email').execute()).length;
      const [before, audits] = [await users(), await auditCount()];
      const res = await app.request(
        '/editor/users',
        postForm(admin, {
          email: 'not an email',
          role: 'focal_point',
          states: 'BRA, XXX, B1',
          actorId: 'refugee-council',
          password: 'eleven char',
        }),
      );
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('<title>Error: Users');
      expect(html).toContain('role="alert"');
      expect(html).toContain(
        '<a href="#password">Password: The password must be at least 12 characters long.</a>',
      );
      expect(html).toMatch(
        /<input id="password" name="password" type="password" autocomplete="new-password" required="" aria-invalid="true" aria-describedby="password-error password-hint"/,
      );
      expect(html).toContain(
        '<p class="field-error" id="password-error">The password must be at least 12 characters long.</p>',
      );
      expect(html).toContain('Give an email address, such as name@example.org.');
      expect(html).toContain('No State has the code XXX.');
      expect(html).toContain('“B1” is not an ISO 3166-1 alpha-3 code such as BRA.');
      expect(html).toContain('Only contributors answer for an actor');
      // What was typed comes back (but never the password).
      expect(html).toContain('value="BRA, XXX, B1"');
      expect(html).not.toContain('value="eleven char"');
      expect([await users(), await auditCount()]).toEqual([before, audits]);

      const common = await app.request(
        '/editor/users',
        postForm(admin, {
          email: 'someone@example.org',
          role: 'reviewer',
          states: '',
          actorId: '',
          password: 'password123456',
        }),
      );
      expect(await common.text()).toContain('The password is a commonly used password.');
      const taken = await app.request(
        '/editor/users',
        postForm(admin, {
          email: 'fp-ken@example.org',
          role: 'reviewer',
          states: '',
          actorId: '',
          password: NEW_PASSWORD,
        }),
      );
      expect(taken.status).toBe(400);
      expect(await taken.text()).toContain('A user with the email fp-ken@example.org exists already.');
      expect([await users(), await auditCount()]).toEqual([before, audits]);
    });

    it('changes role and scope, ending the user’s sessions; a bad scope is refused by field', async () => {
      const id = await idOf('fp-deu@example.org');
      const victim = await sessionOf(app, 'focalDeu');
      const bad = await app.request(
        `/editor/users/${id}/grant`,
        postForm(admin, { role: 'contributor', states: '', actorId: '' }),
      );
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('A contributor answers for one actor: give its id.');
      const res = await app.request(
        `/editor/users/${id}/grant`,
        postForm(admin, { role: 'contributor', states: '', actorId: 'refugee-council' }),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/editor/users/${id}?done=granted`);
      expect(await userForSession(app.db, victim.cookie.split('=')[1]!)).toBeNull();
      const row = await app.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        action: 'grant',
        record_id: 'fp-deu@example.org',
        user_email: 'admin@example.org',
      });
      expect(JSON.parse(row.after_json!)).toMatchObject({
        role: 'contributor',
        states: [],
        actorId: 'refugee-council',
      });
      const page = await app.page(`/editor/users/${id}`, { headers: admin.headers });
      expect(page.html).toContain('The actor refugee-council');
      expect(page.html).toContain('href="/editor/audit?resource=user&amp;recordId=fp-deu%40example.org"');
    });

    it('disables and enables a user; an admin cannot disable themselves', async () => {
      const id = await idOf('council@example.org');
      const victim = await sessionOf(app, 'contributor');
      const off = await app.request(`/editor/users/${id}/disable`, postForm(admin, {}));
      expect(off.headers.get('location')).toBe(`/editor/users/${id}?done=disabled`);
      expect(await userForSession(app.db, victim.cookie.split('=')[1]!)).toBeNull();
      expect((await app.page(`/editor/users/${id}`, { headers: admin.headers })).html).toContain(
        'Enable this user',
      );
      const on = await app.request(`/editor/users/${id}/enable`, postForm(admin, {}));
      expect(on.headers.get('location')).toBe(`/editor/users/${id}?done=enabled`);
      const actions = await app.db
        .selectFrom('audit_log')
        .select('action')
        .where('record_id', '=', 'council@example.org')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['disable', 'enable']));

      const self = await app.request(
        `/editor/users/${await idOf('admin@example.org')}/disable`,
        postForm(admin, {}),
      );
      expect(self.status).toBe(409);
      expect(await self.text()).toContain('You cannot disable your own account');
      expect((await app.request('/editor/users', { headers: admin.headers })).status).toBe(200);
    });

    it('sets a new password (checked against the rules), and the old one stops working', async () => {
      const id = await idOf('reviewer@example.org');
      const weak = await app.request(
        `/editor/users/${id}/password`,
        postForm(admin, { password: 'reviewer-is-me-1234' }),
      );
      expect(weak.status).toBe(400);
      expect(await weak.text()).toContain('The password must not contain the account name.');
      const res = await app.request(
        `/editor/users/${id}/password`,
        postForm(admin, { password: NEW_PASSWORD }),
      );
      expect(res.headers.get('location')).toBe(`/editor/users/${id}?done=password`);
      const signIn = (password: string) =>
        app.request('/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: 'reviewer@example.org', password }).toString(),
        });
      expect((await signIn(EDITOR_PASSWORD)).status).toBe(401);
      expect((await signIn(NEW_PASSWORD)).status).toBe(303);
      const row = await app.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        action: 'reset_password',
        record_id: 'reviewer@example.org',
        before_json: null,
        after_json: null,
      });
    });

    it('refuses a form without the CSRF token', async () => {
      const res = await app.request(
        '/editor/users',
        postForm(admin, { _csrf: 'wrong', email: 'csrf@example.org' }),
      );
      expect(res.status).toBe(403);
    });

    it('pages the list 50 users at a time', async () => {
      for (let i = 0; i < 50; i++)
        await app.db
          .insertInto('users')
          .values({
            email: `bulk-${String(i).padStart(2, '0')}@example.org`,
            password_hash: 'x',
            role: 'reviewer',
            actor_id: null,
            disabled: 0,
            created_at: '2026-01-01T00:00:00.000Z',
            password_changed_at: '2026-01-01T00:00:00.000Z',
          })
          .execute();
      const first = await app.page('/editor/users', { headers: admin.headers });
      expect(first.html.match(/<th scope="row">/g)).toHaveLength(50);
      const next = /<a href="(\/editor\/users\?after=[^"]+)" rel="next">/.exec(first.html)?.[1];
      expect(next).toBeDefined();
      const second = await app.page(next!.replace(/&amp;/g, '&'), { headers: admin.headers });
      const total = Number(
        (
          await app.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(second.html.match(/<th scope="row">/g)).toHaveLength(total - 50);
      expect(second.html).toContain('First page');
    });
  });
});
