/**
 * Lays out the governance architecture as a layered diagram: one column per
 * group of institution kinds, nodes ordered within a column by the barycentre
 * of their neighbours (Sugiyama-style, with dummy lanes for edges that skip a
 * column), then placed vertically as close to their neighbours as the
 * no-overlap constraint allows. Pure: no I/O, same input → same output.
 *
 * Text is not measured (there is no font on the server); widths are estimated
 * from a deliberately generous average character width so labels fit.
 *
 * @example
 * const layout = layoutArchitecture(
 *   [{ id: 'iom', label: 'IOM', kind: 'un-entity' }, { id: 'imrf', label: 'IMRF', kind: 'forum' }],
 *   [{ from: 'iom', to: 'imrf', type: 'supports' }],
 * );
 * layout.edges[0].d; // 'M…C…'
 */

export type LayoutNode = { id: string; label: string; kind: string };
export type LayoutEdge = { from: string; to: string; type: string };
export type NodeBox = { id: string; x: number; y: number; width: number; height: number; lines: string[] };
export type EdgePath = { from: string; to: string; type: string; d: string };
export type LayoutColumn = { x: number; width: number; lines: string[] };
export type ArchitectureLayout = {
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
  /** Top of the column headings; their lines follow at `lineHeight` intervals. */
  headingTop: number;
  columns: LayoutColumn[];
  nodes: NodeBox[];
  edges: EdgePath[];
};

/** Kinds per column, left to right; a kind not listed goes to the last column. */
export const DEFAULT_COLUMNS: readonly (readonly string[])[] = [
  ['body', 'forum', 'process'],
  ['un-entity', 'network'],
  ['fund', 'platform', 'report'],
];

export const LAYOUT = {
  fontSize: 13,
  lineHeight: 16,
  /** Average glyph width as a share of the font size; generous for system sans-serif fonts. */
  charWidth: 0.6,
  boxWidth: 190,
  padX: 8,
  padY: 8,
  rowGap: 14,
  columnGap: 150,
  margin: 12,
  /** Room outside the first and last columns for edges between nodes of one column. */
  arcRoom: 36,
  portSpacing: 9,
  lane: 4,
} as const;

type Side = 'l' | 'r';
type Item = { id: string; col: number; height: number; top: number; node?: LayoutNode; lines: string[] };
type Port = { edge: number; end: 'from' | 'to'; other: string };

/** Greedy word wrap to at most `maxChars` per line; over-long words are split. */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of label.split(/\s+/).filter(Boolean)) {
    while (word.length > maxChars) {
      if (line) lines.push(line);
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Lays out nodes and edges; `headings` label the columns. */
export function layoutArchitecture(
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  options: { columns?: readonly (readonly string[])[]; headings?: string[] } = {},
): ArchitectureLayout {
  const L = LAYOUT;
  const columns = options.columns ?? DEFAULT_COLUMNS;
  const ncol = columns.length;
  const colOfKind = (kind: string) => {
    const i = columns.findIndex((kinds) => kinds.includes(kind));
    return i === -1 ? ncol - 1 : i;
  };
  const maxChars = Math.floor((L.boxWidth - 2 * L.padX) / (L.fontSize * L.charWidth));

  const items = new Map<string, Item>();
  const layers: string[][] = Array.from({ length: ncol }, () => []);
  for (const node of nodes) {
    if (items.has(node.id)) continue;
    const col = colOfKind(node.kind);
    items.set(node.id, { id: node.id, col, height: 0, top: 0, node, lines: wrapLabel(node.label, maxChars) });
    layers[col]!.push(node.id);
  }
  const kept = edges.filter((e) => e.from !== e.to && items.has(e.from) && items.has(e.to));

  // Each edge becomes a chain of items; a dummy per skipped column keeps a free lane there.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  const chains = kept.map((e, i) => {
    const a = items.get(e.from)!.col;
    const b = items.get(e.to)!.col;
    const chain = [e.from];
    for (let c = a + Math.sign(b - a); c !== b; c += Math.sign(b - a)) {
      const id = `~${i}~${c}`;
      items.set(id, { id, col: c, height: L.lane, top: 0, lines: [] });
      layers[c]!.push(id);
      chain.push(id);
    }
    chain.push(e.to);
    for (let k = 1; k < chain.length; k++) if (a !== b) link(chain[k - 1]!, chain[k]!);
    return chain;
  });

  // Ports: which side of a box each edge end attaches to.
  const ports = new Map<string, Port[]>();
  const sideOf = (id: string, other: string): Side => {
    const a = items.get(id)!.col;
    const b = items.get(other)!.col;
    if (a === b) return a === 0 ? 'l' : 'r';
    return b > a ? 'r' : 'l';
  };
  chains.forEach((chain, i) => {
    const ends: [string, string, 'from' | 'to'][] = [
      [chain[0]!, chain[1]!, 'from'],
      [chain.at(-1)!, chain.at(-2)!, 'to'],
    ];
    for (const [id, other, end] of ends) {
      const key = `${id}|${sideOf(id, other)}`;
      ports.set(key, [...(ports.get(key) ?? []), { edge: i, end, other }]);
    }
  });
  for (const item of items.values()) {
    if (!item.node) continue;
    const busiest = Math.max(ports.get(`${item.id}|l`)?.length ?? 0, ports.get(`${item.id}|r`)?.length ?? 0);
    item.height = Math.max(item.lines.length * L.lineHeight + 2 * L.padY, (busiest + 1) * L.portSpacing);
  }

  orderLayers(layers, neighbours);
  placeVertically(layers, items, neighbours);

  // Geometry: columns left to right, then normalise so the content starts below the headings.
  const arcs = kept.map((e) => items.get(e.from)!.col === items.get(e.to)!.col);
  const sameColumn = (c: number) => kept.some((e, i) => arcs[i] && items.get(e.from)!.col === c);
  const left = sameColumn(0) ? L.arcRoom : L.margin;
  const colX = (c: number) => left + c * (L.boxWidth + L.columnGap);
  const headingChars = Math.floor((L.boxWidth + 40) / (L.fontSize * 0.62));
  const headingLines = (options.headings ?? []).map((h) => wrapLabel(h, headingChars));
  const headingTop = L.margin;
  const contentTop = headingTop + Math.max(0, ...headingLines.map((h) => h.length)) * L.lineHeight + 12;
  const minTop = Math.min(...[...items.values()].map((i) => i.top));
  for (const item of items.values()) item.top += contentTop - (Number.isFinite(minTop) ? minTop : 0);

  const centre = (id: string) => items.get(id)!.top + items.get(id)!.height / 2;
  const portPoint = new Map<string, [number, number]>();
  for (const [key, list] of ports) {
    const [id, side] = key.split('|') as [string, Side];
    const item = items.get(id)!;
    const x = colX(item.col) + (side === 'r' ? L.boxWidth : 0);
    // Ordered by where the other end lies, so edges leaving one side do not cross each other.
    const sorted = [...list].sort((p, q) => centre(p.other) - centre(q.other) || p.edge - q.edge);
    sorted.forEach((p, k) => {
      portPoint.set(`${p.edge}|${p.end}`, [x, item.top + (item.height * (k + 1)) / (sorted.length + 1)]);
    });
  }

  const n = (v: number) => String(Math.round(v));
  const edgePaths: EdgePath[] = kept.map((e, i) => {
    const chain = chains[i]!;
    const [sx, sy] = portPoint.get(`${i}|from`)!;
    const [tx, ty] = portPoint.get(`${i}|to`)!;
    if (arcs[i]) {
      const out = sx === colX(items.get(e.from)!.col) ? -1 : 1;
      const bulge = out * Math.min(L.arcRoom + 4, 18 + Math.abs(ty - sy) * 0.12);
      return {
        ...e,
        d: `M${n(sx)} ${n(sy)}C${n(sx + bulge)} ${n(sy)} ${n(tx + bulge)} ${n(ty)} ${n(tx)} ${n(ty)}`,
      };
    }
    const dir = Math.sign(items.get(e.to)!.col - items.get(e.from)!.col);
    let d = `M${n(sx)} ${n(sy)}`;
    let [x, y] = [sx, sy];
    for (const id of chain.slice(1)) {
      const item = items.get(id)!;
      const isTarget = id === e.to;
      const nx = isTarget ? tx : colX(item.col) + (dir > 0 ? 0 : L.boxWidth);
      const ny = isTarget ? ty : centre(id);
      const k = (nx - x) / 2;
      d += `C${n(x + k)} ${n(y)} ${n(nx - k)} ${n(ny)} ${n(nx)} ${n(ny)}`;
      [x, y] = [nx, ny];
      if (!isTarget) {
        x = colX(item.col) + (dir > 0 ? L.boxWidth : 0);
        d += `L${n(x)} ${n(y)}`;
      }
    }
    return { ...e, d };
  });

  // Items keep insertion order: the nodes as given (first of any duplicate id), then the dummies.
  const placed = [...items.values()];
  const boxes: NodeBox[] = placed
    .filter((i) => i.node)
    .map((i) => ({
      id: i.id,
      x: colX(i.col),
      y: Math.round(i.top),
      width: L.boxWidth,
      height: Math.round(i.height),
      lines: i.lines,
    }));
  const bottom = Math.max(contentTop, ...placed.map((i) => i.top + i.height));
  const right = colX(ncol - 1) + L.boxWidth + (sameColumn(ncol - 1) && ncol > 1 ? L.arcRoom : L.margin);
  return {
    width: Math.ceil(right),
    height: Math.ceil(bottom + L.margin),
    fontSize: L.fontSize,
    lineHeight: L.lineHeight,
    headingTop,
    columns: Array.from({ length: ncol }, (_, c) => ({
      x: colX(c),
      width: L.boxWidth,
      lines: headingLines[c] ?? [],
    })),
    nodes: boxes,
    edges: edgePaths,
  };
}

/** Number of edge crossings between two adjacent layers (edges given as neighbour lists). */
export function countCrossings(left: string[], right: string[], neighbours: Map<string, string[]>): number {
  const pos = new Map(right.map((id, i) => [id, i]));
  const segments: [number, number][] = [];
  left.forEach((id, i) => {
    for (const other of neighbours.get(id) ?? []) if (pos.has(other)) segments.push([i, pos.get(other)!]);
  });
  let crossings = 0;
  for (let a = 0; a < segments.length; a++) {
    for (let b = a + 1; b < segments.length; b++) {
      const [s, t] = [segments[a]!, segments[b]!];
      if ((s[0] - t[0]) * (s[1] - t[1]) < 0) crossings++;
    }
  }
  return crossings;
}

/** Barycentre sweeps down and up the columns; keeps the ordering with the fewest crossings. */
function orderLayers(layers: string[][], neighbours: Map<string, string[]>): void {
  const total = () =>
    layers.slice(1).reduce((sum, layer, c) => sum + countCrossings(layers[c]!, layer, neighbours), 0);
  const sortBy = (c: number, ref: string[]) => {
    const pos = new Map(ref.map((id, i) => [id, (i + 0.5) / ref.length]));
    const layer = layers[c]!;
    const keyed = layer.map((id, i) => {
      const ps = (neighbours.get(id) ?? []).filter((o) => pos.has(o)).map((o) => pos.get(o)!);
      // Nodes without neighbours there keep their relative place.
      const key = ps.length > 0 ? ps.reduce((a, b) => a + b, 0) / ps.length : (i + 0.5) / layer.length;
      return { id, key, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    layers[c] = keyed.map((k) => k.id);
  };
  let best = layers.map((l) => [...l]);
  let bestCrossings = total();
  for (let sweep = 0; sweep < 4 && bestCrossings > 0; sweep++) {
    for (let c = 1; c < layers.length; c++) sortBy(c, layers[c - 1]!);
    for (let c = layers.length - 2; c >= 0; c--) sortBy(c, layers[c + 1]!);
    const crossings = total();
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, c) => {
    layers[c] = l;
  });
}

/**
 * Moves each item towards the mean height of its neighbours while keeping the
 * column order and gaps: isotonic regression (pool adjacent violators) on the
 * wanted tops, so boxes cannot overlap whatever the wanted positions are.
 */
function placeVertically(
  layers: string[][],
  items: Map<string, Item>,
  neighbours: Map<string, string[]>,
): void {
  const gap = LAYOUT.rowGap;
  for (const layer of layers) {
    let top = 0;
    for (const id of layer) {
      items.get(id)!.top = top;
      top += items.get(id)!.height + gap;
    }
  }
  const centre = (id: string) => items.get(id)!.top + items.get(id)!.height / 2;
  const place = (layer: string[]) => {
    let offset = 0;
    const blocks: { sum: number; count: number; start: number }[] = [];
    const offsets: number[] = [];
    layer.forEach((id, i) => {
      const item = items.get(id)!;
      const ns = neighbours.get(id) ?? [];
      const wanted = ns.length > 0 ? ns.reduce((s, o) => s + centre(o), 0) / ns.length : centre(id);
      offsets.push(offset);
      blocks.push({ sum: wanted - item.height / 2 - offset, count: 1, start: i });
      offset += item.height + gap;
      while (blocks.length > 1) {
        const [prev, last] = [blocks.at(-2)!, blocks.at(-1)!];
        if (prev.sum / prev.count <= last.sum / last.count) break;
        blocks.splice(-2, 2, { sum: prev.sum + last.sum, count: prev.count + last.count, start: prev.start });
      }
    });
    for (const block of blocks) {
      for (let i = block.start; i < block.start + block.count; i++) {
        items.get(layer[i]!)!.top = block.sum / block.count + offsets[i]!;
      }
    }
  };
  for (let pass = 0; pass < 6; pass++) {
    const order = pass % 2 === 0 ? layers : [...layers].reverse();
    for (const layer of order) place(layer);
  }
}
