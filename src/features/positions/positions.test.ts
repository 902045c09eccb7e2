import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, tempDir } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/read.ts';
import { loadReferenceData } from '../reference/sync.ts';

type Counts = { supports: number; opposes: number; abstains: number; undeclared: number };
type Position = {
  iso3: string;
  stance: string;
  since: string | null;
  sincePrecision: string | null;
  conflict: { id: string } | null;
};
type Positions = {
  data: Position[];
  page: { nextCursor: string | null };
  meta: { counts: Counts; asOf: string };
};
type Vote = { iso3: string; vote: string; conflict: { id: string } | null };
type Votes = { data: Vote[]; meta: { counts: Record<string, number | null>; recorded: string } };
type Change = {
  date: string;
  iso3: string;
  compact: string;
  from: string;
  to: string;
  event: { id: string; sources: unknown[] };
};

forEachEngine((engine) => {
  describe('positions, votes and States API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const positions = async (query: string) => (await app.json<Positions>(`/api/v1/positions?${query}`)).body;
    const stanceOf = async (iso3: string, compact: string, asOf: string) =>
      (await positions(`compact=${compact}&asOf=${asOf}&limit=500`)).data.find((p) => p.iso3 === iso3);

    it('lists 195 States with codes and M49 regions', async () => {
      const { body } = await app.json<{ data: { iso3: string; membership: string }[] }>(
        '/api/v1/states?limit=500',
      );
      expect(body.data).toHaveLength(195);
      expect(
        body.data
          .filter((s) => s.membership === 'observer')
          .map((s) => s.iso3)
          .sort(),
      ).toEqual(['PSE', 'VAT']);
      const { body: bra } = await app.json<{ data: Record<string, unknown> }>('/api/v1/states/bra');
      expect(bra.data).toMatchObject({
        iso3: 'BRA',
        iso2: 'BR',
        numeric: '076',
        region: { code: '019', name: 'Americas' },
      });
    });

    it('matches the official vote totals exactly', async () => {
      for (const [resolution, official] of [
        ['A/RES/73/195', { yes: 152, no: 5, abstain: 12, absent: 24 }],
        ['A/RES/73/151', { yes: 181, no: 2, abstain: 3, absent: 7 }],
      ] as const) {
        const { body } = await app.json<Votes>(
          `/api/v1/votes?resolution=${encodeURIComponent(resolution)}&limit=500`,
        );
        expect(body.meta.counts).toEqual(official);
        const tally = { yes: 0, no: 0, abstain: 0, absent: 0 } as Record<string, number>;
        for (const v of body.data) tally[v.vote] = (tally[v.vote] ?? 0) + 1;
        expect(tally).toEqual(official);
      }
      const { body } = await app.json<Votes>('/api/v1/votes?resolution=A/RES/73/195&vote=no');
      expect(body.data.map((v) => v.iso3)).toEqual(['CZE', 'HUN', 'ISR', 'POL', 'USA']);
    });

    it('keeps the GCR abstention conflict visible on the votes and positions', async () => {
      const { body } = await app.json<Votes>('/api/v1/votes?resolution=a-res-73-151&limit=500');
      const flagged = body.data.filter((v) => v.conflict).map((v) => `${v.iso3}:${v.vote}`);
      expect(flagged).toEqual(['DOM:abstain', 'LBR:yes']);
      expect((await stanceOf('DOM', 'gcr', '2019-01-01'))?.conflict?.id).toBe('a-res-73-151-abstentions');
      const { body: res } = await app.json<{
        data: { symbol: string; conflicts: { readings: { preferred: boolean }[] }[] }[];
      }>('/api/v1/resolutions');
      const gcr = res.data.find((r) => r.symbol === 'A/RES/73/151')!;
      expect(gcr.conflicts[0]?.readings.map((r) => r.preferred)).toEqual([true, false]);
    });

    it('gives a partial roll call the official counts and only the known votes', async () => {
      const { body } = await app.json<Votes>('/api/v1/votes?resolution=A/RES/73/326');
      expect(body.meta.recorded).toBe('partial');
      expect(body.meta.counts).toEqual({ yes: 118, no: 5, abstain: 13, absent: null });
      expect(body.data.map((v) => v.iso3)).toEqual(['EST', 'HUN', 'ISR', 'POL', 'USA']);
    });

    it('derives counts that add up to 195 and follow the recorded events', async () => {
      const before = await positions('compact=gcm&asOf=2018-12-18&limit=1');
      const after = await positions('compact=gcm&asOf=2018-12-19&limit=1');
      for (const p of [before, after]) {
        expect(Object.values(p.meta.counts).reduce((a, b) => a + b, 0)).toBe(195);
      }
      expect(after.meta.counts.supports).toBe(152);
      expect(after.meta.counts.abstains).toBe(12);
      // The five No votes plus the Dominican Republic, which announced it would not sign and then did not vote.
      expect(after.meta.counts.opposes).toBe(6);
      const gcr = await positions('compact=gcr&asOf=2018-12-17&limit=1');
      expect(gcr.meta.counts).toEqual({ supports: 181, opposes: 2, abstains: 3, undeclared: 9 });
    });

    it('follows Brazil out of and back into the GCM', async () => {
      expect(await stanceOf('BRA', 'gcm', '2018-12-31')).toMatchObject({
        stance: 'supports',
        since: '2018-12-19',
      });
      expect(await stanceOf('BRA', 'gcm', '2020-01-01')).toMatchObject({
        stance: 'opposes',
        since: '2019-01-08',
      });
      expect(await stanceOf('BRA', 'gcm', '2024-01-01')).toMatchObject({
        stance: 'supports',
        since: '2023-01-05',
      });
    });

    it('keeps a declared stance through an absence from the vote', async () => {
      // The Dominican Republic announced in early December 2018 it would not sign, then did not vote.
      expect(await stanceOf('DOM', 'gcm', '2019-01-01')).toMatchObject({
        stance: 'opposes',
        sincePrecision: 'month',
      });
    });

    it('shows a month-precision date with its precision', async () => {
      expect(await stanceOf('USA', 'gcm', '2022-01-01')).toMatchObject({
        stance: 'supports',
        since: '2021-12-01',
        sincePrecision: 'month',
      });
    });

    it('filters by region and stance, and pages through all States', async () => {
      const europe = await positions('compact=gcm&asOf=2020-01-01&region=150&limit=500');
      expect(europe.data.length).toBeGreaterThan(40);
      expect(Object.values(europe.meta.counts).reduce((a, b) => a + b, 0)).toBe(europe.data.length);
      const opposes = await positions('compact=gcm&asOf=2020-01-01&stance=opposes&limit=500');
      expect(opposes.data.map((p) => p.iso3)).toEqual(['BRA', 'CZE', 'DOM', 'HUN', 'ISR', 'POL', 'USA']);
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: Positions = await positions(
          `compact=gcm&asOf=2020-01-01&limit=60${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.data.map((p) => p.iso3));
        cursor = page.page.nextCursor;
      }
      expect(new Set(seen).size).toBe(195);
    });

    it('lists changes with their events and sources, and the CSV twin agrees', async () => {
      const { body } = await app.json<{ data: Change[] }>('/api/v1/positions/changes?compact=gcm&state=BRA');
      expect(body.data.map((c) => `${c.date} ${c.from}>${c.to}`)).toEqual([
        '2018-12-19 undeclared>supports',
        '2019-01-08 supports>opposes',
        '2023-01-05 opposes>supports',
      ]);
      expect(body.data.every((c) => c.event.sources.length > 0)).toBe(true);
      const csv = await (
        await app.request('/api/v1/positions/changes?compact=gcm&state=BRA&format=csv')
      ).text();
      expect(csv.trim().split('\n')).toHaveLength(4);
      const ranged = await app.json<{ data: Change[] }>(
        '/api/v1/positions/changes?from=2019-01-01&to=2022-12-31&limit=500',
      );
      expect(ranged.body.data.every((c) => c.date >= '2019-01-01' && c.date <= '2022-12-31')).toBe(true);
    });

    it('answers the same stance in the positions list and the State timeline', async () => {
      const list = await positions('compact=gcm&limit=500');
      const { body } = await app.json<{
        data: { timelines: { compact: string; current: { stance: string; since: string | null } }[] };
      }>('/api/v1/states/CHE/positions');
      const che = list.data.find((p) => p.iso3 === 'CHE')!;
      expect(body.data.timelines.find((t) => t.compact === 'gcm')?.current).toMatchObject({
        stance: che.stance,
        since: che.since,
      });
      expect(che.stance).toBe('abstains');
    });

    it.each([
      ['/api/v1/positions?compact=xyz', 400, 'compact'],
      ['/api/v1/positions', 400, 'compact'],
      ['/api/v1/positions?compact=gcm&asOf=2019-02-30', 400, 'asOf'],
      ['/api/v1/positions?compact=gcm&asOf=yesterday', 400, 'asOf'],
      ['/api/v1/positions?compact=gcm&region=999', 400, 'region'],
      ['/api/v1/positions?compact=gcm&knownAt=noon', 400, 'knownAt'],
      ['/api/v1/positions/changes?from=2020-01-01&to=2019-01-01', 400, 'from'],
      ['/api/v1/positions/changes?state=XXX', 404, undefined],
      ['/api/v1/states/XXX', 404, undefined],
      ['/api/v1/states/BRAZIL', 400, 'iso3'],
      ['/api/v1/states/XXX/positions', 404, undefined],
      ['/api/v1/votes?resolution=A/RES/99/1', 400, 'resolution'],
      ['/api/v1/votes', 400, 'resolution'],
      ['/api/v1/positions/events/no-such-event', 404, undefined],
    ])('%s → %i problem+json', async (url, status, location) => {
      const res = await app.request(url);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { errors?: { location: string }[] };
      if (location) expect(body.errors?.map((e) => e.location)).toContain(location);
    });

    it('keeps the old version of a corrected event readable, and answers "as known at" a past moment', async () => {
      const knownBefore = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      // Correct Brazil's dissociation date in a copy of the reference data and reload it.
      const dir = tempDir('cw-ref-');
      for (const f of fs.readdirSync(DEFAULT_REFERENCE_DIR))
        fs.copyFileSync(path.join(DEFAULT_REFERENCE_DIR, f), path.join(dir, f));
      const file = path.join(dir, 'position-events.json');
      const events = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        id: string;
        date: string;
        note?: string;
      }[];
      const bra = events.find((e) => e.id === 'bra-gcm-2019-01-08')!;
      bra.date = '2019-01-09';
      fs.writeFileSync(file, JSON.stringify(events, null, 2));
      const report = await loadReferenceData(app.db, app.engine, { dir });
      expect(report.tables.position_events).toEqual({ inserted: 0, updated: 1, deleted: 0 });

      const { body } = await app.json<{
        data: {
          current: { version: number; date: string };
          versions: { version: number; date: string; supersededAt: string | null }[];
        };
      }>('/api/v1/positions/events/bra-gcm-2019-01-08');
      expect(body.data.current).toMatchObject({ version: 2, date: '2019-01-09' });
      expect(body.data.versions.map((v) => [v.version, v.date, v.supersededAt === null])).toEqual([
        [2, '2019-01-09', true],
        [1, '2019-01-08', false],
      ]);
      expect(await stanceOf('BRA', 'gcm', '2019-01-08')).toMatchObject({ stance: 'supports' });
      const asKnown = await positions(
        `compact=gcm&asOf=2019-01-08&limit=500&knownAt=${encodeURIComponent(knownBefore)}`,
      );
      expect(asKnown.data.find((p) => p.iso3 === 'BRA')).toMatchObject({
        stance: 'opposes',
        since: '2019-01-08',
      });

      // Loading the shipped files again restores the original as a third version.
      await loadReferenceData(app.db, app.engine);
      const again = await app.json<{ data: { current: { version: number; date: string } } }>(
        '/api/v1/positions/events/bra-gcm-2019-01-08',
      );
      expect(again.body.data.current).toMatchObject({ version: 3, date: '2019-01-08' });
    });
  });
});
