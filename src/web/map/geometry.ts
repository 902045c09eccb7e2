/**
 * The world map's geometry, projected once per process: Natural Earth 1:110m
 * countries (world-atlas) in the Equal Earth projection, fitted to a fixed
 * 960-unit-wide viewBox, Antarctica left out, coordinates rounded to 0.1 unit
 * and written as relative path commands to keep the page small. States too
 * small for the 110m atlas get a point at their 1:50m centroid instead.
 *
 * @example
 * const geo = worldGeometry();
 * geo.shapes.find((s) => s.id === '076')?.d; // Brazil's outline, "M311.6 282.3l…z"
 * geo.points.get('470'); // Malta's marker position, [x, y]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoProjection, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { MANUAL_LOCATIONS } from './locations.ts';

export const MAP_WIDTH = 960;
const MARGIN = 4;
const ANTARCTICA = '010';
/** Coordinates are kept in tenths of a viewBox unit (0.1 ≈ 0.12 CSS px on a wide screen). */
const SCALE = 10;

export type MapShape = {
  /** ISO 3166-1 numeric code as in the atlas, or null for features without one (e.g. Kosovo). */
  id: string | null;
  d: string;
};

export type MapGeometry = {
  width: number;
  height: number;
  /** Every country outline of the 110m atlas except Antarctica, in atlas order. */
  shapes: MapShape[];
  /** Marker positions for codes not in `shapes`: 1:50m centroids, then the hand-entered table. */
  points: Map<string, [number, number]>;
};

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;
type Ring = [number, number][];

const require = createRequire(import.meta.url);

/** The atlas's countries as GeoJSON, only those `keep` accepts (converting is the slow part). */
function countries(
  file: 'countries-110m.json' | 'countries-50m.json',
  keep: (id: string | undefined) => boolean,
): Feature<Geometry, { name: string }>[] {
  // Read rather than `require`d, so the parsed atlas is not kept in the module cache once projected.
  const topology = JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Countries;
  const object = topology.objects.countries;
  const subset = { ...object, geometries: object.geometries.filter((g) => keep(g.id as string | undefined)) };
  return (feature(topology, subset) as FeatureCollection<Geometry, { name: string }>).features;
}

/** `123` tenths → `"12.3"`, `5` → `".5"`, `-5` → `"-.5"`, `120` → `"12"`. */
function num(tenths: number): string {
  const s = String(tenths / SCALE);
  if (s.startsWith('0.')) return s.slice(1);
  if (s.startsWith('-0.')) return `-${s.slice(2)}`;
  return s;
}

/** A separator is needed before a number unless its minus sign separates it already. */
const sep = (s: string) => (s.startsWith('-') ? s : ` ${s}`);

/**
 * SVG path data for projected rings: each ring an absolute move, then
 * relative lines between points rounded to 0.1, repeated points dropped.
 * Rings that round to fewer than three distinct points are left out.
 *
 * @example
 * ringsToPath([[[0, 0], [10, 0], [10, 10]]]); // "M0 0l10 0 0 10z"
 */
export function ringsToPath(rings: Ring[]): string {
  let out = '';
  for (const ring of rings) {
    const points: [number, number][] = [];
    for (const [x, y] of ring) {
      const p: [number, number] = [Math.round(x * SCALE), Math.round(y * SCALE)];
      const last = points.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
    }
    const first = points[0];
    const last = points.at(-1);
    if (first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
    if (points.length < 3) continue;
    let [px, py] = points[0]!;
    out += `M${num(px)}${sep(num(py))}l`;
    points.slice(1).forEach(([x, y], i) => {
      const dx = num(x - px);
      out += `${i === 0 ? dx : sep(dx)}${sep(num(y - py))}`;
      px = x;
      py = y;
    });
    out += 'z';
  }
  return out;
}

/** Collects the projected rings of a feature through a path context (clipping and resampling included). */
function projectedRings(projection: GeoProjection, f: Feature): Ring[] {
  const rings: Ring[] = [];
  let ring: Ring = [];
  const context = {
    moveTo(x: number, y: number) {
      ring = [[x, y]];
      rings.push(ring);
    },
    lineTo(x: number, y: number) {
      ring.push([x, y]);
    },
    closePath() {},
    arc() {},
  };
  geoPath(projection, context as unknown as CanvasRenderingContext2D)(f);
  return rings;
}

const round = (v: number) => Math.round(v * SCALE) / SCALE;

/** Builds the projected world from the atlas files; `worldGeometry()` keeps one for the process. */
export function buildWorldGeometry(): MapGeometry {
  const land = countries('countries-110m.json', (id) => id !== ANTARCTICA);
  const collection: FeatureCollection = { type: 'FeatureCollection', features: land };
  // Fit the width first to learn the height the projection needs, then fit both with a margin.
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH - 2 * MARGIN, collection);
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const height = Math.ceil(y1 - y0 + 2 * MARGIN);
  projection.fitExtent(
    [
      [MARGIN, MARGIN],
      [MAP_WIDTH - MARGIN, height - MARGIN],
    ],
    collection,
  );

  const shapes: MapShape[] = [];
  for (const f of land) {
    const d = ringsToPath(projectedRings(projection, f));
    if (d) shapes.push({ id: f.id === undefined ? null : String(f.id), d });
  }

  const drawn = new Set(shapes.map((s) => s.id));
  const points = new Map<string, [number, number]>();
  const place = (id: string, lonLat: [number, number]) => {
    const xy = projection(lonLat);
    if (xy && !drawn.has(id) && !points.has(id)) points.set(id, [round(xy[0]), round(xy[1])]);
  };
  const small = countries(
    'countries-50m.json',
    (id) => id !== undefined && id !== ANTARCTICA && !drawn.has(id),
  );
  for (const f of small) place(String(f.id), geoCentroid(f));
  for (const [id, entry] of Object.entries(MANUAL_LOCATIONS)) place(id, entry.lonLat);
  return { width: MAP_WIDTH, height, shapes, points };
}

let cached: MapGeometry | undefined;

/** The projected world, built on first use and kept for the life of the process. */
export function worldGeometry(): MapGeometry {
  cached ??= buildWorldGeometry();
  return cached;
}
