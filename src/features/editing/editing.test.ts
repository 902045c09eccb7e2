/**
 * The editing workflow over the API on both engines: drafts stay private
 * until published, ETags guard every change (428 without, 412 stale, one
 * winner among concurrent writers), idempotent creates, corrections as new
 * versions, ownership by State and actor, and one audit row per change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { type Editors, seedEditors } from '../../../test/helpers/editors.ts';
import { expectProblem, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { todayIso } from '../../http/params.ts';
import type { WorkingCopy } from './service.ts';

const kenPledge = (id: string, title = 'Refugee children in national schools') => ({
  id,
  actorId: 'KEN',
  compacts: ['gcr'],
  title,
  description: 'Enrolment of refugee children in Kenyan public schools.',
  type: 'policy',
  objectives: ['gcr-2'],
  places: ['KEN'],
  forum: 'grf-2023',
  announcedOn: '2023-12-13',
  targetDate: '2027-12-31',
  sources: ['https://example.org/ken/schools'],
});

forEachEngine((engine) => {
  describe('editing workflow', () => {
    let app: TestApp;
    let editors: Editors;
    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
      editors = await seedEditors(app.db);
    });
    afterAll(() => app.close());

    const call = async (
      name: Parameters<Editors['as']>[0],
      method: string,
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ) => {
      const res = await app.request(`/api/v1${path}`, {
        method,
        headers: editors.as(name, extra),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res;
    };
    const copyOf = async (res: Response) => ((await res.json()) as { data: WorkingCopy }).data;
    const auditRows = async (recordId: string) =>
      app.db.selectFrom('audit_log').selectAll().where('record_id', '=', recordId).orderBy('id').execute();

    it('keeps a new pledge private until a reviewer publishes it, with one audit row per change', async () => {
      const created = await call('focalKen', 'POST', '/editor/pledges', kenPledge('KEN-SCHOOLS'));
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe('/api/v1/editor/pledges/KEN-SCHOOLS');
      let copy = await copyOf(created);
      expect(copy).toMatchObject({ workflow: 'draft', isNew: true, id: 'KEN-SCHOOLS' });
      expect(created.headers.get('etag')).toBe(copy.etag);
      expect(copy.allowedActions).toEqual(expect.arrayContaining(['read', 'update', 'submit', 'delete']));
      expect(copy.allowedActions).not.toContain('publish');

      // Invisible to the public, to the explorer, to other States.
      expect((await app.request('/api/v1/pledges/KEN-SCHOOLS')).status).toBe(404);
      expect(await (await app.request('/api/v1/pledges?q=Kenyan+public+schools')).text()).not.toContain(
        'KEN-SCHOOLS',
      );
      expect((await app.request('/pledges/KEN-SCHOOLS')).status).toBe(404);
      expect((await call('focalDeu', 'GET', '/editor/pledges/KEN-SCHOOLS')).status).toBe(404);
      expect((await app.request('/api/v1/editor/pledges/KEN-SCHOOLS')).status).toBe(401);

      const sent = await call('focalKen', 'POST', '/editor/pledges/KEN-SCHOOLS/submit', undefined, {
        'if-match': copy.etag,
      });
      expect(sent.status).toBe(200);
      copy = await copyOf(sent);
      expect(copy.workflow).toBe('submitted');
      // Submitted: the owner waits for the reviewer.
      await expectProblem(
        await call('focalKen', 'PUT', '/editor/pledges/KEN-SCHOOLS', kenPledge('KEN-SCHOOLS', 'Changed'), {
          'if-match': copy.etag,
        }),
        403,
        'forbidden',
      );
      expect(
        (
          await call('focalKen', 'POST', '/editor/pledges/KEN-SCHOOLS/publish', undefined, {
            'if-match': copy.etag,
          })
        ).status,
      ).toBe(403);

      // The reviewer returns it with a comment, which is required.
      await expectProblem(
        await call('reviewer', 'POST', '/editor/pledges/KEN-SCHOOLS/return', {}, { 'if-match': copy.etag }),
        400,
        'invalid_input',
        'comment',
      );
      const returned = await call(
        'reviewer',
        'POST',
        '/editor/pledges/KEN-SCHOOLS/return',
        { comment: 'Please add the number of children.' },
        { 'if-match': copy.etag },
      );
      copy = await copyOf(returned);
      expect(copy).toMatchObject({ workflow: 'draft', comment: 'Please add the number of children.' });

      const edited = await call(
        'focalKen',
        'PUT',
        '/editor/pledges/KEN-SCHOOLS',
        { ...kenPledge('KEN-SCHOOLS'), quantity: 5000, quantityUnit: 'children' },
        { 'if-match': copy.etag },
      );
      expect(edited.status).toBe(200);
      copy = await copyOf(edited);
      copy = await copyOf(
        await call('focalKen', 'POST', '/editor/pledges/KEN-SCHOOLS/submit', {}, { 'if-match': copy.etag }),
      );
      const queue = (await (await call('reviewer', 'GET', '/editor/pledges?workflow=submitted')).json()) as {
        data: WorkingCopy[];
      };
      expect(queue.data.map((d) => d.id)).toContain('KEN-SCHOOLS');

      const published = await call(
        'reviewer',
        'POST',
        '/editor/pledges/KEN-SCHOOLS/publish',
        {},
        {
          'if-match': copy.etag,
        },
      );
      expect(published.status).toBe(200);
      expect(await copyOf(published)).toMatchObject({ workflow: 'published', isNew: false });
      const pub = await app.json<{ data: { quantity: number; title: string } }>(
        '/api/v1/pledges/KEN-SCHOOLS',
      );
      expect(pub.status).toBe(200);
      expect(pub.body.data.quantity).toBe(5000);

      const versions = await app.json<{ data: { version: number }[] }>(
        '/api/v1/editor/pledges/KEN-SCHOOLS/versions',
      );
      expect(versions.body.data.map((v) => v.version)).toEqual([1]);
      const audit = await auditRows('KEN-SCHOOLS');
      expect(audit.map((a) => a.action)).toEqual([
        'create',
        'submit',
        'return',
        'update',
        'submit',
        'publish',
      ]);
      expect(audit.map((a) => a.user_email)).toEqual([
        'fp-ken@example.org',
        'fp-ken@example.org',
        'reviewer@example.org',
        'fp-ken@example.org',
        'fp-ken@example.org',
        'reviewer@example.org',
      ]);
    });

    it('corrects a published record as a new version, the public seeing the old one until publication', async () => {
      const current = await call('focalKen', 'GET', '/editor/pledges/P-01');
      const copy = await copyOf(current);
      expect(copy.workflow).toBe('published');
      const record = { ...copy.record, title: 'Refugees in the national health insurance (corrected)' };

      await expectProblem(
        await call('focalKen', 'PUT', '/editor/pledges/P-01', record),
        428,
        'precondition_required',
      );
      await expectProblem(
        await call('focalKen', 'PUT', '/editor/pledges/P-01', record, { 'if-match': '"p-stale"' }),
        412,
        'precondition_failed',
      );
      const opened = await call('focalKen', 'PUT', '/editor/pledges/P-01', record, { 'if-match': copy.etag });
      expect(opened.status).toBe(200);
      let draft = await copyOf(opened);
      expect(draft).toMatchObject({ workflow: 'draft', isNew: false });
      const before = await app.json<{ data: { title: string } }>('/api/v1/pledges/P-01');
      expect(before.body.data.title).toBe('Inclusion of refugees in national health insurance');

      draft = await copyOf(
        await call('focalKen', 'POST', '/editor/pledges/P-01/submit', {}, { 'if-match': draft.etag }),
      );
      await copyOf(
        await call('reviewer', 'POST', '/editor/pledges/P-01/publish', {}, { 'if-match': draft.etag }),
      );
      const after = await app.json<{ data: { title: string } }>('/api/v1/pledges/P-01');
      expect(after.body.data.title).toBe(record.title);
      const versions = await app.json<{
        data: { version: number; record: { title: string }; note: string | null }[];
      }>('/api/v1/editor/pledges/P-01/versions');
      expect(versions.body.data.map((v) => [v.version, v.record.title])).toEqual([
        [1, 'Inclusion of refugees in national health insurance'],
        [2, record.title],
      ]);
    });

    it('lets exactly one of twenty concurrent updates with the same ETag win; the others get 412', async () => {
      const created = await copyOf(await call('focalKen', 'POST', '/editor/pledges', kenPledge('KEN-RACE')));
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call('focalKen', 'PUT', '/editor/pledges/KEN-RACE', kenPledge('KEN-RACE', `Attempt ${i}`), {
            'if-match': created.etag,
          }),
        ),
      );
      const statuses = attempts.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      const winner = attempts.find((r) => r.status === 200) as Response;
      const title = (await copyOf(winner)).record.title;
      expect((await copyOf(await call('focalKen', 'GET', '/editor/pledges/KEN-RACE'))).record.title).toBe(
        title,
      );
      // One row for the create, one for the single successful update.
      expect((await auditRows('KEN-RACE')).map((a) => a.action)).toEqual(['create', 'update']);

      // The same on a published record: twenty corrections opened at once, one wins.
      const p08 = await copyOf(await call('focalKen', 'GET', '/editor/pledges/P-08'));
      const corrections = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(
            'focalKen',
            'PUT',
            '/editor/pledges/P-08',
            { ...p08.record, title: `Correction ${i}` },
            {
              'if-match': p08.etag,
            },
          ),
        ),
      );
      const codes = corrections.map((r) => r.status);
      expect(codes.filter((s) => s === 200)).toHaveLength(1);
      expect(codes.filter((s) => s === 412)).toHaveLength(19);
    });

    it('makes one record for one Idempotency-Key, retried in turn or at once', async () => {
      const body = { ...kenPledge('ignored') } as Record<string, unknown>;
      delete body.id;
      const first = await call('focalKen', 'POST', '/editor/pledges', body, {
        'idempotency-key': 'report-1',
      });
      expect(first.status).toBe(201);
      const id = (await copyOf(first)).id;
      expect(id).toMatch(/^PL-[0-9A-Z]{10}$/);
      const again = await call('focalKen', 'POST', '/editor/pledges', body, {
        'idempotency-key': 'report-1',
      });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await copyOf(again)).id).toBe(id);
      await expectProblem(
        await call(
          'focalKen',
          'POST',
          '/editor/pledges',
          { ...body, title: 'Other' },
          { 'idempotency-key': 'report-1' },
        ),
        422,
        'conflict',
        'Idempotency-Key',
      );

      const burst = await Promise.all(
        Array.from({ length: 8 }, () =>
          call('focalKen', 'POST', '/editor/pledges', body, { 'idempotency-key': 'report-burst' }),
        ),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(8).fill(201));
      const ids = new Set(await Promise.all(burst.map(async (r) => (await copyOf(r)).id)));
      expect(ids.size).toBe(1);
      const drafts = await app.db
        .selectFrom('record_drafts')
        .select('record_id')
        .where('data_json', 'like', '%Refugee children in national schools%')
        .execute();
      // KEN-SCHOOLS is published by now; the two keyed creates made one draft each.
      expect(drafts.map((d) => d.record_id).sort()).toEqual([...new Set([id, ...ids])].sort());
    });

    it('refuses records outside the caller’s State or actor, changing nothing', async () => {
      const count = async () =>
        (await app.db.selectFrom('record_drafts').select('record_id').execute()).length;
      const audits = async () => (await app.db.selectFrom('audit_log').select('id').execute()).length;
      const [drafts, rows] = [await count(), await audits()];
      await expectProblem(
        await call('focalDeu', 'POST', '/editor/pledges', kenPledge('DEU-FAKE')),
        403,
        'forbidden',
      );
      const p01 = await copyOf(await call('focalDeu', 'GET', '/editor/pledges/P-01'));
      expect(p01.allowedActions).toEqual(['read']);
      await expectProblem(
        await call('focalDeu', 'PUT', '/editor/pledges/P-01', p01.record, { 'if-match': p01.etag }),
        403,
        'forbidden',
      );
      // A focal point cannot move their own State's pledge to another actor.
      const p08 = await copyOf(
        await call('focalKen', 'GET', '/editor/pledges/P-02').catch(() =>
          call('focalKen', 'GET', '/editor/pledges/P-02'),
        ),
      );
      expect(p08.allowedActions).toEqual(['read']);
      await expectProblem(
        await call('contributor', 'POST', '/editor/updates', {
          pledgeId: 'P-01',
          reportedOn: '2024-01-10',
          status: 'in_progress',
        }),
        403,
        'forbidden',
      );
      await expectProblem(
        await call('focalKen', 'POST', '/editor/position-events', {
          state: 'KEN',
          compact: 'gcm',
          date: '2024-01-01',
          datePrecision: 'day',
          kind: 'statement_of_support',
          title: 'Statement',
          sources: [{ source: 'foreignpolicy-us-gcm-2017' }],
        }),
        403,
        'forbidden',
      );
      expect([await count(), await audits()]).toEqual([drafts, rows]);
    });

    it('lets a contributor report progress on its actor’s pledge and a reviewer publish it', async () => {
      const res = await call('contributor', 'POST', '/editor/updates', {
        id: 'U-COUNCIL-1',
        pledgeId: 'P-03',
        reportedOn: '2024-03-01',
        status: 'fulfilled',
        narrative: 'Legal aid offices opened.',
        evidence: ['https://example.org/council/report'],
      });
      expect(res.status).toBe(201);
      let copy = await copyOf(res);
      copy = await copyOf(
        await call(
          'contributor',
          'POST',
          '/editor/updates/U-COUNCIL-1/submit',
          {},
          { 'if-match': copy.etag },
        ),
      );
      await copyOf(
        await call('reviewer', 'POST', '/editor/updates/U-COUNCIL-1/publish', {}, { 'if-match': copy.etag }),
      );
      const pledge = await app.json<{ data: { latestStatus: string } }>('/api/v1/pledges/P-03');
      expect(pledge.body.data.latestStatus).toBe('fulfilled');
    });

    it('reports invalid records by field and unknown references, writing nothing', async () => {
      const bad = await call('focalKen', 'POST', '/editor/pledges', {
        ...kenPledge('KEN-BAD'),
        targetDate: '2020-01-01',
        objectives: ['gcm-5'],
      });
      const problem = await expectProblem(bad, 400, 'invalid_input', 'targetDate');
      expect(problem.errors?.map((e) => e.location)).toContain('objectives');
      await expectProblem(
        await call('focalKen', 'POST', '/editor/updates', {
          pledgeId: 'NO-SUCH',
          reportedOn: '2024-01-01',
          status: 'planning',
        }),
        403,
        'forbidden',
      );
      await expectProblem(
        await call('reviewer', 'POST', '/editor/pledges', {
          ...kenPledge('KEN-PARTNER'),
          partnerIds: ['nobody'],
        }),
        400,
        'invalid_input',
        'partnerIds',
      );
      expect(
        await app.db
          .selectFrom('record_drafts')
          .select('record_id')
          .where('record_id', 'in', ['KEN-BAD', 'KEN-PARTNER'])
          .execute(),
      ).toEqual([]);
    });

    it('lets a reviewer publish a position event that later reference loads leave alone', async () => {
      const event = {
        id: 'ken-gcm-2024-editor',
        state: 'KEN',
        compact: 'gcm',
        date: '2024-02-01',
        datePrecision: 'day',
        kind: 'statement_of_support',
        stance: 'supports',
        title: 'Reaffirms its support for the GCM',
        sources: [{ source: 'foreignpolicy-us-gcm-2017' }],
      };
      let copy = await copyOf(await call('reviewer', 'POST', '/editor/position-events', event));
      copy = await copyOf(
        await call(
          'reviewer',
          'POST',
          '/editor/position-events/ken-gcm-2024-editor/submit',
          {},
          { 'if-match': copy.etag },
        ),
      );
      const res = await call(
        'reviewer',
        'POST',
        '/editor/position-events/ken-gcm-2024-editor/publish',
        {},
        { 'if-match': copy.etag },
      );
      expect(res.status).toBe(200);
      const pub = await app.json<{ data: { current: { title: string } } }>(
        '/api/v1/positions/events/ken-gcm-2024-editor',
      );
      expect(pub.status).toBe(200);
      expect(pub.body.data.current.title).toBe(event.title);
      const row = await app.db
        .selectFrom('position_events')
        .select(['origin', 'superseded_at'])
        .where('event_id', '=', 'ken-gcm-2024-editor')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ origin: 'editor', superseded_at: null });
    });
  });
});
