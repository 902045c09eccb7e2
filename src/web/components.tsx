/** @jsxImportSource hono/jsx */
/** Small pieces shared by page templates. */
import type { Child } from 'hono/jsx';
import type { CitationView } from '../features/reference/citations.ts';
import type { PageCtx } from './page.ts';

/** The list of sources a record cites, with document symbols and links. */
export function SourceList({
  ctx,
  sources,
  heading = true,
}: {
  ctx: PageCtx;
  sources: CitationView[];
  heading?: boolean;
}) {
  if (sources.length === 0) return null;
  return (
    <div class="sources">
      {heading ? (
        <strong>{sources.length === 1 ? ctx.t('common.source') : ctx.t('common.sources')}:</strong>
      ) : null}
      <ul>
        {sources.map((s) => (
          <li>
            {s.url ? <a href={s.url}>{s.title}</a> : s.title}
            {s.symbol && !s.title.includes(s.symbol) ? ` (${s.symbol})` : ''}
            {s.locator ? `, ${s.locator}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Marks a record the sources do not confirm. Text, not colour alone. */
export function StatusBadge({ ctx, status }: { ctx: PageCtx; status: string }) {
  if (status !== 'unverified') return null;
  return (
    <span class="badge unverified" title={ctx.t('common.unverifiedHelp')}>
      {ctx.t('common.unverified')}
    </span>
  );
}

export function Notes({ ctx, notes }: { ctx: PageCtx; notes: string | null | undefined }) {
  if (!notes) return null;
  return (
    <p class="sources">
      <strong>{ctx.t('common.notes')}:</strong> {notes}
    </p>
  );
}

/** Links to the JSON and CSV forms of the data on a page. */
export function DataLinks({ ctx, json, csv }: { ctx: PageCtx; json?: string; csv?: string }) {
  return (
    <p class="data-links">
      {json ? <a href={json}>{ctx.t('common.viewJson')}</a> : null}
      {csv ? <a href={csv}>{ctx.t('common.downloadCsv')}</a> : null}
    </p>
  );
}

/** Formats an ISO date for reading, keeping its precision (day, month or year). */
export function formatDate(iso: string, locale: string, precision: 'day' | 'month' | 'year' = 'day'): string {
  const [y, m = '01', d = '01'] = iso.split('-');
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const options: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  // UN documents write dates day-month-year ("19 December 2018"), also in English.
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, options).format(date);
}

/** A table's header row: one column header per label. */
export function ColumnHeads({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th scope="col">{label}</th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A wide table's horizontal scroller. It is focusable and labelled so that
 * keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: Child }) {
  return (
    <section class="table-scroll" aria-label={label} tabindex={0}>
      {children}
    </section>
  );
}
