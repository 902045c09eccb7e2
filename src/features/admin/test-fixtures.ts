/**
 * What the administration tests share: an app with the registry fixture and
 * one account per role, a signed-in session per person (cookie and CSRF
 * token), form bodies, and small import files. Test-only; nothing in the
 * application imports it.
 *
 * @example
 * const { app, editors } = await openAdminApp('sqlite');
 * const admin = await sessionOf(app, 'admin');
 * await app.request('/editor/users', { headers: admin.headers });
 */

import type { EngineName } from '../../../test/helpers/db.ts';
import {
  EDITOR_PASSWORD,
  EDITORS,
  type EditorName,
  type Editors,
  seedEditors,
} from '../../../test/helpers/editors.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { todayIso } from '../../http/params.ts';
import { signIn } from '../accounts/service.ts';

export async function openAdminApp(engine: EngineName): Promise<{ app: TestApp; editors: Editors }> {
  const app = await openTestApp(engine);
  await loadRegistryFixture(app.db, todayIso());
  return { app, editors: await seedEditors(app.db) };
}

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

let client = 0;
/** Signs `who` in (each time from a new client address, so no test is throttled by another). */
export async function sessionOf(app: TestApp, who: EditorName): Promise<Session> {
  const { sessionId, csrfToken } = await signIn(app.db, {
    email: EDITORS[who].email,
    password: EDITOR_PASSWORD,
    client: `test-${++client}`,
  });
  const cookie = `cw_session=${sessionId}`;
  return { cookie, csrf: csrfToken, headers: { cookie } };
}

/** A urlencoded form POST made with a session (the CSRF token included unless `_csrf` is given). */
export function postForm(session: Session, fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  };
}

/** A multipart POST of one file made with a session; `csrf: null` leaves the token out. */
export function postFile(
  session: Session,
  file: { name: string; body: string | Uint8Array<ArrayBuffer>; type?: string } | null,
  csrf: string | null = session.csrf,
): RequestInit {
  const form = new FormData();
  if (csrf !== null) form.set('_csrf', csrf);
  if (file) form.set('file', new File([file.body], file.name, { type: file.type ?? 'text/csv' }));
  return { method: 'POST', headers: { cookie: session.cookie }, body: form };
}

/** Two new actors in the CSV import format. */
export const ACTORS_CSV = [
  'id,name,type,iso3,website,synthetic',
  'ngo-alpha,Refugee Aid Network,civil_society,KEN,https://example.org/alpha,false',
  'ngo-beta,Beta Migrant Network,migrant_diaspora,,,false',
].join('\n');

/** The same with a third row whose type is not one of the actor types (row 4, column "type"). */
export const ACTORS_CSV_BAD = `${ACTORS_CSV}\nngo-gamma,Gamma,not-a-type,,,false`;

/** The pending-import id from the redirect after an upload. */
export const pendingIdOf = (res: Response) =>
  /\/editor\/import\/([0-9a-f]{32})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
