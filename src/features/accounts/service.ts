/**
 * Accounts: users and their scopes, sign-in with throttling, database
 * sessions, API tokens. Every change to a user or token writes one audit row
 * in the same transaction; sign-ins, failures and refusals are recorded as
 * security events, never with a password or a token.
 *
 * @example
 * await createUser(db, { email: 'fp@example.org', role: 'focal_point', states: ['BRA'], actorId: null, password }, admin);
 * const { sessionId } = await signIn(db, { email: 'fp@example.org', password, client: '127.0.0.1' });
 * const user = await userForSession(db, sessionId); // { email, role: 'focal_point', states: ['BRA'], … }
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Principal, ROLES, type Role } from '../../domain/access-policy.ts';
import { recordFailure, retryAfterSeconds } from '../../domain/login-throttle.ts';
import { sessionState, shouldTouch } from '../../domain/session-rules.ts';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../errors.ts';
import { assertAcceptablePassword, hashPassword, verifyNothing, verifyPassword } from './passwords.ts';

export type User = Principal & { id: number; email: string; disabled: boolean; createdAt: string };
/** Who made a change, for the audit trail: a user, or the command line run by the operator. */
export type ChangeAuthor = { id: number | null; email: string | null };
export const CLI_AUTHOR: ChangeAuthor = { id: null, email: 'cli' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const randomSecret = () => crypto.randomBytes(32).toString('base64url');
const nowIso = () => new Date().toISOString();

function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) {
    throw new ValidationError(`"${email}" is not an email address.`, [
      { location: 'email', message: 'must be an email address' },
    ]);
  }
  return e;
}

/** Appends one audit row. Call inside the transaction that makes the change. */
export async function writeAudit(
  trx: Transaction<Database>,
  entry: {
    author: ChangeAuthor;
    action: string;
    resource: string;
    recordId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      user_id: entry.author.id,
      user_email: entry.author.email,
      action: entry.action,
      resource: entry.resource,
      record_id: entry.recordId,
      before_json: entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Records a sign-in, a failure or a refusal. `detail` must never hold a secret. */
export async function recordSecurityEvent(
  db: Kysely<Database>,
  kind: string,
  userId: number | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('security_events')
    .values({ at: nowIso(), kind, user_id: userId, detail: JSON.stringify(detail) })
    .execute();
}

async function loadUser(
  db: Kysely<Database>,
  where: { id: number } | { email: string },
): Promise<User | null> {
  let q = db.selectFrom('users').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('email', '=', where.email);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const states = await db
    .selectFrom('user_states')
    .select('iso3')
    .where('user_id', '=', row.id)
    .orderBy('iso3')
    .execute();
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    states: states.map((s) => s.iso3),
    actorId: row.actor_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

const publicView = (u: Pick<User, 'email' | 'role' | 'states' | 'actorId'> & { disabled?: boolean }) => ({
  email: u.email,
  role: u.role,
  states: [...u.states],
  actorId: u.actorId,
  disabled: u.disabled ?? false,
});

async function checkScope(
  db: Kysely<Database>,
  role: Role,
  states: readonly string[],
  actorId: string | null,
): Promise<void> {
  if (!ROLES.includes(role)) {
    throw new ValidationError(`"${role}" is not a role.`, [
      { location: 'role', message: `must be one of ${ROLES.join(', ')}` },
    ]);
  }
  if (role === 'focal_point' && states.length === 0) {
    throw new ValidationError('A focal point answers for at least one State.', [
      { location: 'state', message: 'give --state ISO3 at least once' },
    ]);
  }
  if (role === 'contributor' && !actorId) {
    throw new ValidationError('A contributor answers for one actor.', [
      { location: 'actor', message: 'give --actor ID' },
    ]);
  }
  if (role !== 'focal_point' && states.length > 0) {
    throw new ValidationError('Only focal points are scoped to States.', [
      { location: 'state', message: `not for the role ${role}` },
    ]);
  }
  if (role !== 'contributor' && actorId) {
    throw new ValidationError('Only contributors are scoped to an actor.', [
      { location: 'actor', message: `not for the role ${role}` },
    ]);
  }
  if (states.length > 0) {
    const known = await db
      .selectFrom('states')
      .select('iso3')
      .where('iso3', 'in', [...states])
      .execute();
    const missing = states.filter((s) => !known.some((k) => k.iso3 === s));
    if (missing.length) {
      throw new ValidationError(
        `Unknown State ${missing.join(', ')}.`,
        missing.map((m) => ({ location: 'state', message: `no State ${m}` })),
      );
    }
  }
  if (actorId) {
    const actor = await db.selectFrom('actors').select('id').where('id', '=', actorId).executeTakeFirst();
    if (!actor)
      throw new ValidationError(`Unknown actor "${actorId}".`, [
        { location: 'actor', message: 'no such actor' },
      ]);
  }
}

export type NewUser = {
  email: string;
  role: Role;
  states: string[];
  actorId: string | null;
  password: string;
};

export async function createUser(db: Kysely<Database>, input: NewUser, author: ChangeAuthor): Promise<User> {
  const email = normalizeEmail(input.email);
  const states = [...new Set(input.states.map((s) => s.toUpperCase()))].sort();
  await checkScope(db, input.role, states, input.actorId);
  assertAcceptablePassword(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing)
      throw new ConflictError(`A user with the email ${email} exists already.`, [
        { location: 'email', message: 'taken' },
      ]);
    const at = nowIso();
    const row = await trx
      .insertInto('users')
      .values({
        email,
        password_hash: passwordHash,
        role: input.role,
        actor_id: input.actorId,
        disabled: 0,
        created_at: at,
        password_changed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (states.length)
      await trx
        .insertInto('user_states')
        .values(states.map((iso3) => ({ user_id: row.id, iso3 })))
        .execute();
    await writeAudit(trx, {
      author,
      action: 'create',
      resource: 'user',
      recordId: email,
      before: null,
      after: publicView({ email, role: input.role, states, actorId: input.actorId }),
    });
    return row.id;
  });
  return (await loadUser(db, { id }))!;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select('id').orderBy('email').execute();
  const users = await Promise.all(rows.map((r) => loadUser(db, { id: r.id })));
  return users.filter((u): u is User => u !== null);
}

export async function getUser(db: Kysely<Database>, email: string): Promise<User> {
  const user = await loadUser(db, { email: normalizeEmail(email) });
  if (!user) throw new NotFoundError('user', email);
  return user;
}

/** Disables (or enables) a user; disabling ends every session of theirs and stops their tokens. */
export async function setDisabled(
  db: Kysely<Database>,
  email: string,
  disabled: boolean,
  author: ChangeAuthor,
): Promise<User> {
  const user = await getUser(db, email);
  if (user.disabled === disabled) return user;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', user.id)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await writeAudit(trx, {
      author,
      action: disabled ? 'disable' : 'enable',
      resource: 'user',
      recordId: user.email,
      before: publicView(user),
      after: publicView({ ...user, disabled }),
    });
  });
  return { ...user, disabled };
}

/** Sets a new password and ends every session of the user. */
export async function resetPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
  author: ChangeAuthor,
): Promise<void> {
  const user = await getUser(db, email);
  assertAcceptablePassword(password, user.email);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    // The audit row says that the password changed, never what it is.
    await writeAudit(trx, {
      author,
      action: 'reset_password',
      resource: 'user',
      recordId: user.email,
      before: null,
      after: null,
    });
  });
}

/** Changes a user's role and scope (States replace the previous ones when given). */
export async function grant(
  db: Kysely<Database>,
  email: string,
  change: { role?: Role; states?: string[]; actorId?: string | null },
  author: ChangeAuthor,
): Promise<User> {
  const user = await getUser(db, email);
  const role = change.role ?? user.role;
  const states = change.states
    ? [...new Set(change.states.map((s) => s.toUpperCase()))].sort()
    : role === 'focal_point'
      ? [...user.states]
      : [];
  const actorId =
    change.actorId !== undefined ? change.actorId : role === 'contributor' ? user.actorId : null;
  await checkScope(db, role, states, actorId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ role, actor_id: actorId }).where('id', '=', user.id).execute();
    await trx.deleteFrom('user_states').where('user_id', '=', user.id).execute();
    if (states.length)
      await trx
        .insertInto('user_states')
        .values(states.map((iso3) => ({ user_id: user.id, iso3 })))
        .execute();
    // A narrower scope must take effect at once, not at the next sign-in.
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await writeAudit(trx, {
      author,
      action: 'grant',
      resource: 'user',
      recordId: user.email,
      before: publicView(user),
      after: publicView({ ...user, role, states, actorId }),
    });
  });
  return (await loadUser(db, { id: user.id }))!;
}

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

const TOKEN_PREFIX = 'cw_';

/** Creates an API token acting with the user's rights. The token is returned once and stored only as a digest. */
export async function createToken(
  db: Kysely<Database>,
  email: string,
  name: string,
  author: ChangeAuthor,
): Promise<{ id: number; token: string }> {
  const user = await getUser(db, email);
  const label = name.trim();
  if (label === '' || label.length > 100) {
    throw new ValidationError('A token needs a name of 1–100 characters.', [
      { location: 'name', message: 'required, at most 100 characters' },
    ]);
  }
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: user.id,
        name: label,
        token_hash: sha256(token),
        created_at: nowIso(),
        last_used_at: null,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      author,
      action: 'create',
      resource: 'api_token',
      recordId: String(row.id),
      before: null,
      after: { user: user.email, name: label },
    });
    return row.id;
  });
  return { id, token };
}

export type TokenView = {
  id: number;
  user: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function listTokens(db: Kysely<Database>, email?: string): Promise<TokenView[]> {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'users.email',
      'api_tokens.name',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.id');
  if (email) q = q.where('users.email', '=', normalizeEmail(email));
  return (await q.execute()).map((r) => ({
    id: r.id,
    user: r.email,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeToken(db: Kysely<Database>, id: number, author: ChangeAuthor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('API token', String(id));
    if (row.revoked_at) return;
    const at = nowIso();
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
    await writeAudit(trx, {
      author,
      action: 'revoke',
      resource: 'api_token',
      recordId: String(id),
      before: { name: row.name, revokedAt: null },
      after: { name: row.name, revokedAt: at },
    });
  });
}

/** The user a bearer token acts for, or null when the token is unknown, revoked or its user disabled. */
export async function userForToken(db: Kysely<Database>, token: string): Promise<User | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const user = await loadUser(db, { id: row.user_id });
  if (!user || user.disabled) return null;
  const today = nowIso().slice(0, 10);
  // Last use is kept to the day, so reads do not each cost a write.
  if (row.last_used_at?.slice(0, 10) !== today) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  }
  return user;
}
