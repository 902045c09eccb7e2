import { describe, expect, it } from 'vitest';
import { CHART_STANCES, niceMax, renderStepChart, type StepPoint, spreadLabels } from './step-chart.tsx';

const point = (date: string, supports: number, opposes: number, abstains: number): StepPoint => ({
  date,
  counts: { supports, opposes, abstains, undeclared: 10 - supports - opposes - abstains },
});

const SERIES: StepPoint[] = [
  point('2017-12-02', 0, 1, 0),
  point('2018-12-19', 6, 2, 1),
  point('2019-01-08', 5, 3, 1),
  point('2023-01-05', 6, 2, 1),
  point('2026-11-28', 6, 2, 1),
];

const OPTIONS = {
  id: 'test',
  title: 'A <title> & more',
  description: 'Described',
  labels: { supports: 'Supports', opposes: 'Opposes', abstains: 'Abstains' },
  start: '2017-01-01',
  end: '2026-11-28',
};

const render = (series = SERIES, options = OPTIONS) => String(renderStepChart(series, options));

/** The numbers of an SVG path, command by command: `M1 2H3V4` → [['M',1,2],['H',3],['V',4]]. */
function commands(d: string): [string, ...number[]][] {
  return [...d.matchAll(/([MHVh])([^MHVh]*)/g)].map((m) => [
    m[1]!,
    ...m[2]!
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
  ]);
}

function linePaths(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<path class="line (\w+)" data-stance="\w+" d="([^"]+)"/g))
    out.set(m[1]!, m[2]!);
  return out;
}

describe('renderStepChart', () => {
  it('is an image with a title and a description, escaped', () => {
    const svg = render();
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="test-title"');
    expect(svg).toContain('aria-describedby="test-desc"');
    expect(svg).toContain('<title id="test-title">A &lt;title&gt; &amp; more</title>');
    expect(svg).toContain('<desc id="test-desc">Described</desc>');
  });

  it('draws one line per stance, each with one step per point of the series, x never going back', () => {
    const paths = linePaths(render());
    expect([...paths.keys()]).toEqual([...CHART_STANCES]);
    for (const d of paths.values()) {
      const cmds = commands(d);
      expect(cmds.filter((c) => c[0] === 'V')).toHaveLength(SERIES.length);
      const xs = cmds.flatMap((c) => (c[0] === 'M' || c[0] === 'H' ? [c[1]!] : []));
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(new Set(xs).size).toBe(xs.length);
    }
    expect(render()).toContain(`data-steps="${SERIES.length}"`);
  });

  it('steps to each count in order: higher counts sit higher (smaller y)', () => {
    const d = linePaths(render()).get('supports')!;
    const ys = commands(d)
      .filter((c) => c[0] === 'V')
      .map((c) => c[1]!);
    // supports: 0, 6, 5, 6, 6
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[2]).toBeGreaterThan(ys[1]!);
    expect(ys[3]).toBe(ys[1]);
    expect(ys[4]).toBe(ys[3]);
  });

  it('labels every line in text with its last value, and labels the axes', () => {
    const svg = render();
    for (const label of ['Supports: 6', 'Opposes: 2', 'Abstains: 1'])
      expect(svg).toContain(`>${label}</text>`);
    for (const year of ['2017', '2018', '2020', '2026']) expect(svg).toContain(`>${year}</text>`);
    for (const tick of ['0', '5', '10']) expect(svg).toMatch(new RegExp(`>${tick}</text>`));
  });

  it('tells lines apart by dash pattern, not by colour alone', () => {
    const svg = render();
    const dashes = [...svg.matchAll(/<path class="line \w+"[^>]*>/g)].map(
      (m) => /stroke-dasharray="([^"]+)"/.exec(m[0])?.[1] ?? 'solid',
    );
    expect(new Set(dashes).size).toBe(3);
  });

  it('draws flat lines for an empty series', () => {
    const paths = linePaths(render([]));
    for (const d of paths.values()) expect(commands(d).filter((c) => c[0] === 'V')).toHaveLength(0);
  });
});

describe('niceMax and spreadLabels', () => {
  it('rounds an axis up to a nice step', () => {
    expect(niceMax(195)).toEqual({ max: 200, step: 50 });
    expect(niceMax(10)).toEqual({ max: 10, step: 5 });
    expect(niceMax(3)).toEqual({ max: 3, step: 1 });
    expect(niceMax(0)).toEqual({ max: 4, step: 1 });
  });

  it('keeps labels apart, in order, within bounds', () => {
    const ys = spreadLabels([100, 102, 300, 101], 15, 0, 305);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(15);
    expect(ys[0]).toBeLessThan(ys[3]!);
    expect(Math.max(...ys)).toBeLessThanOrEqual(305);
  });
});
