/**
 * Users and their scopes: a focal point answers for States, a contributor
 * for one actor. Every change writes one audit row in its transaction;
 * disabling, a new password or a new scope ends the user's sessions.
 *
 * @example
 * await createUser(db, { email: 'fp@example.org', role: 'focal_point', states: ['BRA'], actorId: null, password }, CLI_AUTHOR);
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Principal, ROLES, type Role } from '../../domain/access-policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { type ChangeAuthor, writeAudit } from './audit.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { nowIso } from './secrets.ts';

export type User = Principal & { id: number; email: string; disabled: boolean; createdAt: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) {
    throw new ValidationError(`"${email}" is not an email address.`, [
      { location: 'email', message: 'must be an email address' },
    ]);
  }
  return e;
}

export async function loadUser(
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
