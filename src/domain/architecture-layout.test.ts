import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReferenceData } from '../features/reference/read.ts';
import {
  type ArchitectureLayout,
  countCrossings,
  LAYOUT,
  type LayoutEdge,
  type LayoutNode,
  layoutArchitecture,
  type NodeBox,
  wrapLabel,
} from './architecture-layout.ts';

const { data } = readReferenceData();
const realNodes: LayoutNode[] = data.institutions.map((i) => ({
  id: i.id,
  label: i.shortName ?? i.name,
  kind: i.kind,
}));
const realEdges: LayoutEdge[] = data.relations.map((r) => ({ from: r.from, to: r.to, type: r.type }));
const headings = ['Intergovernmental bodies and forums', 'UN system entities and the Network', 'Mechanisms'];

const overlaps = (a: NodeBox, b: NodeBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Points along a path made of M, L and C commands (the only ones the layout writes). */
function samplePath(d: string, steps = 24): [number, number][] {
  const tokens = d.match(/[MLC]|-?\d+(?:\.\d+)?/g) ?? [];
  const points: [number, number][] = [];
  let at: [number, number] = [0, 0];
  for (let i = 0; i < tokens.length; ) {
    const cmd = tokens[i++];
    const num = () => Number(tokens[i++]);
    if (cmd === 'M' || cmd === 'L') {
      const next: [number, number] = [num(), num()];
      if (cmd === 'L') for (let s = 1; s <= steps; s++) points.push(lerp(at, next, s / steps));
      else points.push(next);
      at = next;
    } else if (cmd === 'C') {
      const c1: [number, number] = [num(), num()];
      const c2: [number, number] = [num(), num()];
      const end: [number, number] = [num(), num()];
      const pts = [at, c1, c2, end];
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        const coef = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
        const coord = (k: 0 | 1) => pts.reduce((sum, p, j) => sum + coef[j]! * p[k], 0);
        points.push([coord(0), coord(1)]);
      }
      at = end;
    } else throw new Error(`unexpected token ${cmd} in ${d}`);
  }
  return points;
}
const lerp = (a: [number, number], b: [number, number], t: number): [number, number] => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];
const strictlyInside = (p: [number, number], b: NodeBox) =>
  p[0] > b.x + 1 && p[0] < b.x + b.width - 1 && p[1] > b.y + 1 && p[1] < b.y + b.height - 1;

function expectSound(layout: ArchitectureLayout, nodes: LayoutNode[]) {
  const ids = [...new Set(nodes.map((n) => n.id))];
  expect(layout.nodes.map((n) => n.id).sort()).toEqual(ids.sort());
  for (let a = 0; a < layout.nodes.length; a++) {
    for (let b = a + 1; b < layout.nodes.length; b++) {
      expect(
        overlaps(layout.nodes[a]!, layout.nodes[b]!),
        `${layout.nodes[a]!.id} / ${layout.nodes[b]!.id}`,
      ).toBe(false);
    }
  }
  for (const box of layout.nodes) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
    expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
    expect(box.lines.length * LAYOUT.lineHeight).toBeLessThanOrEqual(box.height);
    for (const line of box.lines) {
      expect(line.length * LAYOUT.fontSize * LAYOUT.charWidth).toBeLessThanOrEqual(
        box.width - 2 * LAYOUT.padX,
      );
    }
  }
  for (const edge of layout.edges) {
    for (const p of samplePath(edge.d)) {
      const hit = layout.nodes.find((b) => strictlyInside(p, b));
      expect(hit?.id, `${edge.from} → ${edge.to} passes through a box`).toBeUndefined();
      expect(p[0]).toBeGreaterThanOrEqual(0);
      expect(p[0]).toBeLessThanOrEqual(layout.width);
    }
  }
}

describe('wrapLabel', () => {
  it('wraps at word boundaries and keeps every word', () => {
    const lines = wrapLabel('Executive Committee of the UN Network on Migration', 22);
    expect(lines).toEqual(['Executive Committee of', 'the UN Network on', 'Migration']);
    expect(lines.every((l) => l.length <= 22)).toBe(true);
  });
  it('splits words longer than a line', () => {
    expect(wrapLabel('Internationalisation', 8)).toEqual(['Internat', 'ionalisa', 'tion']);
  });
});

describe('layoutArchitecture on the reference data', () => {
  const layout = layoutArchitecture(realNodes, realEdges, { headings });

  it('draws one box per institution and one path per relation, without overlaps or edges through boxes', () => {
    expect(layout.nodes).toHaveLength(realNodes.length);
    expect(layout.edges).toHaveLength(realEdges.length);
    expectSound(layout, realNodes);
  });

  it('places kinds in columns: bodies and forums | UN entities and the Network | mechanisms and reports', () => {
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    expect(x('imrf')).toBe(x('un-general-assembly'));
    expect(x('iom')).toBe(x('un-network-on-migration'));
    expect(x('migration-mptf')).toBe(x('sg-biennial-report-gcm'));
    expect(x('imrf')).toBeLessThan(x('iom'));
    expect(x('iom')).toBeLessThan(x('migration-mptf'));
  });

  it('starts and ends every edge on the sides of its boxes', () => {
    const box = (id: string) => layout.nodes.find((n) => n.id === id)!;
    for (const edge of layout.edges) {
      const points = samplePath(edge.d);
      const [start, end] = [points[0]!, points.at(-1)!];
      for (const [p, b] of [
        [start, box(edge.from)],
        [end, box(edge.to)],
      ] as const) {
        expect([b.x, b.x + b.width]).toContain(Math.round(p[0]));
        expect(p[1]).toBeGreaterThanOrEqual(b.y);
        expect(p[1]).toBeLessThanOrEqual(b.y + b.height);
      }
    }
  });

  it('is deterministic and compact', () => {
    expect(layoutArchitecture(realNodes, realEdges, { headings })).toEqual(layout);
    expect(JSON.stringify(layout).length).toBeLessThan(20_000);
  });
});

describe('layoutArchitecture ordering', () => {
  it('untangles two crossed edges', () => {
    const nodes: LayoutNode[] = [
      { id: 'a', label: 'A', kind: 'forum' },
      { id: 'b', label: 'B', kind: 'forum' },
      { id: 'x', label: 'X', kind: 'un-entity' },
      { id: 'y', label: 'Y', kind: 'un-entity' },
    ];
    const edges: LayoutEdge[] = [
      { from: 'a', to: 'y', type: 'supports' },
      { from: 'b', to: 'x', type: 'supports' },
    ];
    const layout = layoutArchitecture(nodes, edges);
    const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
    expect(Math.sign(y('a') - y('b'))).toBe(Math.sign(y('y') - y('x')));
  });

  it('counts crossings between two layers', () => {
    const neighbours = new Map([
      ['a', ['y']],
      ['b', ['x']],
    ]);
    expect(countCrossings(['a', 'b'], ['x', 'y'], neighbours)).toBe(1);
    expect(countCrossings(['a', 'b'], ['y', 'x'], neighbours)).toBe(0);
  });

  it('ignores self-loops and edges to unknown nodes', () => {
    const nodes: LayoutNode[] = [{ id: 'a', label: 'A', kind: 'fund' }];
    const layout = layoutArchitecture(nodes, [
      { from: 'a', to: 'a', type: 'funds' },
      { from: 'a', to: 'zz', type: 'funds' },
    ]);
    expect(layout.edges).toEqual([]);
    expect(layout.nodes).toHaveLength(1);
  });
});

describe('layoutArchitecture on arbitrary graphs', () => {
  const kinds = ['un-entity', 'network', 'fund', 'platform', 'forum', 'process', 'report', 'body', 'unknown'];
  const graph = fc
    .array(
      fc.record({
        label: fc.stringMatching(/^[A-Za-z]{1,14}( [A-Za-z]{1,14}){0,6}$/),
        kind: fc.constantFrom(...kinds),
      }),
      { minLength: 1, maxLength: 18 },
    )
    .chain((specs) =>
      fc.record({
        nodes: fc.constant(specs.map((s, i) => ({ id: `n${i}`, ...s }))),
        edges: fc.array(
          fc.record({
            from: fc.nat(specs.length - 1).map((i) => `n${i}`),
            to: fc.nat(specs.length - 1).map((i) => `n${i}`),
            type: fc.constantFrom('coordinates', 'supports', 'reports_to'),
          }),
          { maxLength: 30 },
        ),
      }),
    );

  it('never overlaps boxes, keeps labels inside them and routes edges around them', () => {
    fc.assert(
      fc.property(graph, ({ nodes, edges }) => {
        expectSound(layoutArchitecture(nodes, edges, { headings }), nodes);
      }),
      { numRuns: 150 },
    );
  });
});
