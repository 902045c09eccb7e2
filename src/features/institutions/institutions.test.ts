import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import {
  escapeHtml,
  expectProblem,
  type List,
  openTestApp,
  type TestApp,
} from '../../../test/helpers/http.ts';
import { readReferenceData } from '../reference/read.ts';
import { getInstitution, listInstitutions } from './repository.ts';
import type { InstitutionView, RelationView } from './schemas.ts';

// Expectations come from the reference file itself, so the tests follow the data as it grows.
const { data: reference } = readReferenceData();
const refIds = reference.institutions.map((i) => i.id);

/** RFC 4180 CSV, enough for the CSV twins (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) field += ch;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

forEachEngine((engine) => {
  describe('institutions API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    /** Follows `page.nextCursor` to the end. */
    async function walk<T>(path: string): Promise<{ items: T[]; pages: number }> {
      const items: T[] = [];
      let url: string | null = path;
      let pages = 0;
      while (url) {
        const answer: { status: number; body: List<T>; res: Response } = await app.json<List<T>>(url);
        expect(answer.status).toBe(200);
        items.push(...answer.body.data);
        pages++;
        const next: string | null = answer.body.page.nextCursor;
        if (next) expect(answer.res.headers.get('link')).toContain('rel="next"');
        url = next ? `${path}${path.includes('?') ? '&' : '?'}cursor=${next}` : null;
      }
      return { items, pages };
    }

    it('lists every institution of the reference file, in order, each with sources and relations', async () => {
      const { status, body } = await app.json<List<InstitutionView>>('/api/v1/institutions?limit=500');
      expect(status).toBe(200);
      expect(body.data.map((i) => i.id)).toEqual(refIds);
      expect(body.page.nextCursor).toBeNull();
      for (const inst of body.data) {
        expect(inst.sources.length, inst.id).toBeGreaterThan(0);
        for (const r of inst.relations) expect(r.sources.length, r.id).toBeGreaterThan(0);
      }
      // Each relation shows up twice: outgoing at one end, incoming at the other.
      const sides = body.data.flatMap((i) => i.relations.map((r) => `${r.id}|${r.direction}`));
      expect(sides.sort()).toEqual(
        reference.relations.flatMap((r) => [`${r.id}|incoming`, `${r.id}|outgoing`]).sort(),
      );
    });

    it('shows "IOM coordinates UN Network on Migration" from both ends', async () => {
      const { body: iom } = await app.json<{ data: InstitutionView }>('/api/v1/institutions/iom');
      expect(iom.data.relations).toContainEqual(
        expect.objectContaining({
          id: 'iom-coordinates-un-network-on-migration',
          type: 'coordinates',
          direction: 'outgoing',
          other: {
            id: 'un-network-on-migration',
            name: 'United Nations Network on Migration',
            shortName: 'UN Network on Migration',
          },
        }),
      );
      const { body: network } = await app.json<{ data: InstitutionView }>(
        '/api/v1/institutions/un-network-on-migration',
      );
      expect(network.data.relations).toContainEqual(
        expect.objectContaining({
          id: 'iom-coordinates-un-network-on-migration',
          direction: 'incoming',
          other: expect.objectContaining({ id: 'iom', shortName: 'IOM' }),
        }),
      );
    });

    it('serves one institution the same as the list does', async () => {
      const { body: list } = await app.json<List<InstitutionView>>('/api/v1/institutions?limit=500');
      const { status, body } = await app.json<{ data: InstitutionView }>('/api/v1/institutions/imrf');
      expect(status).toBe(200);
      expect(body.data).toEqual(list.data.find((i) => i.id === 'imrf'));
      expect(body.data).not.toHaveProperty('sort_key');
    });

    it('answers 404 problem+json for an unknown institution', async () => {
      const body = await expectProblem(
        await app.request('/api/v1/institutions/no-such-body'),
        404,
        'not_found',
      );
      expect(body.detail).toContain('no-such-body');
      await expect(getInstitution(app.db, 'no-such-body')).rejects.toMatchObject({ resource: 'institution' });
    });

    it('filters by kind and by compact', async () => {
      for (const kind of ['forum', 'un-entity', 'report']) {
        const { body } = await app.json<List<InstitutionView>>(`/api/v1/institutions?kind=${kind}&limit=500`);
        expect(body.data.map((i) => i.id)).toEqual(
          reference.institutions.filter((i) => i.kind === kind).map((i) => i.id),
        );
      }
      for (const compact of ['gcm', 'gcr'] as const) {
        const { body } = await app.json<List<InstitutionView>>(
          `/api/v1/institutions?compact=${compact}&limit=500`,
        );
        const expected = reference.institutions.filter((i) => i.compacts.includes(compact)).map((i) => i.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(body.data.map((i) => i.id)).toEqual(expected);
      }
      const { body } = await app.json<List<InstitutionView>>(
        '/api/v1/institutions?kind=un-entity&compact=gcr',
      );
      expect(body.data.map((i) => i.id)).toEqual(
        reference.institutions
          .filter((i) => i.kind === 'un-entity' && i.compacts.includes('gcr'))
          .map((i) => i.id),
      );
    });

    it('refuses unknown filter values with a 400 problem naming the parameter', async () => {
      for (const [query, location] of [
        ['kind=parliament', 'kind'],
        ['compact=gcx', 'compact'],
        ['limit=0', 'limit'],
        ['cursor=%25%25', 'cursor'],
      ]) {
        await expectProblem(
          await app.request(`/api/v1/institutions?${query}`),
          400,
          'invalid_input',
          location,
        );
      }
    });

    it('pages with limit=2 through every institution and every relation', async () => {
      const institutions = await walk<InstitutionView>('/api/v1/institutions?limit=2');
      expect(institutions.items.map((i) => i.id)).toEqual(refIds);
      expect(institutions.pages).toBe(Math.ceil(refIds.length / 2));
      const filtered = await walk<InstitutionView>('/api/v1/institutions?compact=gcm&limit=2');
      expect(filtered.items.map((i) => i.id)).toEqual(
        reference.institutions.filter((i) => i.compacts.includes('gcm')).map((i) => i.id),
      );
      const relations = await walk<RelationView>('/api/v1/relations?limit=2');
      expect(relations.items.map((r) => r.id)).toEqual(reference.relations.map((r) => r.id));
    });

    it('lists relations with their ends and sources', async () => {
      const { status, body } = await app.json<List<RelationView>>('/api/v1/relations?limit=500');
      expect(status).toBe(200);
      expect(body.data).toHaveLength(reference.relations.length);
      for (const r of body.data) {
        expect(refIds).toContain(r.from);
        expect(refIds).toContain(r.to);
        expect(r.sources.length, r.id).toBeGreaterThan(0);
        expect(r).not.toHaveProperty('sort_key');
      }
      expect(body.data).toContainEqual(
        expect.objectContaining({ from: 'iom', to: 'un-network-on-migration', type: 'coordinates' }),
      );
    });

    it('has CSV twins: one row per institution and one per relation', async () => {
      const res = await app.request('/api/v1/institutions?format=csv&limit=500');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(await res.text());
      expect(header?.slice(0, 4)).toEqual(['id', 'name', 'shortName', 'kind']);
      expect(header).toContain('sources');
      expect(rows.map((r) => r[0])).toEqual(refIds);
      const iom = rows.find((r) => r[0] === 'iom')!;
      expect(iom[header!.indexOf('outgoingRelations')]).toContain('coordinates:un-network-on-migration');

      const rel = await app.request('/api/v1/relations?format=csv&limit=500');
      expect(rel.headers.get('content-type')).toMatch(/^text\/csv/);
      const [relHeader, ...relRows] = parseCsv(await rel.text());
      expect(relHeader).toEqual(['id', 'from', 'to', 'type', 'note', 'sources']);
      expect(relRows).toHaveLength(reference.relations.length);
      expect(relRows.every((r) => r[5] !== '')).toBe(true);
    });

    it('reads institutions with a fixed number of queries, whatever their number', async () => {
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const db = app.db.withPlugin(counter);
      await listInstitutions(db, { limit: 2 });
      const few = queries;
      queries = 0;
      await listInstitutions(db);
      expect(queries).toBe(few);
      expect(few).toBeGreaterThan(0);
      expect(few).toBeLessThanOrEqual(4);
    });
  });

  describe('architecture page', () => {
    let app: TestApp;
    let html: string;
    let svg: string;
    beforeAll(async () => {
      app = await openTestApp(engine);
      const res = await app.page('/architecture');
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/html/);
      html = res.html;
      svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    });
    afterAll(() => app.close());

    it('draws the diagram as a compact, labelled inline SVG image', () => {
      expect(svg).toMatch(/^<svg[^>]* role="img"/);
      expect(svg).toMatch(/aria-labelledby="arch-title"/);
      expect(svg).toMatch(/<title id="arch-title">[^<]+<\/title>/);
      expect(svg).toMatch(/<desc id="arch-desc">[^<]+<\/desc>/);
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg).toContain('width="100%"');
      expect(svg).toContain('<marker');
      expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      expect(Buffer.byteLength(svg)).toBeLessThan(40_000);
    });

    it('has one box per institution and a legend entry per relation type', () => {
      for (const id of refIds) expect(svg.split(`data-id="${id}"`).length - 1, id).toBe(1);
      expect(svg.match(/<g data-id=/g)).toHaveLength(refIds.length);
      for (const type of new Set(reference.relations.map((r) => r.type))) {
        expect(svg).toContain(`marker-end="url(#arch-arrow-${type})"`);
      }
      expect(svg).toContain('Relation types');
      expect(svg).toContain('is a member of');
    });

    it('follows the diagram with a list of every institution and a table of relations', () => {
      const after = html.slice(html.indexOf('</svg>'));
      for (const inst of reference.institutions) {
        expect(after).toContain(`id="inst-${inst.id}"`);
        expect(after, inst.name).toContain(escapeHtml(inst.name));
      }
      expect(after).toMatch(
        /IOM coordinates <a href="#inst-un-network-on-migration">UN Network on Migration<\/a>/,
      );
      expect(after).toContain('<caption>');
      expect(after.match(/<tr id="rel-/g)).toHaveLength(reference.relations.length);
      expect(after).toContain('<th scope="col">');
      expect(after).toContain('<th scope="row">');
      expect(html).toContain('href="/api/v1/institutions?format=csv&amp;limit=500"');
      expect(html).toContain('href="/api/v1/relations?format=csv&amp;limit=500"');
    });

    it('speaks French when asked', async () => {
      const { html: fr } = await app.page('/architecture?lang=fr');
      expect(fr).toContain('<h1>Architecture de gouvernance</h1>');
      expect(fr).toContain('Types de relation');
      expect(fr).toContain('href="#inst-un-network-on-migration"');
    });
  });
});
