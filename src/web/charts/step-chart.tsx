/** @jsxImportSource hono/jsx */
/**
 * A step chart of stance counts over time, drawn as inline SVG on the server.
 * Pure: the same series and options always give the same markup, and no
 * JavaScript runs in the browser. The page that shows it also shows a table
 * of the same series, so every figure stays readable as text.
 *
 * @example
 * renderStepChart(series, {
 *   id: 'gcm', title: 'GCM', description: '…', start: '2017-01-01', end: '2026-11-28',
 *   labels: { supports: 'Supports', opposes: 'Opposes', abstains: 'Abstains' },
 * });
 */

/** The stances drawn as lines. Undeclared is left to the table: it would only mirror the others. */
export const CHART_STANCES = ['supports', 'opposes', 'abstains'] as const;
export type ChartStance = (typeof CHART_STANCES)[number];

export type StepPoint = { date: string; counts: Record<ChartStance | 'undeclared', number> };

export type StepChartOptions = {
  /** Prefix for element ids; unique on the page. */
  id: string;
  title: string;
  description: string;
  /** Direct labels at the end of each line (text, so the lines never rely on colour alone). */
  labels: Record<ChartStance, string>;
  /** First and last day of the x axis (ISO dates). */
  start: string;
  end: string;
  width?: number;
  height?: number;
};

/**
 * Line style first (solid, dashed, dotted tell the lines apart in greyscale
 * and for readers who do not see colour), colour second. Each colour reaches
 * at least 4.5:1 on white, so the labels drawn in it are readable text.
 */
export const LINE_STYLES: Record<ChartStance, { colour: string; dash: string | undefined; width: number }> = {
  supports: { colour: '#0b5cad', dash: undefined, width: 3 },
  opposes: { colour: '#b42318', dash: '9 5', width: 2.5 },
  abstains: { colour: '#8a4b00', dash: '2 4', width: 2.5 },
};

const MARGIN = { top: 16, right: 150, bottom: 40, left: 48 };
const FONT_SIZE = 14;
/** Labels closer than this (in SVG units) are pushed apart so they never overlap. */
const LABEL_GAP = FONT_SIZE + 3;
const INK = '#1b1f24';
const GRID = '#d5dbe1';

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const round = (n: number) => Math.round(n * 10) / 10;

/** The smallest axis maximum ≥ max in whole steps of 1, 2 or 5 times a power of ten (counts are whole). */
export function niceMax(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 };
  const raw = max / ticks;
  const power = Math.max(1, 10 ** Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return { max: Math.ceil(max / step) * step, step };
}

/** Moves labels apart vertically, keeping their order, so that no two are closer than `gap`. */
export function spreadLabels(ys: number[], gap: number, min: number, max: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  }
  // If the last label went past the bottom, push the stack back up.
  const overflow = (order.at(-1)?.y ?? 0) - max;
  if (overflow > 0) for (const o of order) o.y -= overflow;
  for (let k = order.length - 2; k >= 0; k--) {
    order[k]!.y = Math.min(order[k]!.y, order[k + 1]!.y - gap);
  }
  if ((order[0]?.y ?? min) < min) {
    const shift = min - order[0]!.y;
    for (const o of order) o.y += shift;
  }
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}

/**
 * The chart as an `<svg role="img">` with a `<title>` and `<desc>`. Before the
 * first point every drawn stance counts 0; each point of the series adds one
 * step (a horizontal run to its date, then a vertical move to its count) on
 * every line, and the lines run on to `end`.
 */
export function renderStepChart(series: StepPoint[], options: StepChartOptions) {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const plot = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const total = series[0]
    ? Object.values(series[0].counts).reduce((a, b) => a + b, 0)
    : Math.max(0, ...series.flatMap((p) => CHART_STANCES.map((s) => p.counts[s])));
  const yAxis = niceMax(total);
  const t0 = dayNumber(options.start);
  const t1 = Math.max(dayNumber(options.end), t0 + 1);
  const x = (iso: string) => {
    const t = Math.min(Math.max(dayNumber(iso), t0), t1);
    return round(plot.left + ((t - t0) / (t1 - t0)) * (plot.right - plot.left));
  };
  const y = (n: number) => round(plot.bottom - (n / yAxis.max) * (plot.bottom - plot.top));

  const paths = CHART_STANCES.map((stance) => {
    let d = `M${x(options.start)} ${y(0)}`;
    for (const p of series) d += `H${x(p.date)}V${y(p.counts[stance])}`;
    // The last point is usually the end date itself; only a later end adds a run.
    if ((series.at(-1)?.date ?? options.start) < options.end) d += `H${x(options.end)}`;
    return { stance, d, last: series.at(-1)?.counts[stance] ?? 0 };
  });
  const labelYs = spreadLabels(
    paths.map((p) => y(p.last)),
    LABEL_GAP,
    plot.top,
    plot.bottom,
  );

  const firstYear = Number(options.start.slice(0, 4));
  const lastYear = Number(options.end.slice(0, 4));
  const years: string[] = [];
  for (let yr = firstYear; yr <= lastYear; yr++) {
    const iso = `${yr}-01-01`;
    if (iso >= options.start) years.push(iso);
  }
  const yTicks: number[] = [];
  for (let v = 0; v <= yAxis.max; v += yAxis.step) yTicks.push(v);
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;

  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
      font-size={FONT_SIZE}
      data-steps={series.length}
    >
      <title id={titleId}>{options.title}</title>
      <desc id={descId}>{options.description}</desc>
      <g class="y-axis" fill={INK} text-anchor="end">
        {yTicks.map((v) => (
          <g>
            <line x1={plot.left} x2={plot.right} y1={y(v)} y2={y(v)} stroke={GRID} />
            <text x={plot.left - 8} y={y(v) + FONT_SIZE * 0.35}>
              {v}
            </text>
          </g>
        ))}
      </g>
      <g class="x-axis" fill={INK} text-anchor="middle">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={INK} />
        {years.map((iso) => (
          <g>
            <line x1={x(iso)} x2={x(iso)} y1={plot.bottom} y2={plot.bottom + 6} stroke={INK} />
            <text x={x(iso)} y={plot.bottom + 6 + FONT_SIZE}>
              {iso.slice(0, 4)}
            </text>
          </g>
        ))}
      </g>
      <g fill="none" stroke-linejoin="round">
        {paths.map((p) => {
          const style = LINE_STYLES[p.stance];
          return (
            <path
              class={`line ${p.stance}`}
              data-stance={p.stance}
              d={p.d}
              stroke={style.colour}
              stroke-width={style.width}
              stroke-dasharray={style.dash}
              stroke-linecap={style.dash ? 'round' : 'butt'}
            />
          );
        })}
      </g>
      <g class="labels" font-weight="600">
        {paths.map((p, i) => {
          const style = LINE_STYLES[p.stance];
          const ly = labelYs[i]!;
          return (
            <g data-stance={p.stance}>
              {/* A short sample of the line's own style ties the label to its line. */}
              <path
                d={`M${plot.right + 6} ${ly}h22`}
                stroke={style.colour}
                stroke-width={style.width}
                stroke-dasharray={style.dash}
                stroke-linecap={style.dash ? 'round' : 'butt'}
                fill="none"
              />
              <text x={plot.right + 34} y={round(ly + FONT_SIZE * 0.35)} fill={style.colour}>
                {`${options.labels[p.stance]}: ${p.last}`}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
