/** @jsxImportSource hono/jsx */
/**
 * A choropleth world map of stances as inline SVG, rendered on the server:
 * one path per State in the 110m atlas, one outlined circle per State too
 * small for it, land that is no listed State in a neutral grey. Fills are
 * colour plus pattern (see `styles.ts`). Titles on shapes are tooltips only;
 * the page must give the same facts as text (a table).
 */
import { STANCES, type Stance } from '../../domain/stance.ts';
import { type MapGeometry, worldGeometry } from './geometry.ts';
import { NO_DATA_FILL, OUTLINE, STANCE_STYLES, stancePaint } from './styles.ts';

export type ChoroplethEntry = {
  /** ISO 3166-1 numeric code, three digits (`"076"`): the key into the atlas. */
  numeric: string;
  iso3: string;
  /** `null` draws the State as "no data", e.g. when it is outside the chosen region. */
  stance: Stance | null;
  /** The tooltip, e.g. "Brazil: opposes since 8 January 2019". */
  label: string;
};

export type PlacedEntry = ChoroplethEntry &
  ({ kind: 'shape'; d: string } | { kind: 'point'; x: number; y: number });

const MARKER_RADIUS = 3.2;

/**
 * Where each State is drawn: as its outline when the 110m atlas has one,
 * otherwise as a point; `missing` lists the States with neither.
 *
 * @example
 * placeEntries([{ numeric: '470', iso3: 'MLT', stance: 'supports', label: 'Malta' }]).placed[0]?.kind; // 'point'
 */
export function placeEntries(
  entries: ChoroplethEntry[],
  geometry: MapGeometry = worldGeometry(),
): { placed: PlacedEntry[]; missing: ChoroplethEntry[]; unclaimed: string[] } {
  const byId = new Map(entries.map((e) => [e.numeric, e]));
  const placed: PlacedEntry[] = [];
  const unclaimed: string[] = [];
  for (const shape of geometry.shapes) {
    const entry = shape.id === null ? undefined : byId.get(shape.id);
    if (entry) placed.push({ ...entry, kind: 'shape', d: shape.d });
    else unclaimed.push(shape.d);
  }
  const onMap = new Set(placed.map((p) => p.numeric));
  const missing: ChoroplethEntry[] = [];
  for (const entry of entries) {
    if (onMap.has(entry.numeric)) continue;
    const xy = geometry.points.get(entry.numeric);
    if (xy) placed.push({ ...entry, kind: 'point', x: xy[0], y: xy[1] });
    else missing.push(entry);
  }
  return { placed, missing, unclaimed };
}

/**
 * The pattern tile of a stance, for `<defs>`; null for a solid fill. Tiles are
 * in the user units of the SVG that uses them, so map and swatches match.
 */
export function StancePattern({ stance, id }: { stance: Stance; id: string }) {
  const s = STANCE_STYLES[stance];
  if (s.pattern === 'solid') return null;
  const size = s.pattern === 'crosshatch' ? 5 : 4;
  return (
    <pattern
      id={id}
      patternUnits="userSpaceOnUse"
      width={size}
      height={size}
      patternTransform={s.pattern === 'dots' ? undefined : 'rotate(45)'}
    >
      <rect width={size} height={size} fill={s.fill} />
      {s.pattern === 'hatch' ? <path d="M2 0V4" stroke={s.ink} stroke-width="1.4" /> : null}
      {s.pattern === 'dots' ? <circle cx="2" cy="2" r="1" fill={s.ink} /> : null}
      {s.pattern === 'crosshatch' ? <path d="M2.5 0V5M0 2.5H5" stroke={s.ink} stroke-width=".7" /> : null}
    </pattern>
  );
}

/**
 * A legend swatch: the stance's fill and pattern in an outlined box, hidden
 * from assistive technology (the text beside it says the same). `stance`
 * null draws the "no data" swatch.
 *
 * @example
 * <StanceSwatch stance="opposes" id="legend-opposes" />
 */
export function StanceSwatch({ stance, id }: { stance: Stance | null; id: string }) {
  const paint = stance
    ? STANCE_STYLES[stance].pattern === 'solid'
      ? STANCE_STYLES[stance].fill
      : `url(#${id})`
    : NO_DATA_FILL;
  return (
    <svg class="swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">
      {stance ? (
        <defs>
          <StancePattern stance={stance} id={id} />
        </defs>
      ) : null}
      <rect x=".5" y=".5" width="23" height="15" fill={paint} stroke={OUTLINE} />
    </svg>
  );
}

export type ChoroplethProps = {
  entries: ChoroplethEntry[];
  /** Short name of the map (the SVG `<title>`). */
  title: string;
  /** What the map shows, in words: the counts per stance (the SVG `<desc>`). */
  description: string;
  /** Tooltip of land that is no listed State. */
  noDataLabel: string;
  /** Prefix of the SVG's element ids; unique per page. */
  idPrefix?: string;
};

/**
 * The map as an SVG image labelled by its title and description.
 *
 * @example
 * renderChoropleth({ entries, title: 'Positions on the GCM', description: '152 support, …', noDataLabel: 'No data' });
 */
export function renderChoropleth({
  entries,
  title,
  description,
  noDataLabel,
  idPrefix = 'map',
}: ChoroplethProps) {
  const geometry = worldGeometry();
  const { placed, unclaimed } = placeEntries(entries, geometry);
  const groups: (Stance | null)[] = [null, ...STANCES];
  const paintOf = (stance: Stance | null) => (stance ? stancePaint(stance, idPrefix) : NO_DATA_FILL);
  const shapes = (stance: Stance | null) =>
    placed.filter(
      (p): p is Extract<PlacedEntry, { kind: 'shape' }> => p.kind === 'shape' && p.stance === stance,
    );
  const points = (stance: Stance | null) =>
    placed.filter(
      (p): p is Extract<PlacedEntry, { kind: 'point' }> => p.kind === 'point' && p.stance === stance,
    );
  return (
    <svg
      class="map"
      role="img"
      aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}
      viewBox={`0 0 ${geometry.width} ${geometry.height}`}
      width={geometry.width}
      height={geometry.height}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{description}</desc>
      <defs>
        {STANCES.map((s) => (
          <StancePattern stance={s} id={`${idPrefix}-${s}`} />
        ))}
      </defs>
      {/* White borders between countries: every stance fill keeps 3:1 against them. */}
      <g stroke="#fff" stroke-width=".5" stroke-linejoin="round">
        <g fill={NO_DATA_FILL}>
          {unclaimed.map((d) => (
            <path d={d}>
              <title>{noDataLabel}</title>
            </path>
          ))}
        </g>
        {groups.map((stance) => (
          <g fill={paintOf(stance)} data-stance={stance ?? 'none'}>
            {shapes(stance).map((p) => (
              <path d={p.d} data-iso3={p.iso3}>
                <title>{p.label}</title>
              </path>
            ))}
          </g>
        ))}
      </g>
      {/* Markers last, on top of larger neighbours (San Marino, Holy See inside Italy). */}
      <g stroke={OUTLINE} stroke-width=".8">
        {groups.map((stance) => (
          <g fill={paintOf(stance)} data-stance={stance ?? 'none'}>
            {points(stance).map((p) => (
              <circle cx={p.x} cy={p.y} r={MARKER_RADIUS} data-iso3={p.iso3}>
                <title>{p.label}</title>
              </circle>
            ))}
          </g>
        ))}
      </g>
    </svg>
  );
}
