import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import { listMilestones } from './repository.ts';
import type { MilestoneView } from './schemas.ts';

type List = { data: MilestoneView[]; page: { limit: number; nextCursor: string | null } };
type Problem = {
  status: number;
  code: string;
  detail: string;
  errors?: { location?: string; message: string }[];
};
type FileMilestone = { id: string; date: string; endDate?: string; compacts: string[]; status?: string };

// The expected answers are worked out from the file itself, independently of the SQL.
const file = JSON.parse(
  fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, 'milestones.json'), 'utf8'),
) as FileMilestone[];
const idsWhere = (keep: (m: FileMilestone) => boolean) => file.filter(keep).map((m) => m.id);

forEachEngine((engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(engine);
  });
  afterAll(() => app.close());

  describe('listMilestones', () => {
    it('returns every milestone in file (chronological) order with its fields', async () => {
      const all = await listMilestones(app.db);
      expect(all.map((m) => m.id)).toEqual(file.map((m) => m.id));
      const dates = all.map((m) => m.date);
      expect(dates).toEqual([...dates].sort());
      expect(all.find((m) => m.id === 'marrakech-conference')).toMatchObject({
        date: '2018-12-10',
        datePrecision: 'day',
        endDate: '2018-12-11',
        kind: 'conference',
        compacts: ['gcm'],
        symbol: null,
        status: 'verified',
      });
      expect(all.find((m) => m.id === 'new-york-declaration')).toMatchObject({
        compacts: ['gcm', 'gcr'],
        symbol: 'A/RES/71/1',
      });
      expect(all.every((m) => m.sources.length > 0)).toBe(true);
    });

    it('keeps a multi-day event that overlaps the start of the range', async () => {
      const ids = (await listMilestones(app.db, { from: '2018-12-11', to: '2018-12-11' })).map((m) => m.id);
      expect(ids).toEqual(['marrakech-conference']);
    });
  });

  describe('GET /api/v1/milestones', () => {
    it('filters by compact', async () => {
      for (const compact of ['gcm', 'gcr']) {
        const { status, body } = await app.json<List>(`/api/v1/milestones?compact=${compact}&limit=500`);
        expect(status).toBe(200);
        expect(body.data.map((m) => m.id)).toEqual(idsWhere((m) => m.compacts.includes(compact)));
        expect(body.data.every((m) => m.compacts.includes(compact as 'gcm' | 'gcr'))).toBe(true);
      }
    });

    it('filters by date range and compact together', async () => {
      const { body } = await app.json<List>('/api/v1/milestones?compact=gcr&from=2019-01-01&to=2021-12-31');
      const expected = idsWhere(
        (m) => m.compacts.includes('gcr') && (m.endDate ?? m.date) >= '2019-01-01' && m.date <= '2021-12-31',
      );
      expect(expected.length).toBeGreaterThan(1);
      expect(body.data.map((m) => m.id)).toEqual(expected);
      const after = await app.json<List>('/api/v1/milestones?from=2024-01-01');
      expect(after.body.data.map((m) => m.id)).toEqual(
        idsWhere((m) => (m.endDate ?? m.date) >= '2024-01-01'),
      );
    });

    it('walks all items with limit=1 via page.nextCursor, keeping the filter', async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/milestones?compact=gcm&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const { body, res }: { body: List; res: Response } = await app.json<List>(url);
        expect(body.data).toHaveLength(1);
        expect(body.page.limit).toBe(1);
        if (body.page.nextCursor) expect(res.headers.get('link')).toContain('rel="next"');
        ids.push(body.data[0]!.id);
        cursor = body.page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(ids).toEqual(idsWhere((m) => m.compacts.includes('gcm')));
    });

    it('has a CSV twin with a header and one row per milestone', async () => {
      const res = await app.request('/api/v1/milestones?format=csv&limit=500');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await res.text();
      const lines = text.trim().split('\n');
      expect(lines[0]).toBe(
        'id,date,datePrecision,endDate,title,description,kind,compacts,symbol,status,notes,sources',
      );
      // Rows are counted by their leading id: descriptions contain no line breaks, but be sure.
      expect(lines.filter((l) => /^[a-z0-9-]+,\d{4}-\d{2}-\d{2},/.test(l))).toHaveLength(file.length);
      expect(text).toContain('new-york-declaration,2016-09-19,day,,');
      const gcr = await (await app.request('/api/v1/milestones?format=csv&compact=gcr&limit=500')).text();
      expect(gcr.trim().split('\n')).toHaveLength(1 + idsWhere((m) => m.compacts.includes('gcr')).length);
    });

    it.each([
      ['compact=gcx', 'compact'],
      ['from=2019-13-01', 'from'],
      ['from=2019-02-30', 'from'],
      ['from=19-01-01', 'from'],
      ['to=yesterday', 'to'],
      ['to=2021-04-31', 'to'],
      ['from=2020-01-01&to=2019-12-31', 'from'],
    ])('rejects %s with a 400 problem naming %s', async (qs, location) => {
      const { status, body, res } = await app.json<Problem>(`/api/v1/milestones?${qs}`);
      expect(status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ status: 400, code: 'invalid_input' });
      expect(body.errors?.map((e) => e.location)).toEqual([location]);
    });

    it('accepts from equal to to', async () => {
      const { status, body } = await app.json<List>('/api/v1/milestones?from=2016-09-19&to=2016-09-19');
      expect(status).toBe(200);
      expect(body.data.map((m) => m.id)).toEqual(['new-york-declaration']);
    });

    it('is described in the OpenAPI document', async () => {
      const { status, body } = await app.json<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
      expect(status).toBe(200);
      expect(Object.keys(body.paths)).toEqual(
        expect.arrayContaining(['/milestones', '/classifications', '/classifications/{id}']),
      );
    });
  });

  describe('GET /timeline', () => {
    it('shows the milestones in an ordered list with dates at their precision', async () => {
      const res = await app.request('/timeline');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<h1>Timeline</h1>');
      expect(html).toContain('<ol class="timeline">');
      expect(html.match(/<li id="[a-z0-9-]+">/g)).toHaveLength(file.length);
      expect(html).toContain('<time datetime="2016-09-19">19 September 2016</time>');
      // A year-precision date says only the year; a month-precision one only the month.
      expect(html).toContain('<time datetime="2019">2019</time>');
      expect(html).toContain('<time datetime="2019-07">July 2019</time>');
      expect(html).toMatch(/10 December 2018<\/time> – <time datetime="2018-12-11">11 December 2018<\/time>/);
      expect(html).toContain('A/RES/73/195');
      const unverified = idsWhere((m) => m.status === 'unverified');
      expect(html.match(/class="badge unverified"/g)).toHaveLength(unverified.length);
      expect(html).toMatch(/<label for="timeline-compact">Compact<\/label>/);
      expect(html).toContain('href="/api/v1/milestones"');
    });

    it('filters by compact without JavaScript and links the data for the filter', async () => {
      const html = await (await app.request('/timeline?compact=gcr&from=&to=')).text();
      expect(html.match(/<li id="[a-z0-9-]+">/g)).toHaveLength(
        idsWhere((m) => m.compacts.includes('gcr')).length,
      );
      expect(html).not.toContain('id="marrakech-conference"');
      expect(html).toContain('<option value="gcr" selected="">');
      expect(html).toContain('href="/api/v1/milestones?compact=gcr"');
      expect(html).toContain('href="/api/v1/milestones?compact=gcr&amp;format=csv&amp;limit=500"');
    });

    it('answers an invalid filter with 400 and the form, not a list', async () => {
      const res = await app.request('/timeline?from=2019-02-30');
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('<form class="form-controls" method="get" action="/timeline"');
      expect(html).not.toContain('<ol class="timeline">');
    });

    it('shows French headings and keeps the language in the form with ?lang=fr', async () => {
      const html = await (await app.request('/timeline?lang=fr')).text();
      expect(html).toContain('<h1>Chronologie</h1>');
      expect(html).toContain('<legend>Filtrer la chronologie</legend>');
      expect(html).toContain('<input type="hidden" name="lang" value="fr"/>');
      expect(html).toContain('19 septembre 2016');
    });
  });
});
