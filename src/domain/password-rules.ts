/**
 * Password rules, after NIST SP 800-63B: at least 12 characters, no
 * composition rules, pasting allowed, and no password from a list of
 * commonly used ones (checked with and without trailing digits and symbols,
 * so `password2026!` counts as `password`). Pure: the list is passed in.
 *
 * @example
 * passwordProblems('correct horse battery', commonSet); // []
 * passwordProblems('qwerty123456', commonSet);          // ['is a commonly used password']
 */

export const MIN_PASSWORD_LENGTH = 12;
/** Argon2 hashes any length, but a bound keeps hashing cheap and requests small. */
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblems(password: string, common: ReadonlySet<string>, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  const lower = password.toLowerCase();
  const core = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || (core.length >= 4 && common.has(core)))
    problems.push('is a commonly used password');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('must not contain the account name');
  if (/^(.)\1+$/u.test(password)) problems.push('must not repeat one character');
  return problems;
}
