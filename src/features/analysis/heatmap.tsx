/** @jsxImportSource hono/jsx */
/**
 * A heat map drawn as inline SVG on the server: one row per objective, one
 * column per key, the count written in every cell. Colour is a second
 * signal only: the number is always there, an empty cell carries a hatch
 * pattern as well as "0", and the page shows the same figures as a table.
 * Pure: the same input always gives the same markup.
 *
 * @example
 * renderHeatmap({ id: 'coverage', title: '…', description: '…',
 *   rows: [{ id: 'gcm-1', label: 'GCM 1' }], columns: [{ key: '002', label: 'Africa' }],
 *   value: (row, col) => 3, legend: { empty: 'No pledge', notApplicable: '' } });
 */

export type HeatmapOptions = {
  id: string;
  title: string;
  description: string;
  rows: { id: string; label: string }[];
  columns: { key: string; label: string }[];
  /** The count of a cell; null where the cell cannot hold any (drawn blank). */
  value: (row: string, column: string) => number | null;
  /** Legend words: the empty cell, and the shade ranges ("{from}–{to}"). */
  legend: { empty: string; range: (from: number, to: number) => string };
};

/**
 * Five shades of one hue, light to dark. The count is written in dark ink on
 * the three light ones and in white on the two dark ones; each pair reaches
 * at least 4.5:1 (WCAG 1.4.3).
 */
export const SHADES = [
  { fill: '#deebf7', ink: '#1b1f24' },
  { fill: '#9ecae1', ink: '#1b1f24' },
  { fill: '#6baed6', ink: '#1b1f24' },
  { fill: '#2171b5', ink: '#ffffff' },
  { fill: '#08306b', ink: '#ffffff' },
] as const;

const CELL_W = 56;
const CELL_H = 22;
const LABEL_W = 64;
const FONT = 12;
const INK = '#1b1f24';
const GRID = '#8c959f';

/** Upper bounds of the five shades for counts 1 … max: equal steps of the maximum, rounded up. */
export function shadeBounds(max: number): number[] {
  if (max <= 0) return [];
  const bounds: number[] = [];
  for (let i = 1; i <= SHADES.length; i++) bounds.push(Math.ceil((max * i) / SHADES.length));
  return [...new Set(bounds)];
}

/** The shade of a positive count (index into SHADES), given the bounds. */
export function shadeOf(n: number, bounds: number[]): number {
  const i = bounds.findIndex((b) => n <= b);
  // With fewer distinct bounds than shades (small maxima), spread them to the darker end.
  const offset = SHADES.length - bounds.length;
  return Math.min(SHADES.length - 1, (i < 0 ? bounds.length - 1 : i) + offset);
}

export function renderHeatmap(o: HeatmapOptions) {
  const maxLabel = Math.max(0, ...o.columns.map((c) => c.label.length));
  // Column labels run at 45°: their height is about their length × the glyph width × sin 45°.
  const top = Math.round(16 + maxLabel * FONT * 0.58 * 0.71);
  const width = LABEL_W + o.columns.length * CELL_W + Math.round(maxLabel * FONT * 0.58 * 0.71) + 8;
  const legendY = top + o.rows.length * CELL_H + 20;
  const height = legendY + CELL_H + 12;
  let max = 0;
  for (const r of o.rows) for (const c of o.columns) max = Math.max(max, o.value(r.id, c.key) ?? 0);
  const bounds = shadeBounds(max);
  const hatch = `${o.id}-empty`;
  const legend: { label: string; fill: string; ink: string }[] = [
    { label: `0 ${o.legend.empty}`, fill: `url(#${hatch})`, ink: INK },
    ...bounds.map((b, i) => {
      const shade = SHADES[shadeOf(b, bounds)]!;
      return { label: o.legend.range(i === 0 ? 1 : bounds[i - 1]! + 1, b), ...shade };
    }),
  ];
  const legendW = 132;
  return (
    <svg
      class="heatmap"
      role="img"
      aria-labelledby={`${o.id}-title`}
      aria-describedby={`${o.id}-desc`}
      viewBox={`0 0 ${Math.max(width, legend.length * legendW)} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
      font-size={FONT}
      data-max={max}
    >
      <title id={`${o.id}-title`}>{o.title}</title>
      <desc id={`${o.id}-desc`}>{o.description}</desc>
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#c4cbd2" stroke-width="2" />
        </pattern>
      </defs>
      <g fill={INK}>
        {o.columns.map((c, ci) => {
          const x = LABEL_W + ci * CELL_W + CELL_W / 2;
          return (
            <text x={x} y={top - 6} transform={`rotate(-45 ${x} ${top - 6})`}>
              {c.label}
            </text>
          );
        })}
      </g>
      {o.rows.map((r, ri) => {
        const y = top + ri * CELL_H;
        return (
          <g data-row={r.id}>
            <text x={LABEL_W - 6} y={y + CELL_H / 2 + FONT * 0.35} text-anchor="end" fill={INK}>
              {r.label}
            </text>
            {o.columns.map((c, ci) => {
              const n = o.value(r.id, c.key);
              const x = LABEL_W + ci * CELL_W;
              if (n === null) {
                return <rect x={x} y={y} width={CELL_W} height={CELL_H} fill="#f6f8fa" stroke={GRID} />;
              }
              const shade = n > 0 ? SHADES[shadeOf(n, bounds)]! : null;
              return (
                <g data-cell={`${r.id} ${c.key}`}>
                  <rect
                    x={x}
                    y={y}
                    width={CELL_W}
                    height={CELL_H}
                    fill={shade ? shade.fill : `url(#${hatch})`}
                    stroke={GRID}
                  />
                  <text
                    x={x + CELL_W / 2}
                    y={y + CELL_H / 2 + FONT * 0.35}
                    text-anchor="middle"
                    fill={shade ? shade.ink : INK}
                    font-weight={n > 0 ? '600' : undefined}
                  >
                    {n}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <g class="legend">
        {legend.map((l, i) => (
          <g>
            <rect
              x={i * legendW}
              y={legendY}
              width={CELL_W / 2}
              height={CELL_H - 6}
              fill={l.fill}
              stroke={GRID}
            />
            <text x={i * legendW + CELL_W / 2 + 6} y={legendY + CELL_H / 2 + 1} fill={INK}>
              {l.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
