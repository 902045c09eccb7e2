/**
 * The audit trail and the security events, for staff: newest first, a page
 * at a time (an opaque cursor on the row id, so a page stays put while new
 * rows arrive), filtered by who, what and when. The same functions serve the
 * viewer pages and the API.
 *
 * @example
 * const { items, nextCursor } = await auditLog(db, reviewer, { resource: 'user' }, { limit: 50 });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../http/list.ts';
import type { User } from '../accounts/service.ts';
import {
  type AuditFilter,
  auditChoices,
  listAuditRows,
  listSecurityRows,
  type SecurityFilter,
  securityKinds,
} from './repository.ts';
import { authorize } from './service.ts';

export type { AuditFilter, SecurityFilter };

export type AuditEntry = {
  id: number;
  at: string;
  userEmail: string | null;
  action: string;
  resource: string;
  recordId: string;
  before: unknown;
  after: unknown;
};

export type SecurityEvent = {
  id: number;
  at: string;
  kind: string;
  userEmail: string | null;
  detail: Record<string, unknown>;
};

export type Paged<T> = { items: T[]; nextCursor: string | null };

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function checkRange(filter: { from?: string | undefined; to?: string | undefined }): void {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new ValidationError(`"from" (${filter.from}) is after "to" (${filter.to}).`, [
      { location: 'from', message: 'must not be after "to"' },
    ]);
}

function paged<R extends { id: number }, T>(rows: R[], limit: number, view: (r: R) => T): Paged<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

const beforeIdOf = (cursor: string | undefined) => {
  const k = decodeCursor(cursor);
  return k < 0 ? null : k;
};

export async function auditLog(
  db: Kysely<Database>,
  caller: User | null,
  filter: AuditFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<Paged<AuditEntry>> {
  authorize(caller, 'read', 'audit');
  checkRange(filter);
  const rows = await listAuditRows(
    db,
    { ...filter, user: filter.user?.trim().toLowerCase() },
    { beforeId: beforeIdOf(page.cursor), limit: page.limit },
  );
  return paged(rows, page.limit, (r) => ({
    id: r.id,
    at: r.at,
    userEmail: r.user_email,
    action: r.action,
    resource: r.resource,
    recordId: r.record_id,
    before: parse(r.before_json),
    after: parse(r.after_json),
  }));
}

export async function auditFilterChoices(db: Kysely<Database>, caller: User | null) {
  authorize(caller, 'read', 'audit');
  return auditChoices(db);
}

export async function securityLog(
  db: Kysely<Database>,
  caller: User | null,
  filter: SecurityFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<Paged<SecurityEvent>> {
  authorize(caller, 'read', 'audit');
  checkRange(filter);
  const rows = await listSecurityRows(db, filter, { beforeId: beforeIdOf(page.cursor), limit: page.limit });
  return paged(rows, page.limit, (r) => {
    const detail = parse(r.detail);
    return {
      id: r.id,
      at: r.at,
      kind: r.kind,
      userEmail: r.user_email,
      detail:
        typeof detail === 'object' && detail !== null && !Array.isArray(detail)
          ? (detail as Record<string, unknown>)
          : { value: detail },
    };
  });
}

export async function securityFilterChoices(db: Kysely<Database>, caller: User | null): Promise<string[]> {
  authorize(caller, 'read', 'audit');
  return securityKinds(db);
}
