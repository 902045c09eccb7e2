/**
 * The editor's pages on both engines, driven the way a browser without
 * JavaScript drives them: sign in through the form, then form posts with the
 * session cookie and its CSRF token. Who may open which form, validation
 * messages tied to their fields (and nothing written), the whole moderation
 * flow from a focal point's draft to the public page, a stale form (409),
 * and the moderation queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { EDITOR_PASSWORD, EDITORS, type EditorName, seedEditors } from '../../../test/helpers/editors.ts';
import { escapeHtml, openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { loadRegistryFixture } from '../../../test/helpers/registry-fixture.ts';
import { todayIso } from '../../http/params.ts';
import { translator } from '../../web/i18n/index.ts';
import { bodyToValues, formToRecord, problemsToFields, recordToValues } from './codec.ts';

type Session = { cookie: string; csrf: string; email: string };

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The ETag a form carries (ETags are quoted, so the HTML escapes them). */
const etagOf = (html: string) =>
  (/name="_etag" value="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&quot;', '"');
const keyOf = (html: string) => /name="_key" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A valid new pledge of Kenya, as the form sends it. */
const kenyaPledge = (title: string): [string, string][] => [
  ['id', ''],
  ['title', title],
  ['description', 'Schools open to refugee children in Kakuma.'],
  ['actorId', 'KEN'],
  ['partnerIds', ''],
  ['type', 'policy'],
  ['forum', 'grf-2023'],
  ['compacts', 'gcr'],
  ['objectives', 'gcr-2'],
  ['objectives', 'gcr-3'],
  ['places', 'ken'],
  ['announcedOn', '2023-12-13'],
  ['targetDate', ''],
  ['amount', ''],
  ['currency', ''],
  ['quantity', ''],
  ['quantityUnit', ''],
  ['sources', 'https://example.org/kenya-pledge'],
  ['matches', ''],
];

forEachEngine((engine) => {
  describe('the editor pages', () => {
    let app: TestApp;
    const sessions = {} as Record<EditorName, Session>;

    async function signIn(name: EditorName): Promise<Session> {
      const email = EDITORS[name].email;
      const res = await app.request('/sign-in', {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ email, password: EDITOR_PASSWORD, next: '/editor' }).toString(),
      });
      expect(res.status, `sign-in of ${email}`).toBe(303);
      const cookie = `cw_session=${/cw_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;
      const editor = await app.page('/editor', { headers: { cookie } });
      return { cookie, csrf: csrfOf(editor.html), email };
    }

    const get = (s: Session | null, path: string) =>
      app.page(path, s ? { headers: { cookie: s.cookie } } : undefined);
    /** Posts a form; record fields are sent under their controls' names (`title` as `edit-title`). */
    const post = (s: Session, path: string, fields: [string, string][], csrf = true) =>
      app.page(path, {
        method: 'POST',
        headers: { ...FORM, cookie: s.cookie },
        body: new URLSearchParams([
          ...(csrf ? [['_csrf', s.csrf] as [string, string]] : []),
          ...fields.map(([k, v]): [string, string] => [
            k.startsWith('_') || k === 'comment' ? k : `edit-${k}`,
            v,
          ]),
        ]).toString(),
      });
    const draftCount = async () =>
      Number(
        (
          await app.db
            .selectFrom('record_drafts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );

    beforeAll(async () => {
      app = await openTestApp(engine);
      await loadRegistryFixture(app.db, todayIso());
      await seedEditors(app.db);
      for (const name of ['focalKen', 'focalDeu', 'contributor', 'reviewer'] as const)
        sessions[name] = await signIn(name);
    });
    afterAll(() => app.close());

    it('sends the public to sign in, and keeps each form to the roles that may use it', async () => {
      const anon = await get(null, '/editor/pledges/new');
      expect(anon.status).toBe(303);
      expect(anon.res.headers.get('location')).toBe('/sign-in?next=%2Feditor%2Fpledges%2Fnew');
      expect((await get(null, '/editor/queue')).status).toBe(303);

      const expected: Record<'focalKen' | 'contributor' | 'reviewer', Record<string, number>> = {
        focalKen: { pledges: 200, updates: 200, 'national-reviews': 200, 'position-events': 403 },
        contributor: { pledges: 200, updates: 200, 'national-reviews': 403, 'position-events': 403 },
        reviewer: { pledges: 200, updates: 200, 'national-reviews': 200, 'position-events': 200 },
      };
      for (const [who, kinds] of Object.entries(expected) as [
        keyof typeof expected,
        Record<string, number>,
      ][]) {
        for (const [kind, status] of Object.entries(kinds)) {
          const page = await get(sessions[who], `/editor/${kind}/new`);
          expect(page.status, `${who} /editor/${kind}/new`).toBe(status);
          if (status === 200) {
            expect(page.html).toContain(`<form method="post" action="/editor/${kind}/new"`);
            expect(page.html).toContain(`name="_csrf" value="${sessions[who].csrf}"`);
            expect(page.html).toContain('<nav class="editor-nav"');
          }
        }
      }
      expect((await get(sessions.focalKen, '/editor/queue')).status).toBe(403);
      expect((await get(sessions.contributor, '/editor/queue')).status).toBe(403);
      const queue = await get(sessions.reviewer, '/editor/queue');
      expect(queue.status).toBe(200);
      expect(queue.html).toContain('Nothing is waiting for review.');
    });

    it("offers a focal point only their own States, fixes a contributor's actor, and prefills the pledge of an update", async () => {
      const fp = (await get(sessions.focalKen, '/editor/pledges/new')).html;
      const actor = /<select id="edit-actorId"[^>]*>([\s\S]*?)<\/select>/.exec(fp)?.[1] ?? '';
      expect([...actor.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['KEN']);
      // Every control has a label; the objectives are grouped by compact (23 GCM + 4 GCR).
      for (const id of fp.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g))
        expect(fp, `label for ${id[1]}`).toContain(`<label for="${id[1]}"`);
      expect(fp.match(/name="edit-objectives"/g)).toHaveLength(27);
      expect(fp).toContain('<legend>Global Compact for Migration (GCM)</legend>');

      const contributor = (await get(sessions.contributor, '/editor/pledges/new')).html;
      expect(contributor).toMatch(
        /<input id="edit-actorId" name="edit-actorId"[^>]*type="text" value="refugee-council" readonly=""/,
      );

      const staff = (await get(sessions.reviewer, '/editor/pledges/new')).html;
      expect(staff).toMatch(/<input id="edit-actorId" name="edit-actorId"[^>]*type="text" value=""/);

      const update = (await get(sessions.focalKen, '/editor/updates/new?pledge=P-01')).html;
      expect(update).toMatch(/<input id="edit-pledgeId" name="edit-pledgeId"[^>]*value="P-01"/);
    });

    it('shows every problem of a form at its field, keeps what was typed, and writes nothing', async () => {
      const before = await draftCount();
      const audits = (await app.db.selectFrom('audit_log').select('id').execute()).length;
      const page = await post(sessions.focalKen, '/editor/pledges/new', [
        ...kenyaPledge('').filter(([k]) => !['amount', 'sources', 'matches'].includes(k)),
        ['amount', 'lots'],
        ['sources', 'https://example.org/a\nnot a web address'],
        ['matches', 'P-02 maybe'],
      ]);
      expect(page.status).toBe(400);
      const html = page.html;
      expect(html).toContain('The record was not saved. Please correct:');
      expect(html).toContain('<title>Error: New pledge · Compact Watch</title>');
      // The summary links to each field; each message sits under its field and is tied to it.
      for (const [field, message] of <[string, string][]>[
        ['title', 'must not be empty'],
        ['amount', 'must be a number'],
        ['matches', 'line 1: write &quot;PLEDGE-ID offer&quot; or &quot;PLEDGE-ID need&quot;'],
        ['sources', 'line 2: must be an http(s) URL'],
      ]) {
        expect(html, field).toContain(`<a href="#edit-${field}">`);
        expect(html, field).toMatch(
          new RegExp(
            `<p class="field-error" id="edit-${field}-error">[^<]*${message.replace(/[()]/g, '\\$&')}`,
          ),
        );
        expect(html, field).toMatch(
          new RegExp(
            `id="edit-${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*edit-${field}-error`,
          ),
        );
      }
      // A hint alone does not make a field invalid.
      expect(html).toMatch(/<input id="edit-places"[^>]*aria-describedby="edit-places-hint"/);
      expect(html).not.toMatch(/<input id="edit-places"[^>]*aria-invalid/);
      expect(html).toContain('Schools open to refugee children in Kakuma.');
      expect(html).toContain('not a web address');
      expect(html).toMatch(/value="gcr-2" checked=""/);
      expect(await draftCount()).toBe(before);
      expect((await app.db.selectFrom('audit_log').select('id').execute()).length).toBe(audits);

      // Problems only the database can see (an unknown partner) come back the same way.
      const unknown = await post(sessions.focalKen, '/editor/pledges/new', [
        ...kenyaPledge('Partners nobody knows').filter(([k]) => k !== 'partnerIds'),
        ['partnerIds', 'nobody-here'],
      ]);
      expect(unknown.status).toBe(400);
      expect(unknown.html).toMatch(/id="edit-partnerIds-error">[^<]*unknown actor &quot;nobody-here&quot;/);
      expect(await draftCount()).toBe(before);
    });

    it("refuses a record for someone else's State at its owner field, keeping the form", async () => {
      const before = await draftCount();
      const page = await post(sessions.focalKen, '/editor/updates/new', [
        ['pledgeId', 'P-02'],
        ['reportedOn', todayIso()],
        ['status', 'in_progress'],
        ['narrative', 'Typed with care.'],
        ['evidence', ''],
      ]);
      expect(page.status).toBe(403);
      expect(page.html).toContain('id="edit-pledgeId-error"');
      expect(page.html).toContain('Typed with care.');
      expect(await draftCount()).toBe(before);
    });

    it('takes a pledge from draft to public page through forms only: submit, return, change, resubmit, publish', async () => {
      const fp = sessions.focalKen;
      const reviewer = sessions.reviewer;
      const form = await get(fp, '/editor/pledges/new');
      const created = await post(fp, '/editor/pledges/new', [
        ['_key', keyOf(form.html)],
        ...kenyaPledge('Education for refugee children'),
      ]);
      expect(created.status).toBe(303);
      const location = created.res.headers.get('location') ?? '';
      const id = decodeURIComponent(/^\/editor\/pledges\/([^?]+)\?done=created$/.exec(location)?.[1] ?? '');
      expect(id).toMatch(/^PL-[0-9A-Z]{10}$/);
      const path = `/editor/pledges/${encodeURIComponent(id)}`;
      // The same form sent twice (a double click) makes one record.
      const again = await post(fp, '/editor/pledges/new', [
        ['_key', keyOf(form.html)],
        ...kenyaPledge('Education for refugee children'),
      ]);
      expect(again.res.headers.get('location')).toBe(location);

      let page = await get(fp, `${path}?done=created`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<p class="notice success" role="status">Draft saved.');
      expect(page.html).toContain('>Draft</strong>');
      expect(page.html).toContain('New record: nothing is published under this id yet.');
      expect((await get(null, `/pledges/${id}`)).status).toBe(404);
      expect((await get(sessions.focalDeu, path)).status).toBe(404);

      // Submit.
      let res = await post(fp, `${path}/submit`, [['_etag', etagOf(page.html)]]);
      expect(res.status).toBe(303);
      expect(res.res.headers.get('location')).toBe(`${path}?done=submitted`);
      page = await get(fp, path);
      expect(page.html).toContain('>Submitted for review</strong>');
      expect(page.html).not.toContain(`action="${path}/submit"`);

      // The reviewer finds it in the queue, with who sent it.
      const queue = await get(reviewer, '/editor/queue');
      expect(queue.html).toContain(`<a href="${path}">Education for refugee children</a>`);
      expect(queue.html).toContain(`<td>${EDITORS.focalKen.email}</td>`);
      expect(queue.html).not.toContain('Nothing is waiting for review.');

      // Returning needs a comment.
      let review = await get(reviewer, path);
      expect(review.html).toContain(`action="${path}/publish"`);
      expect(review.html).toContain(`action="${path}/return"`);
      res = await post(reviewer, `${path}/return`, [
        ['_etag', etagOf(review.html)],
        ['comment', '  '],
      ]);
      expect(res.status).toBe(400);
      expect(res.html).toContain('<a href="#return-comment">');
      expect(res.html).toMatch(/id="return-comment"[^>]*aria-invalid="true"/);
      res = await post(reviewer, `${path}/return`, [
        ['_etag', etagOf(review.html)],
        ['comment', 'Please name the camps and add a target date.'],
      ]);
      expect(res.status).toBe(303);
      expect(res.res.headers.get('location')).toBe(`${path}?done=returned`);

      // The focal point sees the comment on the dashboard and on the record, changes it and sends it again.
      const dashboard = await get(fp, '/editor');
      expect(dashboard.html).toContain('Returned to you (1)');
      expect(dashboard.html).toContain('Please name the camps and add a target date.');
      page = await get(fp, path);
      expect(page.html).toContain('>Returned for changes</strong>');
      expect(page.html).toContain('<p class="comment">Please name the camps and add a target date.</p>');
      const edited = kenyaPledge('Education for refugee children in Kakuma and Dadaab')
        .filter(([k]) => k !== 'id' && k !== 'targetDate')
        .concat([['targetDate', '2027-12-31']]);
      res = await post(fp, path, [['_etag', etagOf(page.html)], ...edited]);
      expect(res.status).toBe(303);
      expect(res.res.headers.get('location')).toBe(`${path}?done=saved`);
      page = await get(fp, path);
      expect(page.html).toContain('value="2027-12-31"');
      res = await post(fp, `${path}/submit`, [['_etag', etagOf(page.html)]]);
      expect(res.status).toBe(303);

      // The reviewer publishes; the public page now shows it.
      review = await get(reviewer, path);
      res = await post(reviewer, `${path}/publish`, [['_etag', etagOf(review.html)]]);
      expect(res.status).toBe(303);
      expect(res.res.headers.get('location')).toBe(`${path}?done=published`);
      const pub = await get(null, `/pledges/${id}`);
      expect(pub.status).toBe(200);
      expect(pub.html).toContain('Education for refugee children in Kakuma and Dadaab');
      // Both ticked objectives arrived (a checkbox group sends its name once per box).
      const { body } = await app.json<{ data: { objectives: string[] } }>(`/api/v1/pledges/${id}`);
      expect(body.data.objectives).toEqual(['gcr-2', 'gcr-3']);
      page = await get(fp, `${path}?done=published`);
      expect(page.html).toContain('>Published</strong>');
      expect(page.html).toContain(`<a href="/pledges/${id}">Read the published record</a>`);
      expect(page.html).toMatch(
        /Version 1, published <time datetime="[^"]+">[^<]+<\/time> — reviewer@example\.org/,
      );
      expect((await get(reviewer, '/editor/queue')).html).toContain('Nothing is waiting for review.');

      // A correction: the reviewer sees only the changed field, before and after.
      res = await post(fp, path, [
        ['_etag', etagOf(page.html)],
        ...edited.map(([k, v]): [string, string] => [
          k,
          k === 'quantity' ? '1200' : k === 'quantityUnit' ? 'children' : v,
        ]),
      ]);
      expect(res.status).toBe(303);
      page = await get(fp, path);
      res = await post(fp, `${path}/submit`, [['_etag', etagOf(page.html)]]);
      review = await get(reviewer, path);
      expect(review.html).toContain('(correction of a published record)');
      const table = /<table class="changes-table">([\s\S]*?)<\/table>/.exec(review.html)?.[1] ?? '';
      expect([...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
        'Quantity',
        'Unit of the quantity',
      ]);
      expect(table).toContain('<ins>1200</ins>');
      expect((await get(null, `/pledges/${id}`)).html).not.toContain('1,200');
    });

    it('answers 409 to a form opened before someone else saved, and keeps what was typed', async () => {
      const fp = sessions.focalKen;
      const created = await post(fp, '/editor/pledges/new', kenyaPledge('A pledge two people edit'));
      const path = (created.res.headers.get('location') ?? '').replace(/\?.*$/, '');
      const opened = await get(fp, path);
      const etag = etagOf(opened.html);
      const first = await post(fp, path, [
        ['_etag', etag],
        ...kenyaPledge('First title').filter(([k]) => k !== 'id'),
      ]);
      expect(first.status).toBe(303);
      const second = await post(fp, path, [
        ['_etag', etag],
        ...kenyaPledge('Second title').filter(([k]) => k !== 'id'),
      ]);
      expect(second.status).toBe(409);
      expect(second.html).toContain('Someone changed this record since you opened it.');
      expect(second.html).toContain(`<a href="${path}">Reload the record</a>`);
      expect(second.html).toContain('value="Second title"');
      // A transition sent with the stale ETag is refused too.
      expect((await post(fp, `${path}/submit`, [['_etag', etag]])).status).toBe(409);
      const stored = await app.db
        .selectFrom('record_drafts')
        .select(['data_json', 'workflow'])
        .where('record_id', '=', decodeURIComponent(path.split('/').pop() ?? ''))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.data_json).title).toBe('First title');
      expect(stored.workflow).toBe('draft');

      // Discarding the draft leads back to the dashboard, and the record is gone.
      const now = await get(fp, path);
      const discarded = await post(fp, `${path}/discard`, [['_etag', etagOf(now.html)]]);
      expect(discarded.status).toBe(303);
      expect(discarded.res.headers.get('location')).toBe('/editor?done=discarded');
      expect((await get(fp, path)).status).toBe(404);
    });

    it('creates a progress update and a national review through their forms; the update reaches its pledge page', async () => {
      const fp = sessions.focalKen;
      const update = await post(fp, '/editor/updates/new', [
        ['pledgeId', 'P-01'],
        ['reportedOn', todayIso()],
        ['status', 'in_progress'],
        ['narrative', 'Enrolment opened in three counties.'],
        ['evidence', 'https://example.org/enrolment'],
      ]);
      expect(update.status, update.html.slice(0, 500)).toBe(303);
      const path = (update.res.headers.get('location') ?? '').replace(/\?.*$/, '');
      expect(path).toMatch(/^\/editor\/updates\/UP-/);
      const form = await get(fp, '/editor/national-reviews/new');
      expect(form.html).toContain('<option value="grf-2023">Global Refugee Forum 2023</option>');
      const review = await post(fp, '/editor/national-reviews/new', [
        ['iso3', 'KEN'],
        ['cycleId', 'grf-2023'],
        ['submittedOn', '2023-11-30'],
        ['title', 'Kenya: national report to the Global Refugee Forum'],
        ['documentUrl', 'https://example.org/ken-grf-report.pdf'],
        ['objectives', 'gcr-1'],
      ]);
      expect(review.status, review.html.slice(0, 500)).toBe(303);

      const page = await get(fp, path);
      expect(page.html).toContain('Update on P-01 of');
      await post(fp, `${path}/submit`, [['_etag', etagOf(page.html)]]);
      const reviewed = await get(sessions.reviewer, path);
      expect(
        (await post(sessions.reviewer, `${path}/publish`, [['_etag', etagOf(reviewed.html)]])).status,
      ).toBe(303);
      const published = await get(sessions.reviewer, path);
      const id = path.split('/').pop();
      expect(published.html).toContain(`<a href="/pledges/P-01#update-${id}">Read the published record</a>`);
      expect((await get(null, '/pledges/P-01')).html).toContain('Enrolment opened in three counties.');
    });

    it('refuses a form post without the CSRF token', async () => {
      const before = await draftCount();
      const res = await post(sessions.focalKen, '/editor/pledges/new', kenyaPledge('No token'), false);
      expect(res.status).toBe(403);
      expect(await draftCount()).toBe(before);
    });

    it('lets a reviewer record and publish a position event, its sources one per line', async () => {
      const reviewer = sessions.reviewer;
      const form = await get(reviewer, '/editor/position-events/new');
      expect(form.html).toContain('<code>a-73-12-part-ii</code>');
      const eventForm: [string, string][] = [
        ['_key', keyOf(form.html)],
        ['id', ''],
        ['state', 'ken'],
        ['compact', 'gcm'],
        ['date', '2019-01-15'],
        ['datePrecision', 'day'],
        ['endDate', ''],
        ['kind', 'statement_of_support'],
        ['stance', 'supports'],
        ['title', 'Statement in support of the GCM'],
        ['note', ''],
        ['status', 'verified'],
        ['sources', 'a-73-12-part-ii | para. 4'],
      ];
      const created = await post(reviewer, '/editor/position-events/new', eventForm);
      expect(created.status, created.html.slice(0, 2000)).toBe(303);
      const path = (created.res.headers.get('location') ?? '').replace(/\?.*$/, '');
      expect(path).toMatch(/^\/editor\/position-events\/pe-[0-9a-z]{10}$/);
      // Sent twice (a double click), the form makes one event.
      const again = await post(reviewer, '/editor/position-events/new', eventForm);
      expect(again.res.headers.get('location')).toBe(created.res.headers.get('location'));
      const page = await get(reviewer, path);
      expect(page.html).toContain('a-73-12-part-ii | para. 4');
      const res = await post(reviewer, `${path}/publish`, [['_etag', etagOf(page.html)]]);
      expect(res.status).toBe(303);
      const stored = await app.db
        .selectFrom('position_events')
        .select(['state_iso3', 'stance', 'sources_json', 'origin'])
        .where('event_id', '=', path.split('/').pop() ?? '')
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ state_iso3: 'KEN', stance: 'supports', origin: 'editor' });
      expect(JSON.parse(stored.sources_json)).toEqual([{ source: 'a-73-12-part-ii', locator: 'para. 4' }]);
    });

    it('shows each role the create links it may use, and a Report progress link for pledges that need one', async () => {
      const links = (html: string) =>
        [...html.matchAll(/<a href="\/editor\/([a-z-]+)\/new">/g)].map((m) => m[1]);
      const fp = (await get(sessions.focalKen, '/editor')).html;
      expect(links(fp)).toEqual(['pledges', 'updates', 'national-reviews']);
      expect(fp).toContain('href="/editor/updates/new?pledge=P-01"');
      expect(links((await get(sessions.contributor, '/editor')).html)).toEqual(['pledges', 'updates']);
      expect(links((await get(sessions.reviewer, '/editor')).html)).toEqual([
        'pledges',
        'updates',
        'national-reviews',
        'position-events',
      ]);
      expect(fp).toContain('Your drafts and submissions');
      expect(fp).toContain(escapeHtml('Education for refugee children in Kakuma and Dadaab'));
    });
  });
});

describe('the form codec', () => {
  const t = translator('en');

  it('reads a form into the canonical record and writes it back unchanged', () => {
    const values = bodyToValues('pledges', {
      'edit-title': ' A title ',
      'edit-actorId': 'KEN',
      'edit-partnerIds': 'a-1, b-2  c-3',
      'edit-compacts': ['gcm', 'gcr'],
      'edit-objectives': 'gcm-1',
      'edit-places': 'ken, 002',
      'edit-amount': '1500.5',
      'edit-currency': 'usd',
      'edit-quantity': '',
      'edit-sources': 'https://a.example\r\n\r\nhttps://b.example ',
      'edit-matches': 'P-01 offer\nP-02 NEED',
      title: 'ignored: not the name of any control',
    });
    const { record, problems } = formToRecord('pledges', values, true);
    expect(problems).toEqual([
      { location: 'type', message: 'must not be empty' },
      { location: 'forum', message: 'must not be empty' },
    ]);
    expect(record).toMatchObject({
      title: 'A title',
      partnerIds: ['a-1', 'b-2', 'c-3'],
      compacts: ['gcm', 'gcr'],
      objectives: ['gcm-1'],
      places: ['KEN', '002'],
      amount: 1500.5,
      currency: 'USD',
      quantity: null,
      sources: ['https://a.example', 'https://b.example'],
      matches: [
        { pledgeId: 'P-01', relation: 'offer' },
        { pledgeId: 'P-02', relation: 'need' },
      ],
    });
    expect(record).not.toHaveProperty('id');
    const back = recordToValues('pledges', { ...record, id: 'X' });
    expect(back).toMatchObject({
      partnerIds: 'a-1, b-2, c-3',
      matches: 'P-01 offer\nP-02 need',
      amount: '1500.5',
    });
  });

  it('names the line or the item a problem is about, and ties unknown locations to the form', () => {
    const record = { sources: ['https://a.example', 'nope'], places: ['KEN', 'XXX'] };
    expect(
      problemsToFields(
        'pledges',
        [
          { location: 'sources.1', message: 'must be an http(s) URL' },
          { location: 'places.1', message: 'unknown' },
          { location: 'synthetic', message: 'no' },
        ],
        record,
        t,
      ),
    ).toEqual([
      { field: 'edit-sources', label: 'Sources', message: 'line 2: must be an http(s) URL' },
      { field: 'edit-places', label: 'Places', message: '"XXX": unknown' },
      { field: 'edit-form', label: 'Record', message: 'no' },
    ]);
  });
});
