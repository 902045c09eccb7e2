/** @jsxImportSource hono/jsx */
/**
 * The governance architecture as inline SVG, drawn on the server from the
 * pure layout in `src/domain/architecture-layout.ts`. An image with a title
 * and a description; the page follows it with the same content as text.
 */
import { LAYOUT, layoutArchitecture } from '../../domain/architecture-layout.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import { RELATION_TYPES } from '../reference/schema.ts';
import type { InstitutionView, RelationType, RelationView } from './schemas.ts';

/**
 * Dash pattern first (it must tell the types apart on its own, for readers who
 * do not see the colours and in greyscale print), colour second. Every colour
 * reaches at least 4.5:1 on white.
 */
export const EDGE_STYLES: Record<RelationType, { dash: string | undefined; colour: string; width: number }> =
  {
    coordinates: { dash: undefined, colour: '#0b5cad', width: 2 },
    member_of: { dash: '2 3', colour: '#4a5560', width: 1.5 },
    part_of: { dash: '9 4', colour: '#6b3fa0', width: 1.5 },
    supports: { dash: '12 3 3 3', colour: '#0f7a55', width: 1.5 },
    reports_to: { dash: '5 3', colour: '#8a4b00', width: 1.5 },
    reviews: { dash: '12 3 3 3 3 3', colour: '#b42318', width: 1.5 },
    funds: { dash: '18 4', colour: '#1b1f24', width: 2 },
  };

/** The verb phrase of each relation type, read "from … to" in every language. */
export const RELATION_KEYS: Record<RelationType, MessageKey> = {
  coordinates: 'architecture.relation.coordinates',
  reviews: 'architecture.relation.reviews',
  funds: 'architecture.relation.funds',
  reports_to: 'architecture.relation.reports_to',
  member_of: 'architecture.relation.member_of',
  part_of: 'architecture.relation.part_of',
  supports: 'architecture.relation.supports',
};

const COLUMN_KEYS: MessageKey[] = [
  'architecture.column.bodies',
  'architecture.column.entities',
  'architecture.column.mechanisms',
];
/** Light fills under dark text (#1b1f24): contrast above 12:1 on each. */
const COLUMN_FILLS = ['#e6eef8', '#e8f3ec', '#f8eedf'];
const INK = '#1b1f24';
const LEGEND_ROW = 22;

/** The label a box shows: the short name where there is one. */
export const displayName = (i: { name: string; shortName: string | null }) => i.shortName ?? i.name;

/**
 * The diagram: one box per institution, one arrow per relation, a legend.
 *
 * @example
 * <ArchitectureDiagram ctx={ctx} institutions={institutions} relations={relations} />
 */
export function ArchitectureDiagram({
  ctx,
  institutions,
  relations,
}: {
  ctx: PageCtx;
  institutions: InstitutionView[];
  relations: RelationView[];
}) {
  const { t } = ctx;
  const headings = COLUMN_KEYS.map((k) => t(k));
  const layout = layoutArchitecture(
    institutions.map((i) => ({ id: i.id, label: displayName(i), kind: i.kind })),
    relations.map((r) => ({ from: r.from, to: r.to, type: r.type })),
    { headings },
  );
  const columnOf = new Map(layout.nodes.map((n) => [n.id, layout.columns.findIndex((c) => c.x === n.x)]));
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const types = RELATION_TYPES.filter((type) => relations.some((r) => r.type === type));

  // The legend flows in rows under the drawing, wrapping at the drawing's width.
  const charWidth = LAYOUT.fontSize * LAYOUT.charWidth;
  const legendTop = layout.height + 4;
  let x = LAYOUT.margin;
  let row = 0;
  const legend = types.map((type) => {
    const label = t(RELATION_KEYS[type]);
    const width = 44 + label.length * charWidth + 20;
    if (x + width > layout.width - LAYOUT.margin && x > LAYOUT.margin) {
      x = LAYOUT.margin;
      row++;
    }
    const entry = { type, label, x, y: legendTop + LEGEND_ROW + row * LEGEND_ROW + 12 };
    x += width;
    return entry;
  });
  const height = legendTop + (row + 2) * LEGEND_ROW + 8;
  const contentBottom = layout.height - LAYOUT.margin;
  // Centres a block of lines in a box; 0.95 em below a line's top sits the baseline of a 16px line.
  const baseline = (top: number, boxHeight: number, lines: number, i: number) =>
    Math.round(
      top + (boxHeight - lines * layout.lineHeight) / 2 + i * layout.lineHeight + layout.fontSize * 0.95,
    );

  return (
    <svg
      class="diagram"
      role="img"
      aria-labelledby="arch-title"
      aria-describedby="arch-desc"
      viewBox={`0 0 ${layout.width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
      font-size={layout.fontSize}
    >
      <title id="arch-title">{t('architecture.diagramTitle')}</title>
      <desc id="arch-desc">
        {t('architecture.diagramDesc', {
          institutions: institutions.length,
          relations: relations.length,
          columns: headings.join('; '),
        })}
      </desc>
      <defs>
        {types.map((type) => (
          <marker
            id={`arch-arrow-${type}`}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="9"
            markerHeight="9"
            markerUnits="userSpaceOnUse"
            orient="auto"
          >
            <path d="M0 0L10 5L0 10z" fill={EDGE_STYLES[type].colour} />
          </marker>
        ))}
      </defs>
      {layout.columns.map((col) => (
        <g>
          <rect
            x={col.x - 8}
            y={layout.headingTop - 4}
            width={col.width + 16}
            height={contentBottom - layout.headingTop + 12}
            rx="6"
            fill="#f6f7f9"
          />
          <text x={col.x + col.width / 2} text-anchor="middle" font-weight="700" fill={INK}>
            {col.lines.map((line, i) => (
              <tspan x={col.x + col.width / 2} y={layout.headingTop + (i + 1) * layout.lineHeight - 3}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
      <g fill="none">
        {layout.edges.map((e) => {
          const style = EDGE_STYLES[e.type as RelationType];
          return (
            <path
              d={e.d}
              stroke={style.colour}
              stroke-width={style.width}
              stroke-dasharray={style.dash}
              marker-end={`url(#arch-arrow-${e.type})`}
            />
          );
        })}
      </g>
      {layout.nodes.map((n) => (
        <g data-id={n.id}>
          <title>{names.get(n.id)}</title>
          <rect
            x={n.x}
            y={n.y}
            width={n.width}
            height={n.height}
            rx="4"
            fill={COLUMN_FILLS[columnOf.get(n.id) ?? 0] ?? COLUMN_FILLS[0]}
            stroke="#4a5560"
          />
          <text text-anchor="middle" fill={INK}>
            {n.lines.map((line, i) => (
              <tspan x={n.x + n.width / 2} y={baseline(n.y, n.height, n.lines.length, i)}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
      <text x={LAYOUT.margin} y={legendTop + 14} font-weight="700" fill={INK}>
        {t('architecture.legend')}
      </text>
      {legend.map((entry) => {
        const style = EDGE_STYLES[entry.type];
        return (
          <g>
            <path
              d={`M${entry.x} ${entry.y - 5}h36`}
              stroke={style.colour}
              stroke-width={style.width}
              stroke-dasharray={style.dash}
              marker-end={`url(#arch-arrow-${entry.type})`}
            />
            <text x={entry.x + 44} y={entry.y} fill={INK}>
              {entry.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
