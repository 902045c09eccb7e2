/**
 * Accounts: users and their scopes (users.ts), sign-in and sessions
 * (sessions.ts), API tokens (tokens.ts) and the audit trail (audit.ts). This
 * module is their one public face.
 *
 * @example
 * await createUser(db, { email: 'fp@example.org', role: 'focal_point', states: ['BRA'], actorId: null, password }, admin);
 * const { sessionId } = await signIn(db, { email: 'fp@example.org', password, client: '127.0.0.1' });
 * const session = await userForSession(db, sessionId); // { user: { role: 'focal_point', states: ['BRA'], … }, csrfToken }
 */
export { type ChangeAuthor, CLI_AUTHOR, recordSecurityEvent, writeAudit } from './audit.ts';
export { type SignIn, signIn, signOut, userForSession } from './sessions.ts';
export { createToken, listTokens, revokeToken, type TokenView, userForToken } from './tokens.ts';
export {
  createUser,
  getUser,
  grant,
  listUsers,
  type NewUser,
  resetPassword,
  setDisabled,
  type User,
} from './users.ts';
