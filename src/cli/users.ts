/**
 * `compact-watch users …` and `compact-watch tokens …`: accounts from the
 * command line. Passwords are read from standard input (`--password-stdin`),
 * never from arguments, which other users of the machine can see.
 *
 * @example
 * printf '%s' "$PASSWORD" | compact-watch users add fp@example.org --role focal_point --state BRA --password-stdin
 * compact-watch tokens create fp@example.org --name "nightly import"   # prints the token once
 */
import { loadConfig } from '../config.ts';
import { ROLES, type Role } from '../domain/access-policy.ts';
import { ValidationError } from '../errors.ts';
import {
  CLI_AUTHOR,
  createToken,
  createUser,
  grant,
  listTokens,
  listUsers,
  resetPassword,
  revokeToken,
  setDisabled,
  type User,
} from '../features/accounts/service.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type Values = Record<string, string | boolean | string[] | undefined>;

export const USERS_OPTIONS = {
  role: { type: 'string', description: `the role: ${ROLES.join(', ')}` },
  state: {
    type: 'string',
    multiple: true,
    description: 'a State a focal point answers for (ISO3; repeat for more)',
  },
  actor: { type: 'string', description: 'the actor a contributor answers for (actor id)' },
  'password-stdin': { type: 'boolean', description: 'read the password from standard input' },
  enable: { type: 'boolean', description: 'with disable: enable the user again' },
} as const;

export const TOKENS_OPTIONS = {
  name: { type: 'string', description: 'what the token is for (tokens create)' },
} as const;

export const USERS_USAGE = `compact-watch users add EMAIL --role ROLE [--state ISO3]... [--actor ID] --password-stdin
       compact-watch users list
       compact-watch users disable EMAIL [--enable]
       compact-watch users reset-password EMAIL --password-stdin
       compact-watch users grant EMAIL [--role ROLE] [--state ISO3]... [--actor ID]`;
export const TOKENS_USAGE = `compact-watch tokens create EMAIL --name NAME
       compact-watch tokens list [EMAIL]
       compact-watch tokens revoke ID`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof startRuntime>>['db']) => Promise<T>): Promise<T> {
  const runtime = await startRuntime(loadConfig(), createLogger({ logLevel: 'warn' }));
  try {
    return await fn(runtime.db);
  } finally {
    await runtime.close();
  }
}

function one(positionals: string[], what: string, usage: string): string {
  const value = positionals[1];
  if (!value || positionals.length > 2) {
    throw new ValidationError(`Give exactly one ${what}. Usage: ${usage}`, [
      { location: what, message: 'required' },
    ]);
  }
  return value;
}

function roleOf(value: unknown): Role | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw new ValidationError(`"${String(value)}" is not a role.`, [
    { location: '--role', message: `one of ${ROLES.join(', ')}` },
  ]);
}

export async function readPassword(
  values: Values,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  if (!values['password-stdin']) {
    throw new ValidationError(
      'Give the password on standard input with --password-stdin (never as an argument).',
      [{ location: '--password-stdin', message: 'required' }],
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  // One trailing line break is how `echo` and most password managers end a line.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const describeUser = (u: User) =>
  `${u.email}  ${u.role}${u.states.length ? ` (${u.states.join(', ')})` : ''}${u.actorId ? ` (actor ${u.actorId})` : ''}${u.disabled ? '  DISABLED' : ''}`;

export async function runUsers(values: Values, positionals: string[], io: Io): Promise<number> {
  const sub = positionals[0];
  const states = (values.state as string[] | undefined) ?? undefined;
  const actor = values.actor as string | undefined;
  switch (sub) {
    case 'add': {
      const email = one(positionals, 'EMAIL', USERS_USAGE);
      const role = roleOf(values.role);
      if (!role)
        throw new ValidationError('Give the role with --role.', [
          { location: '--role', message: 'required' },
        ]);
      const password = await readPassword(values);
      const user = await withDb((db) =>
        createUser(db, { email, role, states: states ?? [], actorId: actor ?? null, password }, CLI_AUTHOR),
      );
      io.out(`Added ${describeUser(user)}\n`);
      return 0;
    }
    case 'list': {
      const users = await withDb((db) => listUsers(db));
      if (users.length === 0)
        io.out('No users yet. Add one with: compact-watch users add EMAIL --role admin --password-stdin\n');
      for (const u of users) io.out(`${describeUser(u)}\n`);
      return 0;
    }
    case 'disable': {
      const email = one(positionals, 'EMAIL', USERS_USAGE);
      const user = await withDb((db) => setDisabled(db, email, !values.enable, CLI_AUTHOR));
      io.out(`${user.disabled ? 'Disabled (sessions ended)' : 'Enabled'}: ${user.email}\n`);
      return 0;
    }
    case 'reset-password': {
      const email = one(positionals, 'EMAIL', USERS_USAGE);
      const password = await readPassword(values);
      await withDb((db) => resetPassword(db, email, password, CLI_AUTHOR));
      io.out(`New password set for ${email.toLowerCase()}; their sessions were ended.\n`);
      return 0;
    }
    case 'grant': {
      const email = one(positionals, 'EMAIL', USERS_USAGE);
      const role = roleOf(values.role);
      const user = await withDb((db) =>
        grant(
          db,
          email,
          {
            ...(role ? { role } : {}),
            ...(states ? { states } : {}),
            ...(actor !== undefined ? { actorId: actor } : {}),
          },
          CLI_AUTHOR,
        ),
      );
      io.out(`Now ${describeUser(user)}\n`);
      return 0;
    }
    default:
      throw new ValidationError(`Unknown users command "${sub ?? ''}". Usage: ${USERS_USAGE}`, [
        { location: 'command', message: 'one of add, list, disable, reset-password, grant' },
      ]);
  }
}

export async function runTokens(values: Values, positionals: string[], io: Io): Promise<number> {
  const sub = positionals[0];
  switch (sub) {
    case 'create': {
      const email = one(positionals, 'EMAIL', TOKENS_USAGE);
      const name = values.name;
      if (typeof name !== 'string')
        throw new ValidationError('Give the token a --name.', [{ location: '--name', message: 'required' }]);
      const { id, token } = await withDb((db) => createToken(db, email, name, CLI_AUTHOR));
      io.err(`Token ${id} for ${email.toLowerCase()} ("${name}"). It is shown only now; keep it secret:\n`);
      io.out(`${token}\n`);
      return 0;
    }
    case 'list': {
      const email = positionals[1];
      const tokens = await withDb((db) => listTokens(db, email));
      if (tokens.length === 0) io.out('No API tokens.\n');
      for (const tk of tokens) {
        const state = tk.revokedAt
          ? `revoked ${tk.revokedAt}`
          : tk.lastUsedAt
            ? `last used ${tk.lastUsedAt.slice(0, 10)}`
            : 'never used';
        io.out(`${tk.id}  ${tk.user}  "${tk.name}"  created ${tk.createdAt.slice(0, 10)}  ${state}\n`);
      }
      return 0;
    }
    case 'revoke': {
      const raw = one(positionals, 'ID', TOKENS_USAGE);
      const id = Number(raw);
      if (!Number.isInteger(id) || id < 1)
        throw new ValidationError(`"${raw}" is not a token id.`, [
          { location: 'ID', message: 'a whole number from tokens list' },
        ]);
      await withDb((db) => revokeToken(db, id, CLI_AUTHOR));
      io.out(`Revoked token ${id}.\n`);
      return 0;
    }
    default:
      throw new ValidationError(`Unknown tokens command "${sub ?? ''}". Usage: ${TOKENS_USAGE}`, [
        { location: 'command', message: 'one of create, list, revoke' },
      ]);
  }
}
