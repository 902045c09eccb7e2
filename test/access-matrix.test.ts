/**
 * The role × route matrix: every route the application serves, asked by the
 * public and by each role, with the status each must get. A route without an
 * entry here fails the first test, so nothing new goes unchecked.
 *
 * Write routes get a fresh target record for every caller (made by its owner
 * through the service), so each attempt stands alone. A refused request
 * (401, 403, 404 or a redirect to sign-in) must leave every record table as
 * it was; the security log is the one table a refusal writes to.
 *
 * A second test puts a marked draft and a marked submission in the database
 * and reads every public route, the exports and the analysis: the marks never
 * appear until a reviewer publishes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_AUTHOR, createUser } from '../src/features/accounts/service.ts';
import { loadUser } from '../src/features/accounts/users.ts';
import { uploadImport } from '../src/features/admin/import-service.ts';
import { exportData } from '../src/features/transfer/export.ts';
import { createApp } from '../src/http/app.ts';
import { todayIso } from '../src/http/params.ts';
import { createLogger } from '../src/log.ts';
import { forEachEngine, tempDir } from './helpers/db.ts';
import { EDITOR_PASSWORD, EDITORS, type EditorName, type Editors, seedEditors } from './helpers/editors.ts';
import { openTestApp, type TestApp } from './helpers/http.ts';
import { loadRegistryFixture } from './helpers/registry-fixture.ts';

type Caller = 'anonymous' | EditorName;
const CALLERS: Caller[] = ['anonymous', 'focalKen', 'focalDeu', 'contributor', 'reviewer', 'admin'];
type Expected = Record<Caller, number>;

const all = (status: number): Expected => Object.fromEntries(CALLERS.map((c) => [c, status])) as Expected;
/** Public reads: everyone gets the page. */
const PUBLIC = all(200);
/** Anything for a signed-in user: the public is sent to sign in (pages) or gets 401 (API). */
const signedIn = (status: number, anonymous: number): Expected => ({ ...all(status), anonymous });
const byRole = (anonymous: number, rest: Omit<Expected, 'anonymous'>): Expected => ({ anonymous, ...rest });

type Probe = {
  path: string;
  method?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
};
type Ctx = { app: TestApp; editors: Editors; caller: Caller; n: number };
type Entry = { probe: Probe | ((ctx: Ctx) => Promise<Probe>); expect: Expected };

let serial = 0;
const kenPledge = (id: string, title = `Matrix pledge ${id}`) => ({
  id,
  actorId: 'KEN',
  compacts: ['gcr'],
  title,
  type: 'policy',
  objectives: ['gcr-2'],
  forum: 'grf-2023',
  sources: ['https://example.org/matrix'],
});

/** The editor pages' route parameter for the four kinds. */
const EDIT_KIND = ':kind{pledges|updates|national-reviews|position-events}';
/** A Kenyan pledge as the editor's form sends it (each field under its control's name). */
const kenPledgeForm = (title: string): Record<string, string> => ({
  'edit-actorId': 'KEN',
  'edit-compacts': 'gcr',
  'edit-title': title,
  'edit-type': 'policy',
  'edit-objectives': 'gcr-2',
  'edit-forum': 'grf-2023',
  'edit-sources': 'https://example.org/matrix',
});

/** A fresh draft (optionally submitted) of a Kenyan pledge, made by Kenya's focal point. */
async function kenDraft(ctx: Ctx, submitted = false): Promise<{ id: string; etag: string }> {
  const id = `MX-${ctx.caller}-${++serial}`;
  const created = await api(ctx, 'focalKen', 'POST', '/editor/pledges', kenPledge(id));
  let etag = created.headers.get('etag') as string;
  if (submitted) {
    const sent = await api(ctx, 'focalKen', 'POST', `/editor/pledges/${id}/submit`, {}, etag);
    etag = sent.headers.get('etag') as string;
  }
  return { id, etag };
}

function api(ctx: Ctx, as: EditorName, method: string, p: string, json?: unknown, ifMatch?: string) {
  return ctx.app.request(`/api/v1${p}`, {
    method,
    headers: ctx.editors.as(as, ifMatch ? { 'if-match': ifMatch } : {}),
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

/** A fresh reviewer account for the user administration routes to act on; answers its id. */
async function freshUser(ctx: Ctx): Promise<number> {
  const email = `mx-user-${ctx.caller}-${++serial}@example.org`;
  return (
    await createUser(
      ctx.app.db,
      { email, role: 'reviewer', states: [], actorId: null, password: EDITOR_PASSWORD },
      CLI_AUTHOR,
    )
  ).id;
}

/** A pending import of one new actor, uploaded by the admin; answers its id. */
async function adminUpload(ctx: Ctx): Promise<string> {
  const admin = await loadUser(ctx.app.db, { email: EDITORS.admin.email });
  const csv = `id,name,type,iso3,website,synthetic\nmx-actor-${++serial},Matrix actor,other,,,false`;
  return uploadImport(ctx.app.db, admin, { name: 'mx.csv', type: 'text/csv', bytes: Buffer.from(csv) });
}

const MATRIX: Record<string, Entry> = {
  // Public pages.
  'GET /healthz': { probe: { path: '/healthz' }, expect: PUBLIC },
  'GET /static/*': { probe: { path: '' }, expect: PUBLIC },
  'GET /': { probe: { path: '/' }, expect: PUBLIC },
  'GET /about': { probe: { path: '/about' }, expect: PUBLIC },
  'GET /api': { probe: { path: '/api' }, expect: PUBLIC },
  'GET /architecture': { probe: { path: '/architecture' }, expect: PUBLIC },
  'GET /timeline': { probe: { path: '/timeline' }, expect: PUBLIC },
  'GET /classifications': { probe: { path: '/classifications' }, expect: PUBLIC },
  'GET /classifications/:id': { probe: { path: '/classifications/wmr2020' }, expect: PUBLIC },
  'GET /compacts/:id': { probe: { path: '/compacts/gcm' }, expect: PUBLIC },
  'GET /objectives/:id': { probe: { path: '/objectives/gcm-5' }, expect: PUBLIC },
  'GET /states': { probe: { path: '/states' }, expect: PUBLIC },
  'GET /states/:iso3': { probe: { path: '/states/KEN' }, expect: PUBLIC },
  'GET /positions': { probe: { path: '/positions' }, expect: PUBLIC },
  'GET /feeds/positions.atom': { probe: { path: '/feeds/positions.atom' }, expect: PUBLIC },
  'GET /pledges': { probe: { path: '/pledges' }, expect: PUBLIC },
  'GET /pledges/:id': { probe: { path: '/pledges/P-01' }, expect: PUBLIC },
  'GET /actors': { probe: { path: '/actors' }, expect: PUBLIC },
  'GET /actors/:id': { probe: { path: '/actors/KEN' }, expect: PUBLIC },
  'GET /reviews': { probe: { path: '/reviews' }, expect: PUBLIC },
  'GET /reviews/:id': { probe: { path: '/reviews/grf-2023' }, expect: PUBLIC },

  'GET /states/:iso3/brief': { probe: { path: '/states/BRA/brief' }, expect: PUBLIC },
  'GET /analysis': { probe: { path: '/analysis' }, expect: PUBLIC },
  'GET /analysis/categories': { probe: { path: '/analysis/categories' }, expect: PUBLIC },
  'GET /analysis/support': { probe: { path: '/analysis/support' }, expect: PUBLIC },
  'GET /analysis/crosswalk': { probe: { path: '/analysis/crosswalk' }, expect: PUBLIC },
  'GET /analysis/themes': { probe: { path: '/analysis/themes' }, expect: PUBLIC },

  // Signing in and out.
  'GET /sign-in': { probe: { path: '/sign-in' }, expect: signedIn(303, 200) },
  // Anyone may sign in; a right password leads on to the editor.
  'POST /sign-in': {
    probe: {
      path: '/sign-in',
      method: 'POST',
      form: { email: 'admin@example.org', password: EDITOR_PASSWORD },
    },
    expect: all(303),
  },
  // Signing out needs someone signed in.
  'POST /sign-out': { probe: { path: '/sign-out', method: 'POST', form: {} }, expect: signedIn(303, 401) },
  'GET /editor': { probe: { path: '/editor' }, expect: signedIn(200, 303) },

  // The editor's pages (forms posted with a bearer token need no CSRF token).
  'GET /editor/queue': {
    probe: { path: '/editor/queue' },
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 200, admin: 200 }),
  },
  [`GET /editor/${EDIT_KIND}/new`]: {
    probe: { path: '/editor/national-reviews/new' },
    expect: byRole(303, { focalKen: 200, focalDeu: 200, contributor: 403, reviewer: 200, admin: 200 }),
  },
  [`POST /editor/${EDIT_KIND}/new`]: {
    probe: { path: '/editor/pledges/new', method: 'POST', form: kenPledgeForm('Matrix form pledge') },
    expect: byRole(303, { focalKen: 303, focalDeu: 403, contributor: 403, reviewer: 303, admin: 303 }),
  },
  [`GET /editor/${EDIT_KIND}/:id`]: {
    probe: async (ctx) => ({ path: `/editor/pledges/${(await kenDraft(ctx)).id}` }),
    expect: byRole(303, { focalKen: 200, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  [`POST /editor/${EDIT_KIND}/:id`]: {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx);
      const form = { ...kenPledgeForm('Matrix form change'), _etag: etag };
      return { path: `/editor/pledges/${id}`, method: 'POST', form };
    },
    expect: byRole(303, { focalKen: 303, focalDeu: 404, contributor: 404, reviewer: 303, admin: 303 }),
  },
  [`POST /editor/${EDIT_KIND}/:id/:action{submit|publish|return|discard}`]: {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx, true);
      return { path: `/editor/pledges/${id}/publish`, method: 'POST', form: { _etag: etag } };
    },
    expect: byRole(303, { focalKen: 403, focalDeu: 404, contributor: 404, reviewer: 303, admin: 303 }),
  },

  // Administration: users (admins); the import and the audit log (admins and reviewers).
  'GET /editor/users': {
    probe: { path: '/editor/users' },
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 200 }),
  },
  'POST /editor/users': {
    probe: async (ctx) => ({
      path: '/editor/users',
      method: 'POST',
      form: { email: `mx-new-${ctx.n}@example.org`, role: 'reviewer', password: EDITOR_PASSWORD },
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 303 }),
  },
  'GET /editor/users/:id{[0-9]+}': {
    probe: async (ctx) => ({ path: `/editor/users/${await freshUser(ctx)}` }),
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 200 }),
  },
  'POST /editor/users/:id{[0-9]+}/grant': {
    probe: async (ctx) => ({
      path: `/editor/users/${await freshUser(ctx)}/grant`,
      method: 'POST',
      form: { role: 'focal_point', states: 'KEN' },
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 303 }),
  },
  'POST /editor/users/:id{[0-9]+}/disable': {
    probe: async (ctx) => ({
      path: `/editor/users/${await freshUser(ctx)}/disable`,
      method: 'POST',
      form: {},
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 303 }),
  },
  'POST /editor/users/:id{[0-9]+}/enable': {
    probe: async (ctx) => ({
      path: `/editor/users/${await freshUser(ctx)}/enable`,
      method: 'POST',
      form: {},
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 303 }),
  },
  'POST /editor/users/:id{[0-9]+}/password': {
    probe: async (ctx) => ({
      path: `/editor/users/${await freshUser(ctx)}/password`,
      method: 'POST',
      form: { password: 'another long and private passphrase' },
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 403, admin: 303 }),
  },
  'GET /editor/import': {
    probe: { path: '/editor/import' },
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 200, admin: 200 }),
  },
  // Without a file: staff pass the policy and get the form's 400 (uploads are tested in the admin tests).
  'POST /editor/import': {
    probe: { path: '/editor/import', method: 'POST', form: {} },
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 400, admin: 400 }),
  },
  // The admin's upload: only its uploader sees it.
  'GET /editor/import/:id{[0-9a-f]{32}}': {
    probe: async (ctx) => ({ path: `/editor/import/${await adminUpload(ctx)}` }),
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 404, admin: 200 }),
  },
  'POST /editor/import/:id{[0-9a-f]{32}}/commit': {
    probe: async (ctx) => ({
      path: `/editor/import/${await adminUpload(ctx)}/commit`,
      method: 'POST',
      form: {},
    }),
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 404, admin: 303 }),
  },
  'GET /editor/audit': {
    probe: { path: '/editor/audit' },
    expect: byRole(303, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 200, admin: 200 }),
  },
  'GET /api/v1/audit': {
    probe: { path: '/api/v1/audit' },
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 200, admin: 200 }),
  },
  'GET /api/v1/security-events': {
    probe: { path: '/api/v1/security-events' },
    expect: byRole(401, { focalKen: 403, focalDeu: 403, contributor: 403, reviewer: 200, admin: 200 }),
  },

  // Public API reads.
  'GET /api/v1': { probe: { path: '/api/v1' }, expect: PUBLIC },
  'GET /api/v1/openapi.json': { probe: { path: '/api/v1/openapi.json' }, expect: PUBLIC },
  'GET /api/v1/compacts': { probe: { path: '/api/v1/compacts' }, expect: PUBLIC },
  'GET /api/v1/compacts/:id': { probe: { path: '/api/v1/compacts/gcr' }, expect: PUBLIC },
  'GET /api/v1/compacts/:id/objectives': {
    probe: { path: '/api/v1/compacts/gcr/objectives' },
    expect: PUBLIC,
  },
  'GET /api/v1/objectives/:id': { probe: { path: '/api/v1/objectives/gcm-1' }, expect: PUBLIC },
  'GET /api/v1/classifications': { probe: { path: '/api/v1/classifications' }, expect: PUBLIC },
  'GET /api/v1/classifications/:id': { probe: { path: '/api/v1/classifications/wmr2020' }, expect: PUBLIC },
  'GET /api/v1/milestones': { probe: { path: '/api/v1/milestones' }, expect: PUBLIC },
  'GET /api/v1/institutions': { probe: { path: '/api/v1/institutions' }, expect: PUBLIC },
  'GET /api/v1/institutions/:id': { probe: { path: '/api/v1/institutions/iom' }, expect: PUBLIC },
  'GET /api/v1/relations': { probe: { path: '/api/v1/relations' }, expect: PUBLIC },
  'GET /api/v1/states': { probe: { path: '/api/v1/states' }, expect: PUBLIC },
  'GET /api/v1/states/:iso3': { probe: { path: '/api/v1/states/KEN' }, expect: PUBLIC },
  'GET /api/v1/states/:iso3/positions': { probe: { path: '/api/v1/states/KEN/positions' }, expect: PUBLIC },
  'GET /api/v1/positions': {
    probe: { path: '/api/v1/positions?compact=gcr&asOf=2019-01-01' },
    expect: PUBLIC,
  },
  'GET /api/v1/positions/changes': { probe: { path: '/api/v1/positions/changes' }, expect: PUBLIC },
  'GET /api/v1/positions/events/:id': {
    probe: { path: '/api/v1/positions/events/bra-gcm-2019-01-08' },
    expect: PUBLIC,
  },
  'GET /api/v1/resolutions': { probe: { path: '/api/v1/resolutions' }, expect: PUBLIC },
  'GET /api/v1/votes': { probe: { path: '/api/v1/votes?resolution=A/RES/73/151' }, expect: PUBLIC },
  'GET /api/v1/pledges': { probe: { path: '/api/v1/pledges' }, expect: PUBLIC },
  'GET /api/v1/pledges/:id': { probe: { path: '/api/v1/pledges/P-01' }, expect: PUBLIC },
  'GET /api/v1/pledges/:id/updates': { probe: { path: '/api/v1/pledges/P-01/updates' }, expect: PUBLIC },
  'GET /api/v1/updates': { probe: { path: '/api/v1/updates' }, expect: PUBLIC },
  'GET /api/v1/updates/:id': { probe: { path: '/api/v1/updates/U-01' }, expect: PUBLIC },
  'GET /api/v1/assessments': { probe: { path: '/api/v1/assessments' }, expect: PUBLIC },
  'GET /api/v1/assessments/:id': { probe: { path: '/api/v1/assessments/A-01' }, expect: PUBLIC },
  'GET /api/v1/actors': { probe: { path: '/api/v1/actors' }, expect: PUBLIC },
  'GET /api/v1/actors/:id': { probe: { path: '/api/v1/actors/KEN' }, expect: PUBLIC },
  'GET /api/v1/review-cycles': { probe: { path: '/api/v1/review-cycles' }, expect: PUBLIC },
  'GET /api/v1/review-cycles/:id': { probe: { path: '/api/v1/review-cycles/grf-2023' }, expect: PUBLIC },
  'GET /api/v1/national-reviews': { probe: { path: '/api/v1/national-reviews' }, expect: PUBLIC },
  'GET /api/v1/national-reviews/:id': {
    probe: { path: '/api/v1/national-reviews/NR-KEN-GRF-2023' },
    expect: all(404),
  },
  'GET /api/v1/me': { probe: { path: '/api/v1/me' }, expect: signedIn(200, 401) },

  'GET /api/v1/states/:iso3/brief': { probe: { path: '/api/v1/states/BRA/brief' }, expect: PUBLIC },
  'GET /api/v1/analysis/coverage': { probe: { path: '/api/v1/analysis/coverage?by=region' }, expect: PUBLIC },
  'GET /api/v1/analysis/categories': { probe: { path: '/api/v1/analysis/categories' }, expect: PUBLIC },
  'GET /api/v1/analysis/support': { probe: { path: '/api/v1/analysis/support' }, expect: PUBLIC },
  'GET /api/v1/crosswalk': { probe: { path: '/api/v1/crosswalk' }, expect: PUBLIC },
  'GET /api/v1/crosswalk/nodes': { probe: { path: '/api/v1/crosswalk/nodes' }, expect: PUBLIC },
  'GET /api/v1/themes': { probe: { path: '/api/v1/themes' }, expect: PUBLIC },

  // The editing API.
  'GET /api/v1/editor/:kind': { probe: { path: '/api/v1/editor/pledges' }, expect: signedIn(200, 401) },
  'POST /api/v1/editor/:kind': {
    probe: async (ctx) => ({
      path: '/api/v1/editor/pledges',
      method: 'POST',
      json: kenPledge(`MX-new-${ctx.caller}-${++serial}`),
    }),
    expect: byRole(401, { focalKen: 201, focalDeu: 403, contributor: 403, reviewer: 201, admin: 201 }),
  },
  'GET /api/v1/editor/:kind/:id': {
    probe: async (ctx) => ({ path: `/api/v1/editor/pledges/${(await kenDraft(ctx)).id}` }),
    expect: byRole(401, { focalKen: 200, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  'PUT /api/v1/editor/:kind/:id': {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx);
      return {
        path: `/api/v1/editor/pledges/${id}`,
        method: 'PUT',
        json: kenPledge(id, 'Changed'),
        headers: { 'if-match': etag },
      };
    },
    expect: byRole(401, { focalKen: 200, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  'DELETE /api/v1/editor/:kind/:id': {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx);
      return { path: `/api/v1/editor/pledges/${id}`, method: 'DELETE', headers: { 'if-match': etag } };
    },
    expect: byRole(401, { focalKen: 204, focalDeu: 404, contributor: 404, reviewer: 403, admin: 204 }),
  },
  'POST /api/v1/editor/:kind/:id/submit': {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx);
      return {
        path: `/api/v1/editor/pledges/${id}/submit`,
        method: 'POST',
        json: {},
        headers: { 'if-match': etag },
      };
    },
    expect: byRole(401, { focalKen: 200, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  'POST /api/v1/editor/:kind/:id/publish': {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx, true);
      return {
        path: `/api/v1/editor/pledges/${id}/publish`,
        method: 'POST',
        json: {},
        headers: { 'if-match': etag },
      };
    },
    expect: byRole(401, { focalKen: 403, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  'POST /api/v1/editor/:kind/:id/return': {
    probe: async (ctx) => {
      const { id, etag } = await kenDraft(ctx, true);
      return {
        path: `/api/v1/editor/pledges/${id}/return`,
        method: 'POST',
        json: { comment: 'Needs a source.' },
        headers: { 'if-match': etag },
      };
    },
    expect: byRole(401, { focalKen: 403, focalDeu: 404, contributor: 404, reviewer: 200, admin: 200 }),
  },
  'GET /api/v1/editor/:kind/:id/versions': {
    probe: { path: '/api/v1/editor/pledges/P-01/versions' },
    expect: PUBLIC,
  },
};

/** Tables whose rows a refused request must not touch (logs of sign-ins and refusals excepted). */
const RECORD_TABLES = [
  'pledges',
  'pledge_updates',
  'pledge_assessments',
  'national_reviews',
  'actors',
  'position_events',
  'record_drafts',
  'record_versions',
  'idempotency_keys',
  'audit_log',
  'users',
  'user_states',
  'data_version',
] as const;

async function snapshot(app: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of RECORD_TABLES) {
    const rows = await app.db.selectFrom(table).selectAll().execute();
    out[table] = JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

const REFUSED = new Set([401, 403, 404]);

forEachEngine((engine) => {
  describe('role × route matrix', () => {
    let app: TestApp;
    let editors: Editors;
    let routes: string[];
    let assetPath: string;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
      editors = await seedEditors(app.db);
      const hono = createApp({
        db: app.db,
        engine: app.engine,
        config: app.config,
        logger: createLogger({ logLevel: 'silent' }),
      });
      const keys = hono.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.startsWith('/static/') ? '/static/*' : r.path}`);
      routes = [...new Set(keys)].sort();
      assetPath = hono.routes.find((r) => r.path.startsWith('/static/'))?.path ?? '';
    });
    afterAll(() => app.close());

    it('has an entry for every route the application serves, and none for a route it does not', () => {
      expect(
        routes.filter((r) => !(r in MATRIX)),
        'routes without an entry in MATRIX',
      ).toEqual([]);
      expect(
        Object.keys(MATRIX).filter((r) => !routes.includes(r)),
        'entries for routes that do not exist',
      ).toEqual([]);
    });

    it.each(Object.keys(MATRIX))('%s answers each caller as the policy says', async (route) => {
      const entry = MATRIX[route] as Entry;
      const [method] = route.split(' ');
      const got: Partial<Expected> = {};
      for (const caller of CALLERS) {
        const ctx: Ctx = { app, editors, caller, n: ++serial };
        const probe = typeof entry.probe === 'function' ? await entry.probe(ctx) : entry.probe;
        const target = route === 'GET /static/*' ? assetPath : probe.path;
        const headers: Record<string, string> = { ...(probe.headers ?? {}) };
        if (caller !== 'anonymous') headers.authorization = `Bearer ${editors.tokens[caller]}`;
        let body: string | undefined;
        if (probe.json !== undefined) {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(probe.json);
        } else if (probe.form) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = new URLSearchParams(probe.form).toString();
        }
        const before = await snapshot(app);
        const res = await app.request(target, { method: probe.method ?? method, headers, body });
        await res.arrayBuffer();
        got[caller] = res.status;
        const refused =
          REFUSED.has(res.status) || (res.status === 303 && caller === 'anonymous' && method !== 'GET');
        if (refused) expect(await snapshot(app), `${route} as ${caller} changed a row`).toEqual(before);
      }
      expect(got).toEqual(entry.expect);
    });
  });

  describe('unpublished records stay out of every public answer', () => {
    let app: TestApp;
    let editors: Editors;
    const DRAFT_MARK = 'Zqdraftmark';
    const SUBMITTED_MARK = 'Zqsubmittedmark';
    /** Analysis answers before any draft existed: drafts must not move a single figure. */
    const ANALYSIS = [
      '/api/v1/analysis/coverage?by=compact',
      '/api/v1/analysis/coverage?by=region',
      '/api/v1/analysis/categories',
    ];
    const analysisBefore: string[] = [];
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
      editors = await seedEditors(app.db);
      for (const p of ANALYSIS) analysisBefore.push(await (await app.request(p)).text());
      const ctx: Ctx = { app, editors, caller: 'focalKen', n: 0 };
      await api(ctx, 'focalKen', 'POST', '/editor/pledges', kenPledge('ZQ-DRAFT', `${DRAFT_MARK} schools`));
      const sub = await api(
        ctx,
        'focalKen',
        'POST',
        '/editor/pledges',
        kenPledge('ZQ-SUB', `${SUBMITTED_MARK} clinics`),
      );
      await api(
        ctx,
        'focalKen',
        'POST',
        '/editor/pledges/ZQ-SUB/submit',
        {},
        sub.headers.get('etag') as string,
      );
      // A pending correction of a published pledge and a progress update.
      const p01 = await api(ctx, 'focalKen', 'GET', '/editor/pledges/P-01');
      const record = ((await p01.json()) as { data: { record: Record<string, unknown> } }).data.record;
      await api(
        ctx,
        'focalKen',
        'PUT',
        '/editor/pledges/P-01',
        { ...record, title: `${DRAFT_MARK} correction` },
        p01.headers.get('etag') as string,
      );
      await api(ctx, 'focalKen', 'POST', '/editor/updates', {
        id: 'ZQ-UPDATE',
        pledgeId: 'P-01',
        reportedOn: todayIso(),
        status: 'fulfilled',
        narrative: `${DRAFT_MARK} report`,
      });
    });
    afterAll(() => app.close());

    it('never shows them on a public page or API answer, with or without a search for them', async () => {
      const paths = Object.entries(MATRIX)
        .filter(
          ([route, e]) =>
            route.startsWith('GET ') && e.expect.anonymous === 200 && typeof e.probe !== 'function',
        )
        .map(([, e]) => (e.probe as Probe).path)
        .filter((p) => p !== '');
      // Searching for them finds nothing (the page itself repeats the words searched for).
      for (const mark of [DRAFT_MARK, SUBMITTED_MARK]) {
        const found = await app.json<{ data: unknown[] }>(`/api/v1/pledges?q=${mark}`);
        expect(found.body.data, mark).toEqual([]);
      }
      paths.push(
        '/pledges/ZQ-DRAFT',
        '/api/v1/pledges/ZQ-SUB',
        '/api/v1/updates/ZQ-UPDATE',
        '/api/v1/pledges?format=csv',
        '/api/v1/updates?format=csv',
        '/actors/KEN',
        '/api/v1/editor/pledges/ZQ-DRAFT/versions',
      );
      for (const p of paths) {
        const text = await (await app.request(p)).text();
        expect(text, p).not.toContain(DRAFT_MARK);
        expect(text, p).not.toContain(SUBMITTED_MARK);
      }
      expect((await app.request('/api/v1/pledges/P-01')).status).toBe(200);
    });

    it('leaves every analysis figure as it was', async () => {
      for (const [i, p] of ANALYSIS.entries())
        expect(await (await app.request(p)).text(), p).toBe(analysisBefore[i]);
    });

    it('never exports them', async () => {
      const dir = tempDir('cw-matrix-export-');
      const out = path.join(dir, 'registry.json');
      await exportData(app.db, { format: 'json', out });
      const text = fs.readFileSync(out, 'utf8');
      expect(text).not.toContain(DRAFT_MARK);
      expect(text).not.toContain(SUBMITTED_MARK);
      expect(text).toContain('P-01');
    });

    it('shows them to a reviewer only once published', async () => {
      const ctx: Ctx = { app, editors, caller: 'reviewer', n: 0 };
      const sub = await api(ctx, 'reviewer', 'GET', '/editor/pledges/ZQ-SUB');
      await api(
        ctx,
        'reviewer',
        'POST',
        '/editor/pledges/ZQ-SUB/publish',
        {},
        sub.headers.get('etag') as string,
      );
      const found = await app.json<{ data: { id: string }[] }>(`/api/v1/pledges?q=${SUBMITTED_MARK}`);
      expect(found.body.data.map((p) => p.id)).toEqual(['ZQ-SUB']);
    });
  });
});

// Every editor in the matrix must exist in the seeded accounts.
void EDITORS;
