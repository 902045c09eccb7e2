/**
 * The crosswalk and the themes: the reference files themselves (every end a
 * real node, every official link sourced, every curated link reasoned, no
 * link twice, the loader refusing a broken file), the API's filters, paging
 * and CSV, and the two pages, on both engines. Expected answers are worked
 * out from the files, independently of the SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, tempDir } from '../../../test/helpers/db.ts';
import {
  escapeHtml,
  expectProblem,
  type List,
  openTestApp,
  type TestApp,
} from '../../../test/helpers/http.ts';
import { DataFileError } from '../../errors.ts';
import { DEFAULT_REFERENCE_DIR, readReferenceData } from '../reference/read.ts';
import type { CrosswalkLinkView, CrosswalkNodeView, ThemeView } from './schemas.ts';

type FileLink = {
  from: string;
  to: string;
  type: string;
  basis: string;
  rationale?: string;
  sources: { source: string }[];
};
type FileNode = { id: string; kind: string; code: string };
type FileCoverage = { level: string; objectives?: string[]; areas?: string[] };
type FileTheme = {
  id: string;
  name: string;
  gcm: FileCoverage;
  gcr: FileCoverage;
  sources: { source: string }[];
};

const readJson = <T>(name: string) =>
  JSON.parse(fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, name), 'utf8')) as T;
const crosswalk = readJson<{ nodes: FileNode[]; links: FileLink[] }>('crosswalk.json');
const themes = readJson<FileTheme[]>('themes.json');
const sourceIds = new Set(readJson<{ id: string }[]>('sources.json').map((s) => s.id));
const objectiveIds = new Set(readJson<{ id: string }[]>('objectives.json').map((o) => o.id));
const nodeIds = new Set([...crosswalk.nodes.map((n) => n.id), ...objectiveIds, 'gcm', 'gcr']);
const gapIds = themes
  .filter((t) => t.gcm.level === 'not_covered' && t.gcr.level === 'not_covered')
  .map((t) => t.id);

/** A writable copy of the reference folder with one file edited. */
function copyReference(name: string, edit: (json: never) => unknown): string {
  const dir = tempDir('cw-ref-');
  for (const file of fs.readdirSync(DEFAULT_REFERENCE_DIR)) {
    const json = JSON.parse(fs.readFileSync(path.join(DEFAULT_REFERENCE_DIR, file), 'utf8'));
    fs.writeFileSync(
      path.join(dir, file),
      `${JSON.stringify(file === name ? edit(json as never) : json, null, 2)}\n`,
    );
  }
  return dir;
}
function problemsOf(dir: string) {
  try {
    readReferenceData(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DataFileError);
    return (err as DataFileError).details.map((d) => `${d.location}: ${d.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('expected a DataFileError');
}
const editLinks = (fn: (links: FileLink[]) => FileLink[]) =>
  copyReference('crosswalk.json', (json: { nodes: FileNode[]; links: FileLink[] }) => ({
    ...json,
    links: fn(json.links),
  }));

describe('crosswalk.json and themes.json', () => {
  it('load through the reference loader', () => {
    const { data } = readReferenceData();
    expect(data.crosswalkLinks).toHaveLength(crosswalk.links.length);
    expect(data.themes).toHaveLength(themes.length);
  });

  it('link only nodes that exist: objectives, compacts, GCR sections and SDG targets', () => {
    for (const l of crosswalk.links) {
      expect(nodeIds.has(l.from), l.from).toBe(true);
      expect(nodeIds.has(l.to), l.to).toBe(true);
    }
    // The SDG targets the brief names are among the nodes.
    for (const code of [
      '10.7',
      '10.c',
      '8.8',
      '16.9',
      '17.18',
      '5.2',
      '8.7',
      '16.2',
      '4.b',
      '3.8',
      '1.3',
      '10.2',
    ]) {
      expect(
        crosswalk.nodes.some((n) => n.kind === 'sdg-target' && n.code === code),
        code,
      ).toBe(true);
    }
  });

  it('cite known sources on every official link, and give every curated link a rationale', () => {
    const official = crosswalk.links.filter((l) => l.basis === 'official');
    expect(official.length).toBeGreaterThan(0);
    for (const l of official) {
      expect(l.sources.length).toBeGreaterThan(0);
      for (const s of l.sources) expect(sourceIds.has(s.source), s.source).toBe(true);
    }
    for (const l of crosswalk.links.filter((l) => l.basis === 'curated')) {
      expect(l.rationale?.trim().length ?? 0, `${l.from} → ${l.to}`).toBeGreaterThan(20);
    }
  });

  it('link no two nodes twice, in either direction', () => {
    const pairs = crosswalk.links.map((l) => [l.from, l.to].sort().join(' '));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('point themes at objectives of the right compact and at GCR sections', () => {
    const areas = new Set(crosswalk.nodes.filter((n) => n.kind === 'gcr-area').map((n) => n.id));
    for (const t of themes) {
      for (const k of ['gcm', 'gcr'] as const) {
        for (const o of t[k].objectives ?? [])
          expect(o.startsWith(`${k}-`) && objectiveIds.has(o), o).toBe(true);
        for (const a of t[k].areas ?? []) expect(k === 'gcr' && areas.has(a), a).toBe(true);
      }
    }
  });

  it('show internally displaced persons as covered by neither compact', () => {
    expect(gapIds).toContain('idps');
    const idps = themes.find((t) => t.id === 'idps')!;
    expect(idps.gcr.level).toBe('not_covered');
  });

  it('are refused, file and field named, with an unknown node, a wrong direction or a repeated link', () => {
    expect(problemsOf(editLinks((links) => [...links, { ...links[0]!, to: 'sdg-99-9' }]))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^crosswalk\.json\.links\[\d+\]\.to: unknown node "sdg-99-9"/),
      ]),
    );
    const first = crosswalk.links[0]!;
    expect(
      problemsOf(editLinks((links) => [...links, { ...first, from: first.to, to: first.from }])),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/a link goes from GCM to GCR or SDG/)]));
    expect(problemsOf(editLinks((links) => [...links, { ...first, type: 'related' }]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/repeats the link at crosswalk\.json\.links\[0\]/)]),
    );
  });

  it('are refused when a curated link has no rationale, or a theme names an objective of the other compact', () => {
    const curated = crosswalk.links.findIndex((l) => l.basis === 'curated');
    const problems = problemsOf(
      editLinks((links) => links.map((l, i) => (i === curated ? { ...l, rationale: undefined } : l))),
    );
    expect(problems).toContain(
      `crosswalk.json.links[${curated}].rationale: a curated link needs a rationale`,
    );
    const themeProblems = problemsOf(
      copyReference('themes.json', (json: FileTheme[]) =>
        json.map((t, i) => (i === 0 ? { ...t, gcm: { ...t.gcm, objectives: ['gcr-1'] } } : t)),
      ),
    );
    expect(themeProblems).toContain('themes.json[0].gcm.objectives[0]: "gcr-1" is not an objective of gcm');
  });
});

forEachEngine((engine) => {
  describe('crosswalk and themes API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const all = async (qs = '') => {
      const { status, body } = await app.json<List<CrosswalkLinkView>>(`/api/v1/crosswalk?limit=500${qs}`);
      expect(status).toBe(200);
      return body.data;
    };

    it('lists every link with the codes and labels of its ends and its sources', async () => {
      const links = await all();
      expect(links.map((l) => l.id)).toEqual(crosswalk.links.map((l) => `${l.from}--${l.to}`));
      const remittances = links.find((l) => l.id === 'gcm-20--sdg-10-c')!;
      expect(remittances).toMatchObject({
        fromKind: 'gcm-objective',
        fromCode: 'GCM 20',
        fromLabel: 'Remittances',
        toKind: 'sdg-target',
        toCode: '10.c',
        type: 'overlaps',
        basis: 'curated',
      });
      expect(remittances.sources.map((s) => s.id)).toContain('a-res-73-195');
    });

    it('filters by from, to, node, type, basis and compact', async () => {
      const expectIds = async (qs: string, keep: (l: FileLink) => boolean) => {
        const got = (await all(qs)).map((l) => l.id);
        const want = crosswalk.links.filter(keep).map((l) => `${l.from}--${l.to}`);
        expect(want.length, qs).toBeGreaterThan(0);
        expect(got, qs).toEqual(want);
      };
      await expectIds('&from=gcm-10', (l) => l.from === 'gcm-10');
      await expectIds('&to=sdg-16-9', (l) => l.to === 'sdg-16-9');
      await expectIds(
        '&node=gcr-area-education',
        (l) => l.from === 'gcr-area-education' || l.to === 'gcr-area-education',
      );
      await expectIds('&type=complements', (l) => l.type === 'complements');
      await expectIds('&basis=official', (l) => l.basis === 'official');
      await expectIds('&compact=gcr', (l) => /^gcr(-|$)/.test(l.from) || /^gcr(-|$)/.test(l.to));
      await expectIds(
        '&compact=gcm&basis=curated&type=overlaps',
        (l) => l.from.startsWith('gcm') && l.basis === 'curated' && l.type === 'overlaps',
      );
    });

    it('answers 400 naming the parameter for an unknown node or a bad type', async () => {
      await expectProblem(await app.request('/api/v1/crosswalk?node=sdg-99-9'), 400, 'invalid_input', 'node');
      await expectProblem(await app.request('/api/v1/crosswalk?from=gcm-99'), 400, 'invalid_input', 'from');
      await expectProblem(await app.request('/api/v1/crosswalk?type=similar'), 400, 'invalid_input', 'type');
    });

    it('pages with a cursor through every link once', async () => {
      const seen: string[] = [];
      let url: string | null = '/api/v1/crosswalk?limit=20';
      while (url) {
        const { body }: { body: List<CrosswalkLinkView> } = await app.json<List<CrosswalkLinkView>>(url);
        seen.push(...body.data.map((l) => l.id));
        url = body.page.nextCursor ? `/api/v1/crosswalk?limit=20&cursor=${body.page.nextCursor}` : null;
      }
      expect(seen).toEqual(crosswalk.links.map((l) => `${l.from}--${l.to}`));
    });

    it('answers the crosswalk as CSV, one row per link', async () => {
      const res = await app.request('/api/v1/crosswalk?basis=official&format=csv');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe(
        'id,from,fromKind,fromCode,fromLabel,to,toKind,toCode,toLabel,type,basis,rationale,status,notes,sources',
      );
      expect(lines).toHaveLength(1 + crosswalk.links.filter((l) => l.basis === 'official').length);
    });

    it('lists the nodes with their kinds, pages and link counts', async () => {
      const { body } = await app.json<List<CrosswalkNodeView>>('/api/v1/crosswalk/nodes?limit=500');
      expect(body.data).toHaveLength(nodeIds.size);
      const gcm5 = body.data.find((n) => n.id === 'gcm-5')!;
      expect(gcm5).toMatchObject({
        kind: 'gcm-objective',
        side: 'gcm',
        code: 'GCM 5',
        href: '/objectives/gcm-5',
      });
      expect(gcm5.linkCount).toBe(
        crosswalk.links.filter((l) => l.from === 'gcm-5' || l.to === 'gcm-5').length,
      );
      const targets = await app.json<List<CrosswalkNodeView>>(
        '/api/v1/crosswalk/nodes?kind=sdg-target&limit=500',
      );
      expect(targets.body.data.map((n) => n.code)).toEqual(
        crosswalk.nodes.filter((n) => n.kind === 'sdg-target').map((n) => n.code),
      );
    });

    it('lists themes and filters the gaps and the coverage of each compact', async () => {
      const get = async (qs: string) =>
        (await app.json<List<ThemeView>>(`/api/v1/themes?limit=500${qs}`)).body.data.map((t) => t.id);
      expect(await get('')).toEqual(themes.map((t) => t.id));
      expect(await get('&gap=true')).toEqual(gapIds);
      expect(await get('&gap=false')).toEqual(themes.filter((t) => !gapIds.includes(t.id)).map((t) => t.id));
      expect(await get('&compact=gcr&coverage=not_covered')).toEqual(
        themes.filter((t) => t.gcr.level === 'not_covered').map((t) => t.id),
      );
      expect(await get('&compact=gcm')).toEqual(
        themes.filter((t) => t.gcm.level !== 'not_covered').map((t) => t.id),
      );
      expect(await get('&coverage=mentioned')).toEqual(
        themes.filter((t) => t.gcm.level === 'mentioned' || t.gcr.level === 'mentioned').map((t) => t.id),
      );
      const idps = (await app.json<List<ThemeView>>('/api/v1/themes?gap=true')).body.data.find(
        (t) => t.id === 'idps',
      );
      expect(idps).toMatchObject({
        gap: true,
        gcm: { level: 'not_covered' },
        gcr: { level: 'not_covered', locator: 'para. 12' },
      });
      await expectProblem(await app.request('/api/v1/themes?gap=yes'), 400, 'invalid_input', 'gap');
    });
  });

  describe('crosswalk pages', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('/analysis/crosswalk shows three matrices, the key in words and the lists per objective', async () => {
      const { status, html } = await app.page('/analysis/crosswalk');
      expect(status).toBe(200);
      expect(html).toContain('<h1>Crosswalk: the compacts and the SDG targets</h1>');
      for (const id of ['matrix-gcm-gcr', 'matrix-gcm-sdg', 'matrix-gcr-sdg'])
        expect(html).toContain(`id="${id}"`);
      // Official links carry an asterisk and say so in words; curated ones say so too.
      expect(html).toContain(
        '<span aria-hidden="true">O*</span><span class="visually-hidden">Overlaps, Official source</span>',
      );
      expect(html).toContain('<span class="visually-hidden">Complements, Project’s reading</span>');
      // Rows link to the objectives' pages; every link has its list entry.
      expect(html).toContain('<a href="/objectives/gcm-1">GCM 1 Data</a>');
      for (const l of crosswalk.links) expect(html).toContain(`id="link-${l.from}--${l.to}"`);
      expect(html).toContain(`<strong>${crosswalk.links.length} links</strong>`);
      expect(html).toContain('href="/api/v1/crosswalk"');
      expect(html).toContain('href="/api/v1/crosswalk?format=csv&amp;limit=500"');
      expect(html).not.toContain('<script');
    });

    it('filters by type and basis with a GET form, and by a node', async () => {
      const official = crosswalk.links.filter((l) => l.basis === 'official' && l.type === 'overlaps');
      const { html } = await app.page('/analysis/crosswalk?type=overlaps&basis=official&compact=');
      expect(html).toContain(`<strong>${official.length} links</strong>`);
      expect(html.match(/<li id="link-/g)).toHaveLength(official.length);
      expect(html).toContain('<option value="official" selected="">Official source</option>');
      expect(html).toContain('href="/api/v1/crosswalk?type=overlaps&amp;basis=official"');

      const education = crosswalk.links.filter(
        (l) => l.to === 'gcr-area-education' || l.from === 'gcr-area-education',
      );
      const byNode = await app.page('/analysis/crosswalk?node=gcr-area-education');
      expect(byNode.html).toContain('Only the links of III.B.2.1 Education.');
      expect(byNode.html.match(/<li id="link-/g)).toHaveLength(education.length);
      expect(byNode.html).toContain('<input type="hidden" name="node" value="gcr-area-education"/>');
    });

    it('answers 400 with a notice for a filter that is not valid', async () => {
      for (const qs of ['type=similar', 'node=sdg-99-9']) {
        const { status, html } = await app.page(`/analysis/crosswalk?${qs}`);
        expect(status, qs).toBe(400);
        expect(html).toContain('This filter is not valid');
        expect(html).not.toContain('id="matrix-gcm-gcr"');
      }
    });

    it('/analysis/themes puts the gaps first, internally displaced persons among them', async () => {
      const { status, html } = await app.page('/analysis/themes');
      expect(status).toBe(200);
      const gaps = html.slice(html.indexOf('<h2 id="gaps">'), html.indexOf('<h2 id="coverage">'));
      expect(gaps).toContain('<a href="#theme-idps">Internally displaced persons</a>');
      for (const t of themes)
        expect(gaps.includes(`href="#theme-${t.id}"`), t.id).toBe(gapIds.includes(t.id));
      // In the table, the gap rows come first, each marked in words.
      const rows = [...html.matchAll(/<th scope="row"><a href="#theme-([a-z0-9-]+)">/g)].map((m) => m[1]);
      expect(rows.slice(0, gapIds.length).sort()).toEqual([...gapIds].sort());
      expect(html).toContain('<strong>Not covered</strong> (para. 12)');
      // A section named beside "not covered" is what to read instead, not coverage.
      expect(html).toContain(
        '<strong>Not covered</strong>; see <a href="/analysis/crosswalk?node=gcr-area-specific-needs#links">III.B.1.5 Specific needs</a>',
      );
      expect(html).toContain('<a href="/objectives/gcm-21">GCM 21 Dignified return and reintegration</a>');
      expect(html).toContain('href="/api/v1/themes?format=csv&amp;limit=500"');
      expect(html).toContain(`<h1>${escapeHtml('Themes and populations: what each compact covers')}</h1>`);
      expect(html).toContain('href="/api/v1/themes"');
    });
  });
});
