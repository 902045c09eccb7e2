/**
 * The audit trail: one append-only row per change, written in the change's
 * own transaction, and security events (sign-ins, failures, refusals) that
 * never hold a secret.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', 7).execute();
 *   await writeAudit(trx, { author, action: 'disable', resource: 'user', recordId: 'a@b.org', before, after });
 * });
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from './secrets.ts';

/** Who made a change, for the audit trail: a user, or the command line run by the operator. */
export type ChangeAuthor = { id: number | null; email: string | null };
export const CLI_AUTHOR: ChangeAuthor = { id: null, email: 'cli' };

/** Appends one audit row. Call inside the transaction that makes the change. */
export async function writeAudit(
  trx: Transaction<Database>,
  entry: {
    author: ChangeAuthor;
    action: string;
    resource: string;
    recordId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      user_id: entry.author.id,
      user_email: entry.author.email,
      action: entry.action,
      resource: entry.resource,
      record_id: entry.recordId,
      before_json: entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Records a sign-in, a failure or a refusal. `detail` must never hold a secret. */
export async function recordSecurityEvent(
  db: Kysely<Database>,
  kind: string,
  userId: number | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('security_events')
    .values({ at: nowIso(), kind, user_id: userId, detail: JSON.stringify(detail) })
    .execute();
}
