/** @jsxImportSource hono/jsx */
/**
 * A line chart of shares (0–100 %) over years, as inline SVG drawn on the
 * server, for the category lens. Lines differ in dash pattern and marker
 * shape as well as colour, and each ends in a text label with its last
 * value, so no reader needs the colours. The page shows the same figures as
 * a table. Pure.
 *
 * @example
 * renderShareChart({ id: 'lens', title: '…', description: '…', years: [2019, 2020],
 *   series: [{ label: 'Specific', values: [0, 0.25] }] });
 */
import { LINE_STYLES, spreadLabels } from '../../web/charts/step-chart.tsx';

export type ShareSeries = { label: string; values: (number | null)[] };

export type ShareChartOptions = {
  id: string;
  title: string;
  description: string;
  years: number[];
  series: ShareSeries[];
  /** Formats the last value beside each line's label. */
  format: (share: number | null) => string;
  /** Formats the axis ticks (0, 0.25 … 1). */
  formatTick: (share: number) => string;
};

/** Three styles that hold in greyscale: solid with circles, dashed with squares, dotted with triangles. */
const STYLES = [LINE_STYLES.supports, LINE_STYLES.opposes, LINE_STYLES.abstains];
const MARKERS = ['circle', 'square', 'triangle'] as const;

const MARGIN = { top: 16, right: 330, bottom: 40, left: 60 };
const FONT = 14;
const INK = '#1b1f24';
const GRID = '#d5dbe1';
const round = (n: number) => Math.round(n * 10) / 10;

function Marker({
  kind,
  x,
  y,
  colour,
}: {
  kind: (typeof MARKERS)[number];
  x: number;
  y: number;
  colour: string;
}) {
  if (kind === 'circle') return <circle cx={x} cy={y} r="4" fill={colour} />;
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width="8" height="8" fill={colour} />;
  return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}H${x - 5}Z`} fill={colour} />;
}

export function renderShareChart(o: ShareChartOptions) {
  const width = 860;
  const height = 300;
  const plot = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const n = o.years.length;
  const x = (i: number) =>
    round(n <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i / (n - 1)) * (plot.right - plot.left));
  const y = (share: number) => round(plot.bottom - share * (plot.bottom - plot.top));
  const lines = o.series.map((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i)} ${y(v)}`;
      pen = true;
    });
    const lastIndex = s.values.findLastIndex((v) => v !== null);
    return { s, si, d, last: lastIndex < 0 ? null : s.values[lastIndex]! };
  });
  const labelYs = spreadLabels(
    lines.map((l) => y(l.last ?? 0)),
    FONT + 3,
    plot.top,
    plot.bottom,
  );
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${o.id}-title`}
      aria-describedby={`${o.id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
      font-size={FONT}
    >
      <title id={`${o.id}-title`}>{o.title}</title>
      <desc id={`${o.id}-desc`}>{o.description}</desc>
      <g fill={INK} text-anchor="end">
        {ticks.map((t) => (
          <g>
            <line x1={plot.left} x2={plot.right} y1={y(t)} y2={y(t)} stroke={GRID} />
            <text x={plot.left - 8} y={y(t) + FONT * 0.35}>
              {o.formatTick(t)}
            </text>
          </g>
        ))}
      </g>
      <g fill={INK} text-anchor="middle">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={INK} />
        {o.years.map((yr, i) => (
          <text x={x(i)} y={plot.bottom + 6 + FONT}>
            {yr}
          </text>
        ))}
      </g>
      {lines.map(({ s, si, d }) => {
        const style = STYLES[si % STYLES.length]!;
        const kind = MARKERS[si % MARKERS.length]!;
        return (
          <g data-series={s.label}>
            <path
              d={d}
              fill="none"
              stroke={style.colour}
              stroke-width={style.width}
              stroke-dasharray={style.dash}
              stroke-linejoin="round"
            />
            {s.values.map((v, i) =>
              v === null ? null : <Marker kind={kind} x={x(i)} y={y(v)} colour={style.colour} />,
            )}
          </g>
        );
      })}
      <g font-weight="600">
        {lines.map(({ s, si, last }, i) => {
          const style = STYLES[si % STYLES.length]!;
          const ly = labelYs[i]!;
          return (
            <g>
              <Marker kind={MARKERS[si % MARKERS.length]!} x={plot.right + 14} y={ly} colour={style.colour} />
              <text x={plot.right + 26} y={round(ly + FONT * 0.35)} fill={style.colour}>
                {`${s.label}: ${o.format(last)}`}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
