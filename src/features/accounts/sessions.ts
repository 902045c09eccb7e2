/**
 * Signing in and out: throttled per account and per client address, one
 * answer for every failure, a new database session (stored as a digest) at
 * every sign-in, idle and absolute timeouts.
 *
 * @example
 * const { sessionId } = await signIn(db, { email, password, client: '127.0.0.1' });
 * const session = await userForSession(db, sessionId); // { user, csrfToken } or null
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordFailure, retryAfterSeconds } from '../../domain/login-throttle.ts';
import { sessionState, shouldTouch } from '../../domain/session-rules.ts';
import { AuthenticationError, RateLimitedError } from '../../errors.ts';
import { recordSecurityEvent } from './audit.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { randomSecret, sha256 } from './secrets.ts';
import { loadUser, type User } from './users.ts';

const INVALID_SIGN_IN = 'The email or password is not right.';

async function throttleState(db: Kysely<Database>, key: string) {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { failures: row.failures, lastFailureAt: Number(row.last_failure_at) } : undefined;
}

async function noteFailure(db: Kysely<Database>, key: string, now: number): Promise<void> {
  const next = recordFailure(await throttleState(db, key), now);
  await db
    .insertInto('login_throttle')
    .values({ key, failures: next.failures, last_failure_at: next.lastFailureAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: next.failures, last_failure_at: next.lastFailureAt }),
    )
    .execute();
}

export type SignIn = { sessionId: string; csrfToken: string; user: User };

/**
 * Checks an email and password and opens a new session (a new id at every
 * sign-in; `previousSessionId`, if given, is ended). Unknown email, wrong
 * password and disabled account give the same error in the same time.
 * Throttled per account and per client address.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; client: string; previousSessionId?: string },
  now = Date.now(),
): Promise<SignIn> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, `client:${input.client}`];
  const wait = Math.max(
    ...(await Promise.all(keys.map(async (k) => retryAfterSeconds(await throttleState(db, k), now)))),
  );
  if (wait > 0) {
    await recordSecurityEvent(db, 'sign_in_throttled', null, {
      email,
      client: input.client,
      retryAfter: wait,
    });
    throw new RateLimitedError(wait);
  }
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = row
    ? await verifyPassword(row.password_hash, input.password)
    : await verifyNothing(input.password);
  if (!row || !ok || row.disabled === 1) {
    for (const k of keys) await noteFailure(db, k, now);
    await recordSecurityEvent(db, 'sign_in_failed', row?.id ?? null, {
      email,
      client: input.client,
      reason: !row ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled',
    });
    throw new AuthenticationError(INVALID_SIGN_IN);
  }
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  await db.transaction().execute(async (trx) => {
    if (input.previousSessionId)
      await trx.deleteFrom('sessions').where('id_hash', '=', sha256(input.previousSessionId)).execute();
    await trx.deleteFrom('login_throttle').where('key', '=', keys[0]!).execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionId),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
  });
  await recordSecurityEvent(db, 'sign_in', row.id, { client: input.client });
  return { sessionId, csrfToken, user: (await loadUser(db, { id: row.id }))! };
}

/** The user of a live session (and its CSRF token), or null when it is unknown, expired or the user is disabled. */
export async function userForSession(
  db: Kysely<Database>,
  sessionId: string,
  now = Date.now(),
): Promise<{ user: User; csrfToken: string } | null> {
  const idHash = sha256(sessionId);
  const s = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!s) return null;
  const times = { createdAt: Number(s.created_at), lastSeenAt: Number(s.last_seen_at) };
  if (sessionState(times, now) !== 'active') {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  const user = await loadUser(db, { id: s.user_id });
  if (!user || user.disabled) return null;
  if (shouldTouch(times, now))
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  return { user, csrfToken: s.csrf_token };
}

export async function signOut(db: Kysely<Database>, sessionId: string): Promise<void> {
  const idHash = sha256(sessionId);
  const s = await db
    .selectFrom('sessions')
    .select('user_id')
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  if (s) await recordSecurityEvent(db, 'sign_out', s.user_id, {});
}
