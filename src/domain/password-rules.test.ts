import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './password-rules.ts';

const common = new Set(['password', 'qwerty123456', 'letmein']);

describe('password rules', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(passwordProblems('correct horse battery staple', common)).toEqual([]);
  });

  it('refuses a password shorter than 12 characters, counting characters not bytes', () => {
    expect(passwordProblems('short-pass', common)).toContain(
      `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
    );
    expect(passwordProblems('ééééééééééé1', common)).toEqual([]);
  });

  it('refuses common passwords, also with digits or symbols appended and in any case', () => {
    expect(passwordProblems('qwerty123456', common)).toEqual(['is a commonly used password']);
    expect(passwordProblems('Password2026!', common)).toEqual(['is a commonly used password']);
    expect(passwordProblems('LETMEIN12345', common)).toEqual(['is a commonly used password']);
  });

  it('refuses a password that contains the account name or repeats one character', () => {
    expect(passwordProblems('amina.k-secret-2026', common, 'amina.k@example.org')).toEqual([
      'must not contain the account name',
    ]);
    expect(passwordProblems('aaaaaaaaaaaaaa', common)).toEqual(['must not repeat one character']);
  });
});
