import fs from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { STANCES, type Stance } from '../../domain/stance.ts';
import { type ChoroplethEntry, placeEntries, renderChoropleth } from './choropleth.tsx';
import { buildWorldGeometry, ringsToPath, worldGeometry } from './geometry.ts';
import { MANUAL_LOCATIONS } from './locations.ts';
import { contrastRatio, MAP_BACKGROUND, OUTLINE, relativeLuminance, STANCE_STYLES } from './styles.ts';

type StateRecord = { iso3: string; numeric: string; name: string };
const STATES = JSON.parse(
  fs.readFileSync(new URL('../../../data/reference/states.json', import.meta.url), 'utf8'),
) as StateRecord[];

/** States the 110m atlas lacks: drawn as point markers. */
// biome-ignore format: a block of codes reads better than one per line
const MARKER_STATES = [
  'AND', 'ATG', 'BHR', 'BRB', 'COM', 'CPV', 'DMA', 'FSM', 'GRD', 'KIR', 'KNA', 'LCA', 'LIE', 'MCO', 'MDV',
  'MHL', 'MLT', 'MUS', 'NRU', 'PLW', 'SGP', 'SMR', 'STP', 'SYC', 'TON', 'TUV', 'VAT', 'VCT', 'WSM',
];
/** Known gap: in neither the 110m nor the 50m atlas, so placed from `MANUAL_LOCATIONS`. */
const KNOWN_GAPS = ['TUV'];

const entries = (stanceOf: (i: number) => Stance | null = (i) => STANCES[i % 4]!): ChoroplethEntry[] =>
  STATES.map((s, i) => ({ numeric: s.numeric, iso3: s.iso3, stance: stanceOf(i), label: s.name }));

const render = (list = entries()) =>
  String(renderChoropleth({ entries: list, title: 'Map', description: 'Counts', noDataLabel: 'No data' }));

/** Absolute points of path data written as `M x y l dx dy … z`. */
function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  const tokens = d.match(/[Mlz]|-?(?:\d+(?:\.\d*)?|\.\d+)/g) ?? [];
  let command = '';
  let x = 0;
  let y = 0;
  const numbers: number[] = [];
  for (const token of tokens) {
    if (/^[Mlz]$/.test(token)) {
      command = token;
      continue;
    }
    numbers.push(Number(token));
    if (numbers.length < 2) continue;
    const [a, b] = numbers.splice(0, 2) as [number, number];
    [x, y] = command === 'M' ? [a, b] : [x + a, y + b];
    points.push([x, y]);
  }
  expect(numbers, `dangling number in ${d.slice(0, 40)}`).toEqual([]);
  return points;
}

describe('the world map geometry', () => {
  const geo = worldGeometry();

  it('has 195 States to draw, with unique three-digit numeric codes', () => {
    expect(STATES).toHaveLength(195);
    expect(new Set(STATES.map((s) => s.numeric)).size).toBe(195);
    for (const s of STATES) expect(s.numeric).toMatch(/^\d{3}$/);
  });

  it('draws every State exactly once, as a path or as a marker', () => {
    const { placed, missing } = placeEntries(entries());
    expect(missing).toEqual([]);
    expect(placed).toHaveLength(195);
    const svg = render();
    for (const s of STATES) {
      const drawn = svg.match(new RegExp(`data-iso3="${s.iso3}"`, 'g')) ?? [];
      expect(drawn, s.iso3).toHaveLength(1);
    }
    const markers = placed.filter((p) => p.kind === 'point').map((p) => p.iso3);
    expect(markers.sort()).toEqual(MARKER_STATES);
    expect(svg.match(/<circle [^>]*data-iso3=/g)).toHaveLength(MARKER_STATES.length);
  });

  it('places the States missing from both atlases from the hand-entered table (known gaps)', () => {
    const require = createRequire(import.meta.url);
    const ids = (file: string) =>
      new Set(
        (
          JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as {
            objects: { countries: { geometries: { id?: string }[] } };
          }
        ).objects.countries.geometries.map((g) => g.id),
      );
    const [small, medium] = [ids('countries-110m.json'), ids('countries-50m.json')];
    const gaps = STATES.filter((s) => !small.has(s.numeric) && !medium.has(s.numeric)).map((s) => s.iso3);
    expect(gaps).toEqual(KNOWN_GAPS);
    const numerics = STATES.filter((s) => KNOWN_GAPS.includes(s.iso3)).map((s) => s.numeric);
    expect(Object.keys(MANUAL_LOCATIONS).sort()).toEqual(numerics.sort());
  });

  it('keeps every coordinate finite and inside the viewBox, without Antarctica', () => {
    expect(geo.width).toBe(960);
    expect(geo.height).toBeGreaterThan(300);
    expect(geo.height).toBeLessThanOrEqual(500);
    expect(geo.shapes.some((s) => s.id === '010')).toBe(false);
    for (const shape of geo.shapes) {
      const points = pathPoints(shape.d);
      expect(points.length, `shape ${shape.id}`).toBeGreaterThanOrEqual(3);
      for (const [x, y] of points) {
        expect(Number.isFinite(x) && Number.isFinite(y), `shape ${shape.id}`).toBe(true);
        // Half a unit of slack: the margin is 4 units, rounding moves points by at most 0.05.
        expect(x, `shape ${shape.id}`).toBeGreaterThanOrEqual(-0.5);
        expect(x, `shape ${shape.id}`).toBeLessThanOrEqual(geo.width + 0.5);
        expect(y, `shape ${shape.id}`).toBeGreaterThanOrEqual(-0.5);
        expect(y, `shape ${shape.id}`).toBeLessThanOrEqual(geo.height + 0.5);
      }
    }
    for (const [id, [x, y]] of geo.points) {
      expect(x > 0 && x < geo.width && y > 0 && y < geo.height, `point ${id}`).toBe(true);
    }
  });

  it('draws land that is no listed State as neutral "no data", and a State outside the selection too', () => {
    const svg = render(entries((i) => (i === 0 ? null : 'supports')));
    const noData = svg.slice(svg.indexOf('data-stance="none"'));
    expect(noData).toContain(`data-iso3="${STATES[0]!.iso3}"`);
    // Greenland, Western Sahara, Taiwan, Kosovo … are shapes with no State entry.
    const claimed = new Set(STATES.map((s) => s.numeric));
    const unclaimed = geo.shapes.filter((s) => s.id === null || !claimed.has(s.id));
    expect(unclaimed.length).toBeGreaterThanOrEqual(8);
    expect(placeEntries(entries()).unclaimed).toHaveLength(unclaimed.length);
  });

  it('is deterministic: a fresh build and a second rendering are identical', () => {
    expect(buildWorldGeometry()).toEqual(geo);
    expect(render()).toBe(render());
  });

  it('stays small: the whole map, 195 titles included, under 40 KB gzipped', () => {
    const size = gzipSync(render()).length;
    expect(size).toBeLessThan(40 * 1024);
  });

  it('labels the image with its title and description, and gives every State a tooltip', () => {
    const svg = render();
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="map-title map-desc"/);
    expect(svg).toContain('<title id="map-title">Map</title>');
    expect(svg).toContain('<desc id="map-desc">Counts</desc>');
    expect(svg).toContain('<title>Brazil</title>');
  });
});

describe('ringsToPath', () => {
  it('writes an absolute move, relative lines and a close', () => {
    expect(
      ringsToPath([
        [
          [0, 0],
          [10, 0],
          [10, 10],
        ],
      ]),
    ).toBe('M0 0l10 0 0 10z');
  });
  it('rounds to 0.1, drops repeated points and writes short numbers', () => {
    expect(
      ringsToPath([
        [
          [0.04, 1.26],
          [0.5, 1.3],
          [0.52, 1.31],
          [-0.5, 0],
          [0.04, 1.26],
        ],
      ]),
    ).toBe('M0 1.3l.5 0-1-1.3z');
  });
  it('leaves out rings that round to fewer than three points', () => {
    expect(
      ringsToPath([
        [
          [1, 1],
          [1.01, 1.02],
          [1.02, 1],
        ],
      ]),
    ).toBe('');
  });
});

describe('stance styles', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it.each(STANCES)('%s keeps 3:1 against the background and the white borders', (stance) => {
    const s = STANCE_STYLES[stance];
    const carrier = s.carrier === 'fill' ? s.fill : s.ink;
    expect(contrastRatio(carrier, MAP_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });

  it.each(STANCES.filter((s) => STANCE_STYLES[s].pattern !== 'solid'))(
    '%s: the pattern keeps 3:1 against its own base, so it can be seen',
    (stance) => {
      expect(contrastRatio(STANCE_STYLES[stance].ink, STANCE_STYLES[stance].fill)).toBeGreaterThanOrEqual(3);
    },
  );

  it('outlines swatches and markers at 3:1 or more against the background and every fill', () => {
    expect(contrastRatio(OUTLINE, MAP_BACKGROUND)).toBeGreaterThanOrEqual(3);
    for (const stance of STANCES) {
      expect(contrastRatio(OUTLINE, STANCE_STYLES[stance].fill), stance).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every stance its own pattern, so neighbours differ without colour', () => {
    const patterns = STANCES.map((s) => STANCE_STYLES[s].pattern);
    expect(new Set(patterns).size).toBe(STANCES.length);
  });
});
