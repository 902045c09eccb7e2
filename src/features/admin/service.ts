/**
 * User administration for the editor area: every function checks the access
 * policy first (the public gets a 401, a role without the right a 403), then
 * checks a form the way a person filled it in — every field at once, each
 * message naming its field — and hands the change to the accounts service,
 * which writes it with its one audit row, authored by the signed-in admin.
 *
 * @example
 * const user = await addUser(db, admin, { email: 'fp@example.org', role: 'focal_point',
 *   states: 'BRA, ARG', actorId: '', password: 'a long and private passphrase' });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Action, can, type Resource, ROLES, type Role } from '../../domain/access-policy.ts';
import { passwordProblems } from '../../domain/password-rules.ts';
import {
  AuthenticationError,
  ConflictError,
  type ErrorDetail,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.ts';
import { commonPasswords } from '../accounts/passwords.ts';
import {
  type ChangeAuthor,
  createUser,
  grant,
  resetPassword,
  setDisabled,
  type User,
} from '../accounts/service.ts';
import { loadUser } from '../accounts/users.ts';
import { actorExists, emailTaken, knownStates, listUserRows } from './repository.ts';

const roleName = (role: Role) => role.replace('_', ' ');

/**
 * The caller, if the policy lets their role do `action` to `resource`.
 * Throws AuthenticationError for the public and ForbiddenError otherwise.
 */
export function authorize(caller: User | null, action: Action, resource: Resource): User {
  if (!caller) throw new AuthenticationError();
  if (!can(caller, action, resource, null))
    throw new ForbiddenError(`Your role (${roleName(caller.role)}) may not ${action} ${resource}s here.`);
  return caller;
}

export const authorOf = (user: User): ChangeAuthor => ({ id: user.id, email: user.email });

export const USERS_PER_PAGE = 50;

/** A page of users in email order, and the email to continue after (null on the last page). */
export async function usersPage(
  db: Kysely<Database>,
  caller: User | null,
  after: string | null,
  limit = USERS_PER_PAGE,
): Promise<{ users: User[]; next: string | null }> {
  authorize(caller, 'read', 'user');
  const rows = await listUserRows(db, { after, limit });
  const users = rows.slice(0, limit);
  return { users, next: rows.length > limit ? (users.at(-1)?.email ?? null) : null };
}

export async function userById(db: Kysely<Database>, caller: User | null, id: number): Promise<User> {
  authorize(caller, 'read', 'user');
  const user = Number.isSafeInteger(id) ? await loadUser(db, { id }) : null;
  if (!user) throw new NotFoundError('user', String(id));
  return user;
}

/** The role and scope fields of the forms, as typed. */
export type ScopeForm = { role: string; states: string; actorId: string };
export type NewUserForm = ScopeForm & { email: string; password: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "BRA, arg;KEN" → ['ARG', 'BRA', 'KEN'] (each code once). */
export function parseStateList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((s) => s.toUpperCase()),
    ),
  ].sort();
}

function passwordDetails(password: string, email: string): ErrorDetail[] {
  return passwordProblems(password, commonPasswords(), email).map((p) => ({
    location: 'password',
    message: `The password ${p}.`,
  }));
}

async function scopeDetails(
  db: Kysely<Database>,
  form: ScopeForm,
): Promise<{ details: ErrorDetail[]; role: Role; states: string[]; actorId: string | null }> {
  const details: ErrorDetail[] = [];
  const role = (ROLES as readonly string[]).includes(form.role) ? (form.role as Role) : null;
  if (!role) details.push({ location: 'role', message: `Choose one of the roles: ${ROLES.join(', ')}.` });
  const states = parseStateList(form.states);
  const actorId = form.actorId.trim() || null;
  const malformed = states.filter((s) => !/^[A-Z]{3}$/.test(s));
  for (const s of malformed)
    details.push({ location: 'states', message: `“${s}” is not an ISO 3166-1 alpha-3 code such as BRA.` });
  const known = await knownStates(
    db,
    states.filter((s) => !malformed.includes(s)),
  );
  for (const s of states)
    if (!malformed.includes(s) && !known.has(s))
      details.push({ location: 'states', message: `No State has the code ${s}.` });
  if (role === 'focal_point' && states.length === 0)
    details.push({
      location: 'states',
      message: 'A focal point answers for at least one State: give its ISO3 code, such as BRA.',
    });
  if (role && role !== 'focal_point' && states.length > 0)
    details.push({
      location: 'states',
      message: `Only focal points answer for States: leave the States empty for a ${roleName(role)}.`,
    });
  if (role === 'contributor' && !actorId)
    details.push({ location: 'actorId', message: 'A contributor answers for one actor: give its id.' });
  if (role && role !== 'contributor' && actorId)
    details.push({
      location: 'actorId',
      message: `Only contributors answer for an actor: leave the actor id empty for a ${roleName(role)}.`,
    });
  if (actorId && !(await actorExists(db, actorId)))
    details.push({ location: 'actorId', message: `No actor has the id “${actorId}”.` });
  return { details, role: role ?? 'contributor', states, actorId };
}

/** Checks every field of the "Add user" form, then creates the user (one audit row). */
export async function addUser(db: Kysely<Database>, caller: User | null, form: NewUserForm): Promise<User> {
  const me = authorize(caller, 'create', 'user');
  const email = form.email.trim().toLowerCase();
  const details: ErrorDetail[] = [];
  if (!EMAIL.test(email) || email.length > 254)
    details.push({ location: 'email', message: 'Give an email address, such as name@example.org.' });
  else if (await emailTaken(db, email))
    details.push({ location: 'email', message: `A user with the email ${email} exists already.` });
  const scope = await scopeDetails(db, form);
  details.push(...scope.details, ...passwordDetails(form.password, email));
  if (details.length > 0) throw new ValidationError('The user was not added.', details);
  return createUser(
    db,
    { email, role: scope.role, states: scope.states, actorId: scope.actorId, password: form.password },
    authorOf(me),
  );
}

/** Disables (ending their sessions) or enables a user; nobody disables themselves. */
export async function setUserDisabled(
  db: Kysely<Database>,
  caller: User | null,
  id: number,
  disabled: boolean,
): Promise<User> {
  const me = authorize(caller, 'update', 'user');
  const user = await userById(db, me, id);
  if (disabled && user.id === me.id)
    throw new ConflictError('You cannot disable your own account: ask another administrator.');
  return setDisabled(db, user.email, disabled, authorOf(me));
}

/** Changes a user's role and scope (ending their sessions); nobody changes their own role. */
export async function changeScope(
  db: Kysely<Database>,
  caller: User | null,
  id: number,
  form: ScopeForm,
): Promise<User> {
  const me = authorize(caller, 'update', 'user');
  const user = await userById(db, me, id);
  const scope = await scopeDetails(db, form);
  if (scope.details.length > 0) throw new ValidationError('The role was not changed.', scope.details);
  if (user.id === me.id && scope.role !== user.role)
    throw new ValidationError('The role was not changed.', [
      { location: 'role', message: 'You cannot change your own role: ask another administrator.' },
    ]);
  return grant(
    db,
    user.email,
    { role: scope.role, states: scope.states, actorId: scope.actorId },
    authorOf(me),
  );
}

/** Sets a password the admin typed (ending the user's sessions). */
export async function setPassword(
  db: Kysely<Database>,
  caller: User | null,
  id: number,
  password: string,
): Promise<User> {
  const me = authorize(caller, 'update', 'user');
  const user = await userById(db, me, id);
  const details = passwordDetails(password, user.email);
  if (details.length > 0) throw new ValidationError('The password was not changed.', details);
  await resetPassword(db, user.email, password, authorOf(me));
  return user;
}
