/**
 * `compact-watch users` and `tokens` as an operator runs them, on both
 * engines: the password comes from standard input, errors name the field and
 * exit with code 2, the token is printed once on standard output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, forEachEngine, freshDatabaseConfig } from './helpers/db.ts';
import { runCli } from './helpers/spawn.ts';

forEachEngine((engine) => {
  describe('users and tokens commands', () => {
    const fresh = freshDatabaseConfig(engine);
    afterAll(() => dropSchema(fresh.database));
    const cli = (args: string[], input?: string) => runCli(args, fresh.env, input);

    it('adds a focal point from a password on standard input and lists them', () => {
      const add = cli(
        [
          'users',
          'add',
          'FP@Example.org',
          '--role',
          'focal_point',
          '--state',
          'BRA',
          '--state',
          'arg',
          '--password-stdin',
        ],
        'a long and private passphrase\n',
      );
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(add.stdout).toBe('Added fp@example.org  focal_point (ARG, BRA)\n');
      expect(cli(['users', 'list']).stdout).toBe('fp@example.org  focal_point (ARG, BRA)\n');
    });

    it('refuses a weak password, a missing --password-stdin and a wrong scope with code 2, writing nothing', () => {
      const weak = cli(
        ['users', 'add', 'x@example.org', '--role', 'admin', '--password-stdin'],
        'password123\n',
      );
      expect(weak.code).toBe(2);
      expect(weak.stderr).toContain('at least 12 characters');
      const noStdin = cli(['users', 'add', 'y@example.org', '--role', 'admin']);
      expect(noStdin.code).toBe(2);
      expect(noStdin.stderr).toContain('--password-stdin');
      const scope = cli(['users', 'grant', 'fp@example.org', '--role', 'reviewer', '--state', 'BRA']);
      expect(scope.code).toBe(2);
      expect(scope.stderr).toContain('Only focal points are scoped to States');
      expect(cli(['users', 'list']).stdout).toBe('fp@example.org  focal_point (ARG, BRA)\n');
    });

    it('creates a token shown once, lists it without the secret, and revokes it', () => {
      const created = cli(['tokens', 'create', 'fp@example.org', '--name', 'nightly import']);
      expect(created.code).toBe(0);
      const token = created.stdout.trim();
      expect(token).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toContain('shown only now');
      const listed = cli(['tokens', 'list']);
      expect(listed.stdout).toMatch(
        /^1 {2}fp@example\.org {2}"nightly import" {2}created \d{4}-\d{2}-\d{2} {2}never used\n$/,
      );
      expect(listed.stdout).not.toContain(token);
      expect(cli(['tokens', 'revoke', '1']).stdout).toBe('Revoked token 1.\n');
      expect(cli(['tokens', 'list']).stdout).toContain('revoked ');
      expect(cli(['tokens', 'revoke', '99']).code).toBe(3);
    });

    it('disables and enables a user', () => {
      expect(cli(['users', 'disable', 'fp@example.org']).stdout).toBe(
        'Disabled (sessions ended): fp@example.org\n',
      );
      expect(cli(['users', 'list']).stdout).toContain('DISABLED');
      expect(cli(['users', 'disable', 'fp@example.org', '--enable']).stdout).toBe(
        'Enabled: fp@example.org\n',
      );
      expect(cli(['users', 'disable', 'nobody@example.org']).code).toBe(3);
    });
  });
});
