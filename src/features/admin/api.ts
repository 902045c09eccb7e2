/** API v1 for staff: the audit trail and the security events, with the viewer's filters. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';
import { type CsvColumn, sendList } from '../../http/list.ts';
import { listResponse } from '../../http/openapi.ts';
import { type AuditEntry, auditLog, type SecurityEvent, securityLog } from './audit-service.ts';
import { auditEntrySchema, auditQuerySchema, securityEventSchema, securityQuerySchema } from './schemas.ts';

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export const auditCsvColumns: CsvColumn<AuditEntry>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'at', value: (e) => e.at },
  { header: 'userEmail', value: (e) => e.userEmail },
  { header: 'action', value: (e) => e.action },
  { header: 'resource', value: (e) => e.resource },
  { header: 'recordId', value: (e) => e.recordId },
  { header: 'before', value: (e) => json(e.before) },
  { header: 'after', value: (e) => json(e.after) },
];

export const securityCsvColumns: CsvColumn<SecurityEvent>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'at', value: (e) => e.at },
  { header: 'kind', value: (e) => e.kind },
  { header: 'userEmail', value: (e) => e.userEmail },
  { header: 'detail', value: (e) => json(e.detail) },
];

const STAFF =
  'Needs a session or `Authorization: Bearer TOKEN` of an administrator or a reviewer: 401 without one, 403 for other roles.';

/** Registers `GET /audit` and `GET /security-events`. */
export function registerAdminApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['Accounts'],
      summary: 'The audit trail: one row per change, newest first',
      description: `Who changed what and when, with the record before and after (never a secret). Filters: \`user\` (email), \`resource\`, \`action\`, \`recordId\`, \`from\` and \`to\` (days, UTC, both included). ${STAFF}`,
      request: { query: auditQuerySchema },
      responses: listResponse(auditEntrySchema, 'Audit rows, newest first'),
    }),
    async (c) => {
      const { cursor, limit, format, ...filter } = c.req.valid('query');
      const page = await auditLog(c.var.deps.db, c.get('user'), filter, { cursor, limit });
      return sendList(
        c,
        { cursor, limit, format },
        { items: page.items, nextCursor: page.nextCursor },
        { filename: 'audit', columns: auditCsvColumns },
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/security-events',
      tags: ['Accounts'],
      summary: 'Security events: sign-ins, failures, throttling and refusals, newest first',
      description: `Filters: \`kind\`, \`from\` and \`to\` (days, UTC, both included). ${STAFF}`,
      request: { query: securityQuerySchema },
      responses: listResponse(securityEventSchema, 'Security events, newest first'),
    }),
    async (c) => {
      const { cursor, limit, format, ...filter } = c.req.valid('query');
      const page = await securityLog(c.var.deps.db, c.get('user'), filter, { cursor, limit });
      return sendList(
        c,
        { cursor, limit, format },
        { items: page.items, nextCursor: page.nextCursor },
        { filename: 'security-events', columns: securityCsvColumns },
      );
    },
  );
}
