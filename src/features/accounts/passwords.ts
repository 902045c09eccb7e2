/**
 * Password hashing (Argon2id) and the password rules of this platform.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPassword(stored, 'correct horse battery staple'); // true
 */
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblems } from '../../domain/password-rules.ts';
import { ValidationError } from '../../errors.ts';

/**
 * OWASP's baseline for Argon2id (19 MiB, 2 passes, 1 lane). The library's
 * default algorithm is Argon2id; a test checks the stored hash says so.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash must never let anyone in.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification when there is no account to check, so
 * the answer for an unknown email takes as long as for a wrong password.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('a password no account has, used to spend equal time');
  await verifyPassword(await dummy, password);
  return false;
}

let common: ReadonlySet<string> | undefined;
/** About 49,000 commonly used passwords (the zxcvbn-ts common list, MIT). */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set((dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()));
  }
  return common;
}

/** Throws a ValidationError naming every rule the password breaks. */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problems = passwordProblems(password, commonPasswords(), email);
  if (problems.length > 0) {
    throw new ValidationError(
      `The password is not acceptable: it ${problems.join('; it ')}.`,
      problems.map((message) => ({ location: 'password', message })),
    );
  }
}
