/**
 * Accounts on both engines: users and scopes, Argon2id hashes, sign-in with
 * one error for every failure, throttling, session rotation and timeouts,
 * tokens, and the audit rows every change leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, openTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { FREE_ATTEMPTS } from '../../domain/login-throttle.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../domain/session-rules.ts';
import { AuthenticationError, ConflictError, RateLimitedError, ValidationError } from '../../errors.ts';
import {
  CLI_AUTHOR,
  createToken,
  createUser,
  grant,
  listTokens,
  resetPassword,
  revokeToken,
  setDisabled,
  signIn,
  signOut,
  userForSession,
  userForToken,
} from './service.ts';

const PASSWORD = 'a long and private passphrase';

forEachEngine((engine) => {
  describe('accounts', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(engine, { load: true });
      await createUser(
        t.db,
        { email: 'FP@Example.org', role: 'focal_point', states: ['bra'], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      );
    });
    afterAll(async () => t?.close());

    const audit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

    it('stores an Argon2id hash, never the password, and one audit row without secrets', async () => {
      const row = await t.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'fp@example.org')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
      const rows = await audit();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'create',
        resource: 'user',
        record_id: 'fp@example.org',
        user_email: 'cli',
      });
      expect(JSON.parse(rows[0]!.after_json!)).toEqual({
        email: 'fp@example.org',
        role: 'focal_point',
        states: ['BRA'],
        actorId: null,
        disabled: false,
      });
      expect(rows[0]!.after_json).not.toMatch(/argon|passphrase/);
    });

    it('refuses a duplicate email, a short or common password, and a scope that does not fit the role', async () => {
      const base = { role: 'focal_point' as const, states: ['FRA'], actorId: null, password: PASSWORD };
      await expect(createUser(t.db, { ...base, email: 'fp@example.org' }, CLI_AUTHOR)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(
        createUser(t.db, { ...base, email: 'a@example.org', password: 'too-short' }, CLI_AUTHOR),
      ).rejects.toThrow(/at least 12/);
      await expect(
        createUser(t.db, { ...base, email: 'b@example.org', password: 'qwerty123456' }, CLI_AUTHOR),
      ).rejects.toThrow(/commonly used/);
      await expect(
        createUser(t.db, { ...base, email: 'c@example.org', states: [] }, CLI_AUTHOR),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        createUser(t.db, { ...base, email: 'd@example.org', states: ['XXX'] }, CLI_AUTHOR),
      ).rejects.toThrow(/Unknown State XXX/);
      await expect(
        createUser(
          t.db,
          { ...base, email: 'e@example.org', role: 'contributor', states: [], actorId: null },
          CLI_AUTHOR,
        ),
      ).rejects.toThrow(/one actor/);
      expect(await audit()).toHaveLength(1);
    });

    it('gives one answer for an unknown email, a wrong password and a disabled account', async () => {
      const messages: string[] = [];
      for (const [email, password, client] of [
        ['nobody@example.org', PASSWORD, 'c1'],
        ['fp@example.org', 'wrong passphrase entirely', 'c2'],
      ] as const) {
        const error = await signIn(t.db, { email, password, client }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AuthenticationError);
        messages.push((error as Error).message);
      }
      expect(new Set(messages).size).toBe(1);
      const events = await t.db.selectFrom('security_events').selectAll().execute();
      expect(events.map((e) => e.kind)).toEqual(['sign_in_failed', 'sign_in_failed']);
      expect(JSON.stringify(events)).not.toContain('wrong passphrase');
    });

    it('opens a session with a new id at every sign-in and ends the one presented', async () => {
      const first = await signIn(t.db, { email: 'fp@example.org', password: PASSWORD, client: 'c3' });
      expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await userForSession(t.db, first.sessionId))?.user).toMatchObject({
        role: 'focal_point',
        states: ['BRA'],
      });
      const second = await signIn(t.db, {
        email: 'fp@example.org',
        password: PASSWORD,
        client: 'c3',
        previousSessionId: first.sessionId,
      });
      expect(second.sessionId).not.toBe(first.sessionId);
      expect(await userForSession(t.db, first.sessionId)).toBeNull();
      const stored = await t.db.selectFrom('sessions').select('id_hash').execute();
      expect(stored.map((s) => s.id_hash)).not.toContain(second.sessionId);
      await signOut(t.db, second.sessionId);
      expect(await userForSession(t.db, second.sessionId)).toBeNull();
    });

    it('ends a session after the idle and the absolute timeouts', async () => {
      const t0 = Date.now();
      const a = await signIn(t.db, { email: 'fp@example.org', password: PASSWORD, client: 'c4' }, t0);
      expect(await userForSession(t.db, a.sessionId, t0 + IDLE_TIMEOUT_MS)).toBeNull();
      const b = await signIn(t.db, { email: 'fp@example.org', password: PASSWORD, client: 'c4' }, t0);
      let now = t0;
      while (now + IDLE_TIMEOUT_MS / 2 < t0 + ABSOLUTE_TIMEOUT_MS) {
        now += IDLE_TIMEOUT_MS / 2;
        expect(await userForSession(t.db, b.sessionId, now)).not.toBeNull();
      }
      expect(await userForSession(t.db, b.sessionId, t0 + ABSOLUTE_TIMEOUT_MS)).toBeNull();
    });

    it('throttles repeated failures with a Retry-After, per account and per client', async () => {
      await createUser(
        t.db,
        { email: 'slow@example.org', role: 'reviewer', states: [], actorId: null, password: PASSWORD },
        CLI_AUTHOR,
      );
      const now = Date.now();
      for (let i = 0; i < FREE_ATTEMPTS; i++) {
        await expect(
          signIn(t.db, { email: 'slow@example.org', password: 'not the password!', client: `x${i}` }, now),
        ).rejects.toBeInstanceOf(AuthenticationError);
      }
      const limited = await signIn(
        t.db,
        { email: 'slow@example.org', password: PASSWORD, client: 'fresh' },
        now,
      ).catch((e: unknown) => e);
      expect(limited).toBeInstanceOf(RateLimitedError);
      expect((limited as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
      const later = now + (limited as RateLimitedError).retryAfterSeconds * 1000;
      await expect(
        signIn(t.db, { email: 'slow@example.org', password: PASSWORD, client: 'fresh' }, later),
      ).resolves.toMatchObject({
        user: { email: 'slow@example.org' },
      });
    });

    it('disabling, a new password or a new scope ends the sessions; every change is audited once', async () => {
      const before = (await audit()).length;
      const s1 = await signIn(t.db, { email: 'fp@example.org', password: PASSWORD, client: 'c5' });
      await grant(t.db, 'fp@example.org', { states: ['BRA', 'ARG'] }, CLI_AUTHOR);
      expect(await userForSession(t.db, s1.sessionId)).toBeNull();
      const s2 = await signIn(t.db, { email: 'fp@example.org', password: PASSWORD, client: 'c5' });
      expect((await userForSession(t.db, s2.sessionId))?.user.states).toEqual(['ARG', 'BRA']);
      await resetPassword(t.db, 'fp@example.org', 'another long private phrase', CLI_AUTHOR);
      expect(await userForSession(t.db, s2.sessionId)).toBeNull();
      const s3 = await signIn(t.db, {
        email: 'fp@example.org',
        password: 'another long private phrase',
        client: 'c5',
      });
      await setDisabled(t.db, 'fp@example.org', true, CLI_AUTHOR);
      expect(await userForSession(t.db, s3.sessionId)).toBeNull();
      await expect(
        signIn(t.db, { email: 'fp@example.org', password: 'another long private phrase', client: 'c6' }),
      ).rejects.toBeInstanceOf(AuthenticationError);
      await setDisabled(t.db, 'fp@example.org', false, CLI_AUTHOR);
      const rows = (await audit()).slice(before);
      expect(rows.map((r) => r.action)).toEqual(['grant', 'reset_password', 'disable', 'enable']);
      expect(JSON.stringify(rows)).not.toContain('another long private phrase');
    });

    it('issues a token once, stores only its digest, and stops it when revoked or its user is disabled', async () => {
      const { id, token } = await createToken(t.db, 'slow@example.org', 'nightly import', CLI_AUTHOR);
      expect(token).toMatch(/^cw_/);
      expect(JSON.stringify(await t.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(token);
      expect((await userForToken(t.db, token))?.email).toBe('slow@example.org');
      expect(await userForToken(t.db, `${token}x`)).toBeNull();
      expect((await listTokens(t.db, 'slow@example.org'))[0]).toMatchObject({
        id,
        name: 'nightly import',
        revokedAt: null,
      });
      await setDisabled(t.db, 'slow@example.org', true, CLI_AUTHOR);
      expect(await userForToken(t.db, token)).toBeNull();
      await setDisabled(t.db, 'slow@example.org', false, CLI_AUTHOR);
      await revokeToken(t.db, id, CLI_AUTHOR);
      expect(await userForToken(t.db, token)).toBeNull();
    });
  });
});
