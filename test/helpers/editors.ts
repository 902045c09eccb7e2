/**
 * One account per role for tests that act as different people: an admin, a
 * reviewer, focal points for Kenya and for Germany, and a contributor for the
 * fixture actor `refugee-council`. Each has an API token; `as(name)` gives
 * the headers that act as them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { CLI_AUTHOR, createToken, createUser } from '../../src/features/accounts/service.ts';

export const EDITOR_PASSWORD = 'a long and private passphrase';

export const EDITORS = {
  admin: { email: 'admin@example.org', role: 'admin', states: [], actorId: null },
  reviewer: { email: 'reviewer@example.org', role: 'reviewer', states: [], actorId: null },
  focalKen: { email: 'fp-ken@example.org', role: 'focal_point', states: ['KEN'], actorId: null },
  focalDeu: { email: 'fp-deu@example.org', role: 'focal_point', states: ['DEU'], actorId: null },
  contributor: {
    email: 'council@example.org',
    role: 'contributor',
    states: [],
    actorId: 'refugee-council',
  },
} as const;
export type EditorName = keyof typeof EDITORS;

export type Editors = {
  tokens: Record<EditorName, string>;
  /** Headers that act as this person (JSON body, bearer token), plus any given. */
  as: (name: EditorName, extra?: Record<string, string>) => Record<string, string>;
};

/** Creates the five accounts and their tokens. Needs the registry fixture (for `refugee-council`). */
export async function seedEditors(db: Kysely<Database>): Promise<Editors> {
  const tokens = {} as Record<EditorName, string>;
  for (const [name, e] of Object.entries(EDITORS) as [EditorName, (typeof EDITORS)[EditorName]][]) {
    await createUser(
      db,
      { email: e.email, role: e.role, states: [...e.states], actorId: e.actorId, password: EDITOR_PASSWORD },
      CLI_AUTHOR,
    );
    tokens[name] = (await createToken(db, e.email, 'tests', CLI_AUTHOR)).token;
  }
  return {
    tokens,
    as: (name, extra = {}) => ({
      authorization: `Bearer ${tokens[name]}`,
      'content-type': 'application/json',
      ...extra,
    }),
  };
}
