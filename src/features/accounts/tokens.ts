/**
 * API tokens for scripts: act with their user's rights, shown once, stored
 * as SHA-256 digests, revocable; a disabled user's tokens stop working.
 *
 * @example
 * const { token } = await createToken(db, 'fp@example.org', 'nightly import', CLI_AUTHOR);
 * await userForToken(db, token); // the user, or null
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { type ChangeAuthor, writeAudit } from './audit.ts';
import { nowIso, randomSecret, sha256 } from './secrets.ts';
import { getUser, loadUser, normalizeEmail, type User } from './users.ts';

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
