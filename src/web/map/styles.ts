/**
 * How each stance looks on the map and in its legend: a colour from the
 * Okabe–Ito colour-blind-safe palette AND a pattern, so that colour is never
 * the only carrier (solid, hatched, dotted, cross-hatched). Also the WCAG
 * contrast arithmetic the tests use to hold these colours to 3:1.
 *
 * @example
 * contrastRatio(STANCE_STYLES.supports.fill, MAP_BACKGROUND); // 5.19
 */
import type { Stance } from '../../domain/stance.ts';

export type PatternKind = 'solid' | 'hatch' | 'dots' | 'crosshatch';

export type StanceStyle = {
  /** The base colour of the area. */
  fill: string;
  /** The colour of the pattern drawn over the base (unused for `solid`). */
  ink: string;
  pattern: PatternKind;
  /**
   * The colour that tells the area apart from the white background and the
   * white borders between countries: the fill, or for the pale "undeclared"
   * the pattern ink.
   */
  carrier: 'fill' | 'ink';
};

/** Page and map background; country borders are drawn in the same white. */
export const MAP_BACKGROUND = '#ffffff';
/** Outlines of legend swatches and point markers. */
export const OUTLINE = '#1b1f24';
/** Land that is not one of the listed States, or outside the chosen region: no data, no pattern. */
export const NO_DATA_FILL = '#d5d9de';

export const STANCE_STYLES: Record<Stance, StanceStyle> = {
  // Okabe–Ito blue, darkened vermillion and reddish purple (darkened to pass 3:1 on white).
  supports: { fill: '#0072b2', ink: '#0072b2', pattern: 'solid', carrier: 'fill' },
  opposes: { fill: '#c25400', ink: '#ffffff', pattern: 'hatch', carrier: 'fill' },
  abstains: { fill: '#b45f93', ink: '#ffffff', pattern: 'dots', carrier: 'fill' },
  // Pale on purpose (nothing declared yet); the dark cross-hatch carries the contrast.
  undeclared: { fill: '#eef0f2', ink: '#5b636d', pattern: 'crosshatch', carrier: 'ink' },
};

/** The `fill` value for a stance: a colour, or a reference to its pattern in `<defs>`. */
export function stancePaint(stance: Stance, idPrefix: string): string {
  return STANCE_STYLES[stance].pattern === 'solid'
    ? STANCE_STYLES[stance].fill
    : `url(#${idPrefix}-${stance})`;
}

/**
 * WCAG 2.x relative luminance of a `#rrggbb` colour.
 *
 * @example
 * relativeLuminance('#ffffff'); // 1
 */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const v = Number.parseInt(h!, 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG contrast ratio of two colours, from 1 to 21.
 *
 * @example
 * contrastRatio('#000000', '#ffffff'); // 21
 */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
