import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { translator } from '../../web/i18n/index.ts';
import { atomDate, buildPositionsFeed, escapeXml, FEED_LIMIT, newestFirst } from './feed.ts';
import type { ChangeView } from './schemas.ts';

type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Decodes text after checking that every `&` starts a well-formed reference. */
function decode(raw: string, where: string): string {
  for (let i = raw.indexOf('&'); i !== -1; i = raw.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(raw)) throw new Error(`bare & in ${where}: ${raw.slice(i, i + 20)}`);
  }
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/**
 * A strict little XML parser for the feed's subset of XML (no DTD, CDATA or
 * comments): it throws on anything that is not well-formed — unclosed or
 * crossed tags, unquoted or repeated attributes, `<` or a bare `&` in text,
 * more than one root.
 */
function parseXml(xml: string): XmlNode {
  let i = 0;
  const decl = /^<\?xml [^?]*\?>\s*/.exec(xml);
  if (decl) i = decl[0].length;
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const NAME = /[A-Za-z_][\w.:-]*/y;
  while (i < xml.length) {
    const top = stack.at(-1)!;
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      if (top === root && raw.trim()) throw new Error(`text outside the root: ${raw.slice(0, 20)}`);
      if (raw.includes(']]>')) throw new Error(`"]]>" in text of <${top.name}>`);
      top.text += decode(raw, top.name);
      i = end === -1 ? xml.length : end;
      continue;
    }
    if (xml[i + 1] === '/') {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(xml)?.[0];
      if (!name || xml[NAME.lastIndex] !== '>') throw new Error(`bad end tag at ${i}`);
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      i = NAME.lastIndex + 1;
      continue;
    }
    NAME.lastIndex = i + 1;
    const name = NAME.exec(xml)?.[0];
    if (!name) throw new Error(`bad tag at ${i}: ${xml.slice(i, i + 20)}`);
    const node: XmlNode = { name, attrs: {}, children: [], text: '' };
    let j = NAME.lastIndex;
    for (;;) {
      const attr = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"|\s+([A-Za-z_][\w.:-]*)='([^'<]*)'/y;
      attr.lastIndex = j;
      const m = attr.exec(xml);
      if (!m) break;
      const key = m[1] ?? m[3]!;
      if (key in node.attrs) throw new Error(`repeated attribute ${key} on <${name}>`);
      node.attrs[key] = decode(m[2] ?? m[4]!, `${name}@${key}`);
      j = attr.lastIndex;
    }
    const close = /\s*(\/?)>/y;
    close.lastIndex = j;
    const c = close.exec(xml);
    if (!c) throw new Error(`malformed <${name}> at ${j}: ${xml.slice(j, j + 20)}`);
    if (top === root && root.children.length > 0) throw new Error('more than one root element');
    top.children.push(node);
    if (!c[1]) stack.push(node);
    i = close.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const children = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('the test parser itself', () => {
  it.each([
    '<a><b></a></b>',
    '<a x=1/>',
    '<a x="1" x="2"/>',
    '<a>&foo;</a>',
    '<a>AT&T</a>',
    '<a>x < y</a>',
    '<a/><b/>',
    '<a>',
    '<a>]]></a>',
  ])('rejects %s', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and both quotes, and drops characters XML forbids', () => {
    expect(escapeXml(`a < b & "c" 'd' > e`)).toBe('a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
    expect(escapeXml('bell\u0007 nul\u0000 tab\t')).toBe('bell nul tab\t');
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone  surrogate, pair 😀');
  });

  it('round-trips through a strict parser', () => {
    const nasty = `<script>&"x"'y'</script> ]]> &#0;`;
    const doc = parseXml(`<r a="${escapeXml(nasty)}">${escapeXml(nasty)}</r>`);
    expect(doc.text).toBe(nasty);
    expect(doc.attrs.a).toBe(nasty);
  });
});

describe('buildPositionsFeed', () => {
  const t = translator('en');
  const change = (id: string, date: string, title: string): ChangeView => ({
    date,
    datePrecision: 'day',
    iso3: 'BRA',
    name: 'Brazil',
    compact: 'gcm',
    from: 'supports',
    to: 'opposes',
    event: {
      id,
      version: 1,
      state: 'BRA',
      compact: 'gcm',
      date,
      datePrecision: 'day',
      endDate: null,
      kind: 'dissociation',
      stance: 'opposes',
      title,
      note: null,
      status: 'verified',
      vote: null,
      resolution: null,
      conflict: null,
      recordedAt: null,
      supersededAt: null,
      sources: [
        {
          id: 's',
          title: 'R&D <"quoted">',
          symbol: null,
          url: 'https://example.org/?a=1&b=2',
          publisher: null,
          date: null,
          locator: null,
        },
      ],
    },
  });

  it('is well-formed with hostile text, newest first, with the entry fields RFC 4287 requires', () => {
    const xml = buildPositionsFeed({
      changes: [change('a', '2019-01-08', 'Old <b>&</b>'), change('b', '2023-01-05', `It's "new"`)],
      publicUrl: 'https://cw.example',
      t,
      locale: 'en',
      changedAt: '2026-01-01T00:00:00.000Z',
    });
    const feed = parseXml(xml);
    expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(child(feed, 'updated')!.text).toBe('2023-01-05T00:00:00Z');
    const entries = children(feed, 'entry');
    expect(entries.map((e) => child(e, 'id')!.text)).toEqual([
      'https://cw.example/positions#b',
      'https://cw.example/positions#a',
    ]);
    expect(child(entries[1]!, 'title')!.text).toBe('Brazil: Supports → Opposes (GCM)');
    expect(child(entries[1]!, 'summary')!.text).toBe(
      'Old <b>&</b>. Sources: R&D <"quoted"> https://example.org/?a=1&b=2',
    );
  });

  it('falls back to the data change time when there is no entry', () => {
    const feed = parseXml(
      buildPositionsFeed({
        changes: [],
        publicUrl: 'https://cw.example',
        t,
        locale: 'en',
        changedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    expect(child(feed, 'updated')!.text).toBe('2026-01-01T00:00:00.000Z');
    expect(children(feed, 'entry')).toHaveLength(0);
  });

  it('dates at midnight UTC', () => {
    expect(atomDate('2019-01-08')).toBe('2019-01-08T00:00:00Z');
  });
});

forEachEngine((engine) => {
  describe('GET /feeds/positions.atom', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it('is a valid Atom feed with one entry per change, newest first, at most 100', async () => {
      const res = await app.request('/feeds/positions.atom');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const feed = parseXml(await res.text());
      expect(feed.name).toBe('feed');
      expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
      const base = app.config.publicUrl;
      expect(child(feed, 'id')!.text).toBe(`${base}/feeds/positions.atom`);
      expect(child(feed, 'title')!.text).toBeTruthy();
      expect(child(child(feed, 'author')!, 'name')!.text).toBe('Compact Watch');
      const self = children(feed, 'link').find((l) => l.attrs.rel === 'self');
      expect(self?.attrs.href).toBe(`${base}/feeds/positions.atom`);

      const { body } = await app.json<{ data: ChangeView[] }>('/api/v1/positions/changes?limit=500');
      const expected = newestFirst(body.data);
      const entries = children(feed, 'entry');
      expect(body.data.length).toBeGreaterThan(FEED_LIMIT);
      expect(entries).toHaveLength(Math.min(FEED_LIMIT, body.data.length));
      expect(entries.map((e) => child(e, 'id')!.text)).toEqual(
        expected.map((c) => `${base}/positions#${c.event.id}`),
      );
      expect(child(feed, 'updated')!.text).toBe(child(entries[0]!, 'updated')!.text);

      const dates = entries.map((e) => child(e, 'updated')!.text);
      expect(dates).toEqual([...dates].sort().reverse());
      for (const [k, e] of entries.entries()) {
        const c = expected[k]!;
        for (const field of ['id', 'title', 'updated', 'published', 'summary'])
          expect(child(e, field), field).toBeDefined();
        expect(child(e, 'updated')!.text).toMatch(RFC3339);
        expect(child(e, 'published')!.text).toBe(`${c.date}T00:00:00Z`);
        expect(child(e, 'link')!.attrs.href).toBe(`${base}/states/${c.iso3}`);
        expect(child(e, 'summary')!.text.startsWith(c.event.title)).toBe(true);
        for (const s of c.event.sources) expect(child(e, 'summary')!.text).toContain(s.title);
      }
      const brazil = entries.find((e) => child(e, 'id')!.text.endsWith('#bra-gcm-2023-01-05'));
      expect(child(brazil!, 'title')!.text).toBe('Brazil: Opposes → Supports (GCM)');
    });
  });
});
