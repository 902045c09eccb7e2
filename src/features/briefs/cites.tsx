/** @jsxImportSource hono/jsx */
/**
 * What every section of the country brief shares: its props, numbers in the
 * reader's locale, figures tagged with their path in the brief's JSON
 * (`data-figure`), and citation markers that link to the numbered references.
 */
import type { PageCtx } from '../../web/page.ts';
import type { BriefCite, StateBrief } from './schemas.ts';

export type SectionProps = { ctx: PageCtx; brief: StateBrief; name: string };

export const fmt = (ctx: PageCtx, n: number) => new Intl.NumberFormat(ctx.locale).format(n);

/** A figure of the page, tagged with its place in the brief's JSON. */
export function Figure({ ctx, path, value }: { ctx: PageCtx; path: string; value: number }) {
  return <span data-figure={path}>{fmt(ctx, value)}</span>;
}

/** Citation markers: `[1; 4, para. 15]`, each number a link to its reference. */
export function Cites({ ctx, cites }: { ctx: PageCtx; cites: BriefCite[] }) {
  if (cites.length === 0) return null;
  const seen = new Set<string>();
  const unique = cites.filter((c) => {
    const key = `${c.ref} ${c.locator ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <span class="cites">
      <span class="visually-hidden">{ctx.t('brief.sourcesOf')} </span>[
      {unique.map((c, i) => (
        <>
          {i > 0 ? '; ' : ''}
          <a href={`#ref-${c.ref}`}>{c.ref}</a>
          {c.locator ? `, ${c.locator}` : ''}
        </>
      ))}
      ]
    </span>
  );
}
