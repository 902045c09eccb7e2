/**
 * Reads for the administration pages: users a page at a time, the audit
 * trail and the security events newest first (keyset on the row id), and the
 * uploaded files waiting between an import's dry run and its commit. Every
 * change to a user goes through the accounts service, which audits it.
 *
 * @example
 * const rows = await listAuditRows(db, { resource: 'user' }, { beforeId: null, limit: 50 });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Role } from '../../domain/access-policy.ts';
import type { User } from '../accounts/service.ts';

/** Users in email order after `after`, with their States: `limit + 1` of them, for paging. */
export async function listUserRows(
  db: Kysely<Database>,
  page: { after: string | null; limit: number },
): Promise<User[]> {
  let q = db
    .selectFrom('users')
    .selectAll()
    .orderBy('email')
    .limit(page.limit + 1);
  if (page.after !== null) q = q.where('email', '>', page.after);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const states = await db
    .selectFrom('user_states')
    .select(['user_id', 'iso3'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('iso3')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    states: states.filter((s) => s.user_id === r.id).map((s) => s.iso3),
    actorId: r.actor_id,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  }));
}

/** Which of `codes` are States in the reference data. */
export async function knownStates(db: Kysely<Database>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('states').select('iso3').where('iso3', 'in', codes).execute();
  return new Set(rows.map((r) => r.iso3));
}

export async function actorExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('actors').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined
  );
}

/** Filters of the audit trail; dates are whole days (UTC), `to` included. */
export type AuditFilter = {
  user?: string | undefined;
  resource?: string | undefined;
  action?: string | undefined;
  recordId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** Newest first; `beforeId` continues a page (keyset). */
export type KeysetPage = { beforeId: number | null; limit: number };

/** The day after an ISO date: `to` is inclusive, so rows are kept while `at` is before it. */
export function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function listAuditRows(db: Kysely<Database>, filter: AuditFilter, page: KeysetPage) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.beforeId !== null) q = q.where('id', '<', page.beforeId);
  if (filter.user) q = q.where('user_email', '=', filter.user);
  if (filter.resource) q = q.where('resource', '=', filter.resource);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.recordId) q = q.where('record_id', '=', filter.recordId);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', dayAfter(filter.to));
  return q.execute();
}

/** The resources and actions that occur in the audit trail, for the filter form's choices. */
export async function auditChoices(
  db: Kysely<Database>,
): Promise<{ resources: string[]; actions: string[] }> {
  const [resources, actions] = await Promise.all([
    db.selectFrom('audit_log').select('resource').distinct().orderBy('resource').execute(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
  ]);
  return { resources: resources.map((r) => r.resource), actions: actions.map((r) => r.action) };
}

export type SecurityFilter = {
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function listSecurityRows(db: Kysely<Database>, filter: SecurityFilter, page: KeysetPage) {
  let q = db
    .selectFrom('security_events')
    .leftJoin('users', 'users.id', 'security_events.user_id')
    .select([
      'security_events.id',
      'security_events.at',
      'security_events.kind',
      'security_events.user_id',
      'security_events.detail',
      'users.email as user_email',
    ])
    .orderBy('security_events.id', 'desc')
    .limit(page.limit + 1);
  if (page.beforeId !== null) q = q.where('security_events.id', '<', page.beforeId);
  if (filter.kind) q = q.where('security_events.kind', '=', filter.kind);
  if (filter.from) q = q.where('security_events.at', '>=', filter.from);
  if (filter.to) q = q.where('security_events.at', '<', dayAfter(filter.to));
  return q.execute();
}

export async function securityKinds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('security_events').select('kind').distinct().orderBy('kind').execute();
  return rows.map((r) => r.kind);
}

export type PendingImport = {
  id: string;
  userId: number;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
  createdAt: string;
};

export async function insertPendingImport(db: Kysely<Database>, p: PendingImport): Promise<void> {
  await db
    .insertInto('pending_imports')
    .values({
      id: p.id,
      user_id: p.userId,
      file_name: p.fileName,
      media_type: p.mediaType,
      bytes: Buffer.from(p.bytes),
      sha256: p.sha256,
      created_at: p.createdAt,
    })
    .execute();
}

const toPending = (r: Database['pending_imports']): PendingImport => ({
  id: r.id,
  userId: r.user_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  bytes: r.bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
});

/** A pending import of this user that has not expired (created at or after `notBefore`). */
export async function findPendingImport(
  db: Kysely<Database>,
  key: { id: string; userId: number; notBefore: string },
): Promise<PendingImport | null> {
  const row = await db
    .selectFrom('pending_imports')
    .selectAll()
    .where('id', '=', key.id)
    .where('user_id', '=', key.userId)
    .where('created_at', '>=', key.notBefore)
    .executeTakeFirst();
  return row ? toPending(row) : null;
}

/** Deletes a live pending import of this user; true when there was one to delete. */
export async function takePendingImport(
  db: Kysely<Database>,
  key: { id: string; userId: number; notBefore: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('pending_imports')
    .where('id', '=', key.id)
    .where('user_id', '=', key.userId)
    .where('created_at', '>=', key.notBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteExpiredImports(db: Kysely<Database>, notBefore: string): Promise<void> {
  await db.deleteFrom('pending_imports').where('created_at', '<', notBefore).execute();
}
