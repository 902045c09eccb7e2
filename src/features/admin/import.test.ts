/**
 * The web import on both engines: who may use it, the upload (size limits,
 * file types, CSRF on a multipart form), the dry run that writes nothing,
 * the report with every problem by file, row and column, and the commit that
 * writes the records with exactly one audit row, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { escapeHtml, expectProblem, type TestApp } from '../../../test/helpers/http.ts';
import { MAX_BODY_BYTES } from '../../http/app.ts';
import { commitImport, reviewImport, safeFileName, uploadImport } from './import-service.ts';
import { MAX_IMPORT_FILE_BYTES } from './limits.ts';
import {
  ACTORS_CSV,
  ACTORS_CSV_BAD,
  openAdminApp,
  pendingIdOf,
  postFile,
  postForm,
  type Session,
  sessionOf,
} from './test-fixtures.ts';

forEachEngine((engine) => {
  describe('the import page', () => {
    let app: TestApp;
    let admin: Session;
    let reviewer: Session;
    const count = async (table: 'actors' | 'audit_log' | 'pending_imports') =>
      Number(
        (
          await app.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const upload = (s: Session, name: string, body: string | Uint8Array<ArrayBuffer>) =>
      app.request('/editor/import', postFile(s, { name, body }));

    beforeAll(async () => {
      ({ app } = await openAdminApp(engine));
      admin = await sessionOf(app, 'admin');
      reviewer = await sessionOf(app, 'reviewer');
    });
    afterAll(() => app.close());

    it('is for admins and reviewers: focal points and contributors get 403, the public is sent to sign in', async () => {
      const page = await app.page('/editor/import', { headers: reviewer.headers });
      expect(page.status).toBe(200);
      expect(page.html).toContain('enctype="multipart/form-data"');
      expect(page.html).toContain('<input type="hidden" name="_csrf"');
      expect(page.html).toContain('At most 10 MiB and 50,000 records per file');
      for (const who of ['focalKen', 'contributor'] as const) {
        const s = await sessionOf(app, who);
        expect((await app.request('/editor/import', { headers: s.headers })).status, who).toBe(403);
        expect((await upload(s, 'actors.csv', ACTORS_CSV)).status, who).toBe(403);
      }
      const pub = await app.request('/editor/import');
      expect(pub.headers.get('location')).toBe('/sign-in?next=%2Feditor%2Fimport');
      expect(await count('pending_imports')).toBe(0);
    });

    it('refuses a multipart upload without the CSRF token (403), and keeps nothing', async () => {
      const res = await app.request(
        '/editor/import',
        postFile(admin, { name: 'actors.csv', body: ACTORS_CSV }, null),
      );
      expect(res.status).toBe(403);
      const wrong = await app.request(
        '/editor/import',
        postFile(admin, { name: 'actors.csv', body: ACTORS_CSV }, 'nope'),
      );
      expect(wrong.status).toBe(403);
      expect(await count('pending_imports')).toBe(0);
      const refusals = await app.db
        .selectFrom('security_events')
        .select('detail')
        .where('kind', '=', 'csrf_refused')
        .execute();
      expect(refusals.some((r) => r.detail.includes('/editor/import'))).toBe(true);
    });

    it('dry-runs an upload: the report counts what would change, and nothing is written', async () => {
      const [actors, audits] = [await count('actors'), await count('audit_log')];
      const res = await upload(reviewer, 'actors.csv', ACTORS_CSV);
      expect(res.status).toBe(303);
      const id = pendingIdOf(res);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      const page = await app.page(`/editor/import/${id}`, { headers: reviewer.headers });
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1>Dry run of actors.csv</h1>');
      expect(page.html).toMatch(
        /<th scope="row">Actors<\/th><td class="num">2<\/td><td class="num">0<\/td><td class="num">0<\/td>/,
      );
      expect(page.html).toContain('<button type="submit">Import 2 records</button>');
      expect(page.html).toContain(`action="/editor/import/${id}/commit"`);
      expect([await count('actors'), await count('audit_log')]).toEqual([actors, audits]);
      // The upload is kept, with its digest, for its uploader only.
      const row = await app.db
        .selectFrom('pending_imports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(row.bytes).toString('utf8')).toBe(ACTORS_CSV);
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await app.request(`/editor/import/${id}`, { headers: admin.headers })).status).toBe(404);
    });

    it('shows every problem of a bad file by file, row and column, and offers no import', async () => {
      const id = pendingIdOf(await upload(admin, 'actors.csv', ACTORS_CSV_BAD));
      const page = await app.page(`/editor/import/${id}`, { headers: admin.headers });
      expect(page.status).toBe(200);
      expect(page.html).toContain('Problems (1)');
      expect(page.html).toContain(escapeHtml('actors.csv:4 column "type":'));
      expect(page.html).not.toContain('/commit"');
      // The server's temporary folder never shows.
      expect(page.html).not.toMatch(/cw-upload-/);
      const commit = await app.request(`/editor/import/${id}/commit`, postForm(admin, {}));
      expect(commit.status).toBe(409);
      expect(await count('pending_imports')).toBeGreaterThan(0);
    });

    it('reports an unreadable file by name, and refuses other file types and empty uploads by field', async () => {
      const id = pendingIdOf(await upload(admin, 'registry.json', '{"actors": [oops'));
      const page = await app.page(`/editor/import/${id}`, { headers: admin.headers });
      expect(page.html).toContain('registry.json: is not valid JSON');
      const exe = await upload(admin, 'tool.exe', 'MZ');
      expect(exe.status).toBe(400);
      expect(await exe.text()).toContain(escapeHtml('“tool.exe” is not a .csv, .json or .xlsx file.'));
      const none = await app.request('/editor/import', postFile(admin, null));
      expect(none.status).toBe(400);
      const html = await none.text();
      expect(html).toContain('<a href="#file">File: Choose a CSV, JSON or XLSX file to import.</a>');
      expect(html).toContain('aria-describedby="file-error file-hint"');
    });

    it('refuses a file over 10 MiB with 413 and a clear message; other routes keep the 1 MiB limit', async () => {
      const over = new Uint8Array(MAX_IMPORT_FILE_BYTES + 1).fill(0x41);
      const res = await upload(admin, 'big.csv', over);
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('The file is larger than 10 MiB');
      const huge = await upload(admin, 'huge.csv', new Uint8Array(11 * 1024 * 1024).fill(0x41));
      expect(huge.status).toBe(413);
      expect(await huge.text()).toContain('The file is larger than 10 MiB');
      // Just under the route's limit is accepted (kept, then judged by the dry run).
      const big = await upload(admin, 'big.csv', new Uint8Array(MAX_IMPORT_FILE_BYTES).fill(0x41));
      expect(big.status).toBe(303);
      const elsewhere = await app.request(
        '/editor/users',
        postForm(admin, { email: 'x'.repeat(MAX_BODY_BYTES) }),
      );
      expect(elsewhere.status).toBe(413);
      await expectProblem(
        await app.request('/api/v1/me', {
          method: 'POST',
          body: 'x'.repeat(MAX_BODY_BYTES + 1),
          headers: { cookie: admin.cookie },
        }),
        413,
        'payload_too_large',
      );
    });

    it('commits: writes the records and exactly one audit row; a second commit is refused', async () => {
      const res = await upload(admin, 'actors.csv', ACTORS_CSV);
      const id = pendingIdOf(res);
      const [actors, audits] = [await count('actors'), await count('audit_log')];
      const other = await app.request(`/editor/import/${id}/commit`, postForm(reviewer, {}));
      expect(other.status).toBe(404);
      const commit = await app.request(`/editor/import/${id}/commit`, postForm(admin, {}));
      expect(commit.status).toBe(303);
      expect(commit.headers.get('location')).toBe('/editor/import?done=imported&file=actors.csv&records=2');
      expect(await count('actors')).toBe(actors + 2);
      expect(await count('audit_log')).toBe(audits + 1);
      const row = await app.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const sha = (await import('node:crypto')).createHash('sha256').update(ACTORS_CSV).digest('hex');
      expect(row).toMatchObject({
        action: 'import',
        resource: 'import',
        record_id: `actors.csv ${sha.slice(0, 12)}`,
        user_email: 'admin@example.org',
        before_json: null,
      });
      expect(JSON.parse(row.after_json!).actors).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      expect(
        await app.db.selectFrom('pending_imports').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined();
      const done = await app.page(commit.headers.get('location')!, { headers: admin.headers });
      expect(done.html).toContain('role="status">Imported actors.csv: 2 records, in one transaction.');

      const again = await app.request(`/editor/import/${id}/commit`, postForm(admin, {}));
      expect(again.status).toBe(404);
      expect(await again.text()).toContain('This import is not pending');
      expect([await count('actors'), await count('audit_log')]).toEqual([actors + 2, audits + 1]);

      // The same file again: nothing would change, and nothing is offered.
      const same = pendingIdOf(await upload(admin, 'actors.csv', ACTORS_CSV));
      const page = await app.page(`/editor/import/${same}`, { headers: admin.headers });
      expect(page.html).toContain('importing it would change nothing');
      expect(page.html).not.toContain('/commit"');
    });

    it('checks again at commit time: a file that no longer passes writes nothing and stays pending', async () => {
      const csv = 'id,name,type,iso3,website,synthetic\nngo-late,Late Network,civil_society,,,false';
      const id = pendingIdOf(await upload(admin, 'late.csv', csv));
      expect((await app.page(`/editor/import/${id}`, { headers: admin.headers })).html).toContain(
        'Import 1 record<',
      );
      // Meanwhile the database starts holding synthetic records, which a real file may not join.
      await app.db.updateTable('actors').set({ synthetic: 1 }).where('id', '=', 'ngo-alpha').execute();
      const audits = await count('audit_log');
      const res = await app.request(`/editor/import/${id}/commit`, postForm(admin, {}));
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('Nothing was imported');
      expect(await count('audit_log')).toBe(audits);
      expect(
        await app.db.selectFrom('actors').select('id').where('id', '=', 'ngo-late').executeTakeFirst(),
      ).toBeUndefined();
      expect(
        await app.db.selectFrom('pending_imports').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeDefined();
      await app.db.updateTable('actors').set({ synthetic: 0 }).where('id', '=', 'ngo-alpha').execute();
    });
  });

  describe('the import service', () => {
    let app: TestApp;
    beforeAll(async () => {
      ({ app } = await openAdminApp(engine));
    });
    afterAll(() => app.close());

    it('checks the policy first, lets uploads expire after an hour, and counts at most 50,000 records', async () => {
      const users = await app.db.selectFrom('users').select(['id', 'email', 'role']).execute();
      const { loadUser } = await import('../accounts/users.ts');
      const admin = (await loadUser(app.db, { id: users.find((u) => u.role === 'admin')!.id }))!;
      const fp = (await loadUser(app.db, { id: users.find((u) => u.role === 'focal_point')!.id }))!;
      const file = { name: 'actors.csv', type: 'text/csv', bytes: new TextEncoder().encode(ACTORS_CSV) };
      await expect(uploadImport(app.db, null, file)).rejects.toMatchObject({ status: 401 });
      await expect(uploadImport(app.db, fp, file)).rejects.toMatchObject({ status: 403 });
      const t0 = Date.parse('2026-01-01T00:00:00Z');
      const id = await uploadImport(app.db, admin, file, t0);
      expect((await reviewImport(app.db, admin, id, t0 + 59 * 60_000)).changes).toBe(2);
      await expect(reviewImport(app.db, admin, id, t0 + 61 * 60_000)).rejects.toMatchObject({ status: 404 });
      await expect(commitImport(app.db, admin, id, t0 + 61 * 60_000)).rejects.toMatchObject({ status: 404 });

      const header = 'id,name,type,iso3,website,synthetic\n';
      const rows = Array.from({ length: 50_001 }, (_, i) => `a-${i},A ${i},other,,,false`).join('\n');
      const many = await uploadImport(app.db, admin, {
        ...file,
        bytes: new TextEncoder().encode(header + rows),
      });
      const review = await reviewImport(app.db, admin, many);
      expect(review.report.problems[0]?.message).toContain(
        'holds 50,001 records; the import page takes at most 50,000',
      );
      expect(review.changes).toBe(0);
    });

    it('keeps only the last part of an uploaded file name', () => {
      expect(safeFileName('C:\\Users\\me\\pledges.csv')).toBe('pledges.csv');
      expect(safeFileName('../../etc/passwd.csv')).toBe('passwd.csv');
      expect(safeFileName('a\u0000b\u202e.csv')).toBe('ab.csv');
      expect(safeFileName(`${'x'.repeat(300)}.xlsx`)).toHaveLength(120);
    });
  });
});
