/** @jsxImportSource hono/jsx */
/**
 * Pieces of the crosswalk pages: labels of link types, bases and coverage
 * levels; a node as a link to its page; a crosswalk matrix as a table whose
 * cells say the type in a letter and the basis with an asterisk, never by
 * colour alone; one link as a list item with its reason and sources.
 */
import type { CoverageLevel, LinkType } from '../../domain/crosswalk.ts';
import { buildMatrix } from '../../domain/crosswalk.ts';
import { Notes, ScrollRegion, StatusBadge } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import type { CitationView } from '../reference/citations.ts';
import type { CrosswalkLinkView, CrosswalkNodeView } from './schemas.ts';

export const TYPE_KEYS: Record<LinkType, { label: MessageKey; help: MessageKey; symbol: MessageKey }> = {
  overlaps: {
    label: 'crosswalk.type.overlaps',
    help: 'crosswalk.typeHelp.overlaps',
    symbol: 'crosswalk.symbol.overlaps',
  },
  complements: {
    label: 'crosswalk.type.complements',
    help: 'crosswalk.typeHelp.complements',
    symbol: 'crosswalk.symbol.complements',
  },
  related: {
    label: 'crosswalk.type.related',
    help: 'crosswalk.typeHelp.related',
    symbol: 'crosswalk.symbol.related',
  },
};
export const BASIS_KEYS: Record<CrosswalkLinkView['basis'], { label: MessageKey; help: MessageKey }> = {
  official: { label: 'crosswalk.basis.official', help: 'crosswalk.basisHelp.official' },
  curated: { label: 'crosswalk.basis.curated', help: 'crosswalk.basisHelp.curated' },
};
export const LEVEL_KEYS: Record<CoverageLevel, MessageKey> = {
  addressed: 'crosswalk.themes.level.addressed',
  mentioned: 'crosswalk.themes.level.mentioned',
  not_covered: 'crosswalk.themes.level.not_covered',
};

/** `GCM 5 Regular pathways`, linked to the node's page. */
export function NodeLink({
  ctx,
  node,
}: {
  ctx: PageCtx;
  node: Pick<CrosswalkNodeView, 'href' | 'code' | 'shortLabel'>;
}) {
  return (
    <a href={ctx.href(node.href)}>
      {node.code} {node.shortLabel}
    </a>
  );
}

/** The text of a matrix cell: the type's letter, an asterisk when official, and the same in words for screen readers. */
function Cell({ ctx, link }: { ctx: PageCtx; link: CrosswalkLinkView | null }) {
  if (!link) return <td />;
  const { t } = ctx;
  return (
    <td>
      <span aria-hidden="true">
        {t(TYPE_KEYS[link.type].symbol)}
        {link.basis === 'official' ? '*' : ''}
      </span>
      <span class="visually-hidden">
        {t(TYPE_KEYS[link.type].label)}, {t(BASIS_KEYS[link.basis].label)}
      </span>
    </td>
  );
}

/**
 * A matrix of links: a row per node in `rows` (all of them, so that a node
 * without links shows as an empty row), a column per node in `columns` that
 * has at least one of `links`.
 */
export function Matrix({
  ctx,
  id,
  caption,
  rows,
  columns,
  links,
}: {
  ctx: PageCtx;
  id: string;
  caption: string;
  rows: CrosswalkNodeView[];
  columns: CrosswalkNodeView[];
  links: CrosswalkLinkView[];
}) {
  const used = new Set(links.flatMap((l) => [l.from, l.to]));
  const shownColumns = columns.filter((c) => used.has(c.id));
  const rowIds = new Set(rows.map((r) => r.id));
  const mine = links.filter((l) => rowIds.has(l.from) && shownColumns.some((c) => c.id === l.to));
  if (mine.length === 0) return <p>{ctx.t('crosswalk.matrix.empty')}</p>;
  const matrix = buildMatrix(
    rows.map((r) => r.id),
    shownColumns.map((c) => c.id),
    mine,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (
    <ScrollRegion label={caption}>
      <table class="matrix" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('crosswalk.rowHead')}</th>
            {shownColumns.map((c) => (
              <th scope="col" title={c.title}>
                <span aria-hidden="true">{c.code}</span>
                <span class="visually-hidden">
                  {c.code} {c.shortLabel}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((r) => {
            const node = byId.get(r.row)!;
            return (
              <tr>
                <th scope="row">
                  <NodeLink ctx={ctx} node={node} />
                </th>
                {r.cells.map((cell) => (
                  <Cell ctx={ctx} link={cell.link} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** One link in the lists: type and basis in words, the other end, the reason, notes and sources. */
export function LinkItem({
  ctx,
  link,
  other,
}: {
  ctx: PageCtx;
  link: CrosswalkLinkView;
  other: CrosswalkNodeView | undefined;
}) {
  const { t } = ctx;
  return (
    <li id={`link-${link.id}`}>
      <p>
        <strong>{t(TYPE_KEYS[link.type].label)}</strong> ·{' '}
        <span class="badge">{t(BASIS_KEYS[link.basis].label)}</span>{' '}
        {other ? <NodeLink ctx={ctx} node={other} /> : `${link.toCode} ${link.toLabel}`}{' '}
        <StatusBadge ctx={ctx} status={link.status} />
      </p>
      {link.rationale ? <p>{link.rationale}</p> : null}
      <Notes ctx={ctx} notes={link.notes} />
      <InlineSources ctx={ctx} sources={link.sources} />
    </li>
  );
}

/**
 * Sources as one sentence, each linked where it has a URL. Lighter than a list
 * on a page with a hundred links, and inline links need no extra spacing
 * between them (WCAG 2.5.8, inline exception).
 */
export function InlineSources({ ctx, sources }: { ctx: PageCtx; sources: CitationView[] }) {
  if (sources.length === 0) return null;
  return (
    <p class="sources">
      <strong>{sources.length === 1 ? ctx.t('common.source') : ctx.t('common.sources')}:</strong>{' '}
      {sources.map((s, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {s.url ? <a href={s.url}>{s.title}</a> : s.title}
          {s.symbol && !s.title.includes(s.symbol) ? ` (${s.symbol})` : ''}
          {s.locator ? `, ${s.locator}` : ''}
        </>
      ))}
    </p>
  );
}
