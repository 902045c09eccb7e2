/** API shapes of the audit trail and the security events, and the filters both the API and the viewer take. */
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../http/list.ts';
import { isoDateParam } from '../../http/params.ts';

const dateFilter = {
  from: isoDateParam
    .optional()
    .openapi({ description: 'Only rows on or after this day (UTC)', example: '2026-01-01', type: 'string' }),
  to: isoDateParam
    .optional()
    .openapi({ description: 'Only rows on or before this day (UTC)', example: '2026-12-31', type: 'string' }),
};

const word = (description: string, example: string) =>
  z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]*$/, 'lower-case letters, digits, _, . and - only')
    .optional()
    .openapi({ description, example });

export const auditFilterShape = {
  user: z
    .string()
    .max(254)
    .optional()
    .openapi({ description: 'Only changes made by this user (email; `cli` for the command line)' }),
  resource: word('Only changes to this kind of record', 'user'),
  action: word('Only this action', 'grant'),
  recordId: z.string().max(500).optional().openapi({ description: 'Only changes to this record (its id)' }),
  ...dateFilter,
};
export const auditQuerySchema = listQuerySchema.extend(auditFilterShape);

export const securityFilterShape = {
  kind: word('Only events of this kind', 'sign_in_failed'),
  ...dateFilter,
};
export const securityQuerySchema = listQuerySchema.extend(securityFilterShape);

export const auditEntrySchema = z
  .object({
    id: z.int().openapi({ description: 'Increases with every row: newer rows have larger ids' }),
    at: z.string().openapi({ description: 'When (ISO 8601, UTC)', example: '2026-11-28T10:01:02.000Z' }),
    userEmail: z.string().nullable().openapi({
      description: 'Who made the change (`cli`: the command line)',
      example: 'admin@example.org',
    }),
    action: z.string().openapi({ example: 'grant' }),
    resource: z.string().openapi({ example: 'user' }),
    recordId: z.string().openapi({ example: 'fp@example.org' }),
    before: z
      .unknown()
      .openapi({ description: 'The record before the change (null for a creation); never a secret' }),
    after: z
      .unknown()
      .openapi({ description: 'The record after the change (null for a deletion); never a secret' }),
  })
  .openapi('AuditEntry');

export const securityEventSchema = z
  .object({
    id: z.int(),
    at: z.string().openapi({ example: '2026-11-28T10:01:02.000Z' }),
    kind: z.string().openapi({
      description:
        'sign_in, sign_in_failed, sign_in_throttled, sign_out, token_refused, csrf_refused, and refusals of access',
      example: 'sign_in_failed',
    }),
    userEmail: z.string().nullable().openapi({ description: 'The account concerned, when there is one' }),
    detail: z.record(z.string(), z.unknown()).openapi({
      description: 'What happened (client address, path, reason …); never a secret',
    }),
  })
  .openapi('SecurityEvent');
