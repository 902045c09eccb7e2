/** @jsxImportSource hono/jsx */
/**
 * "Changes of stance" on the positions page: a GET filter form (compact,
 * from, to) and the changes, in the order and with the filters of
 * `GET /api/v1/positions/changes`.
 */
import { COMPACT_IDS, type CompactId, isoDateParam } from '../../http/params.ts';
import { ColumnHeads, ScrollRegion } from '../../web/components.tsx';
import { type FieldError, FieldMessage, fieldAttrs, HiddenFields } from '../../web/form.tsx';
import type { Translate } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import type { CitationView } from '../reference/citations.ts';
import { COMPACT_KEYS, DateAt, STANCE_KEYS } from './components.tsx';
import type { ChangeView } from './schemas.ts';

export type ChangesFilter = { compact?: CompactId; from?: string; to?: string };
const FIELDS = { compact: 'changes-compact', from: 'changes-from', to: 'changes-to' } as const;

/**
 * Reads the filter the form sends. Empty fields mean "any", not invalid input;
 * each invalid value is an error on its own field, and the filter keeps only
 * what is valid.
 */
export function parseChangesFilter(
  raw: Partial<Record<keyof ChangesFilter, string>>,
  t: Translate,
): { filter: ChangesFilter; values: Record<string, string>; errors: FieldError[] } {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v?.trim()) values[k] = v.trim();
  const errors: FieldError[] = [];
  const filter: ChangesFilter = {};
  if (values.compact) {
    if ((COMPACT_IDS as readonly string[]).includes(values.compact))
      filter.compact = values.compact as CompactId;
    else
      errors.push({
        field: FIELDS.compact,
        label: t('positions.compactLabel'),
        message: t('positions.error.compact'),
      });
  }
  for (const key of ['from', 'to'] as const) {
    const v = values[key];
    if (!v) continue;
    if (isoDateParam.safeParse(v).success) filter[key] = v;
    else
      errors.push({ field: FIELDS[key], label: t(`positions.${key}`), message: t('positions.error.date') });
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.push({ field: FIELDS.from, label: t('positions.from'), message: t('positions.error.range') });
  }
  return { filter, values, errors };
}

/** The API address of the same list (`format=csv` for the CSV twin). */
export function changesApiUrl(filter: ChangesFilter, format?: 'csv'): string {
  const q = new URLSearchParams();
  if (filter.compact) q.set('compact', filter.compact);
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  q.set('limit', '500');
  if (format) q.set('format', format);
  return `/api/v1/positions/changes?${q.toString()}`;
}

/** The GET filter form (compact, from, to), with each error beside its field. */
export function ChangesForm({
  ctx,
  values,
  errors,
  hidden,
}: {
  ctx: PageCtx;
  values: Record<string, string>;
  errors: FieldError[];
  hidden: [string, string][];
}) {
  const { t } = ctx;
  return (
    <form class="filter-form form-controls" method="get" action="/positions#changes">
      <fieldset>
        <legend>{t('positions.filter')}</legend>
        <HiddenFields values={hidden} />
        <div class="form-row">
          <div class="field">
            <label for={FIELDS.compact}>{t('positions.compactLabel')}</label>
            <select id={FIELDS.compact} name="compact" {...fieldAttrs(errors, FIELDS.compact)}>
              <option value="">{t('positions.allCompacts')}</option>
              {COMPACT_IDS.map((k) => (
                <option value={k} selected={values.compact === k}>
                  {t(COMPACT_KEYS[k])}
                </option>
              ))}
            </select>
            <FieldMessage errors={errors} field={FIELDS.compact} />
          </div>
          {(['from', 'to'] as const).map((key) => (
            <div class="field">
              <label for={FIELDS[key]}>{t(`positions.${key}`)}</label>
              <input
                type="date"
                id={FIELDS[key]}
                name={key}
                value={values[key] ?? ''}
                {...fieldAttrs(errors, FIELDS[key])}
              />
              <FieldMessage errors={errors} field={FIELDS[key]} />
            </div>
          ))}
        </div>
        <p>
          <button type="submit">{t('positions.apply')}</button>{' '}
          <a href={ctx.href('/positions#changes')}>{t('positions.reset')}</a>
        </p>
      </fieldset>
    </form>
  );
}

/**
 * Sources run on in one line: hundreds of rows cite the same vote records, and
 * a list per row would make the table many screens long.
 */
function InlineSources({ sources }: { sources: CitationView[] }) {
  if (sources.length === 0) return null;
  return (
    <span class="sources">
      {' — '}
      {sources.map((s, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {s.url ? <a href={s.url}>{s.title}</a> : s.title}
          {s.symbol && !s.title.includes(s.symbol) ? ` (${s.symbol})` : ''}
          {s.locator ? `, ${s.locator}` : ''}
        </>
      ))}
    </span>
  );
}

/** The changes as a table: date, State, compact, from → to, the event and its sources. */
export function ChangesTable({
  ctx,
  changes,
  caption,
}: {
  ctx: PageCtx;
  changes: ChangeView[];
  caption: string;
}) {
  const { t } = ctx;
  if (changes.length === 0) return <p>{t('positions.noChanges')}</p>;
  return (
    <ScrollRegion label={caption}>
      <table class="changes">
        <caption class="visually-hidden">{caption}</caption>
        <ColumnHeads
          labels={[
            t('common.date'),
            t('positions.state'),
            t('positions.compactLabel'),
            t('positions.change'),
            t('positions.event'),
          ]}
        />
        <tbody>
          {changes.map((c) => (
            <tr data-event={c.event.id}>
              <td>
                <DateAt ctx={ctx} iso={c.date} precision={c.datePrecision} />
              </td>
              <td>
                <a href={ctx.href(`/states/${c.iso3}`)}>{c.name}</a>
              </td>
              <td>{c.compact.toUpperCase()}</td>
              <td>
                {t(STANCE_KEYS[c.from])} → {t(STANCE_KEYS[c.to])}
              </td>
              <td>
                {c.event.title}
                <InlineSources sources={c.event.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
