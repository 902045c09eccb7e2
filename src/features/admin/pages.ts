/**
 * The editor area's administration pages: users (users-pages.tsx), the web
 * import (import-page.tsx) and the audit viewer (audit-pages.tsx).
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { registerAuditPages } from './audit-pages.tsx';
import { registerImportPages } from './import-page.tsx';
import { registerUserPages } from './users-pages.tsx';

export function registerAdminPages(app: Hono<AppEnv>): void {
  registerUserPages(app);
  registerImportPages(app);
  registerAuditPages(app);
}
