/** @jsxImportSource hono/jsx */
/**
 * What the analysis pages share: the GET filter form (date range, region and,
 * on /analysis, the dimension) that works without JavaScript, reading and
 * checking it, the links between the analysis pages, and number formats.
 */
import type { Context } from 'hono';
import { COVERAGE_DIMENSIONS, type CoverageDimension } from '../../domain/coverage.ts';
import type { AppEnv } from '../../http/env.ts';
import { isoDateParam } from '../../http/params.ts';
import { ScrollRegion } from '../../web/components.tsx';
import { type FieldError, FieldMessage, fieldAttrs, HiddenFields } from '../../web/form.tsx';
import type { MessageKey, Translate } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import { registryContext } from '../pledges/service.ts';
import { categoryRows } from './datasets.ts';
import { regionLabel } from './labels.ts';
import { type CoverageResult, pledgeRegions } from './service.ts';

export const FIELDS = {
  by: 'analysis-by',
  from: 'analysis-from',
  to: 'analysis-to',
  region: 'analysis-region',
};

export const DIMENSION_KEYS: Record<CoverageDimension, MessageKey> = {
  region: 'analysis.by.region',
  actorType: 'analysis.by.actorType',
  category: 'analysis.by.category',
  compact: 'analysis.by.compact',
};

/** The dimension as a word inside a sentence ("Pledges per objective and region"). */
export const DIMENSION_WORDS: Record<CoverageDimension, MessageKey> = {
  region: 'analysis.dim.region',
  actorType: 'analysis.dim.actorType',
  category: 'analysis.dim.category',
  compact: 'analysis.dim.compact',
};

/** What the filter chooses: pledges (by announcement date and place) or States (a period and a region). */
export type FilterSubject = 'pledges' | 'states';
const LABELS: Record<FilterSubject, { legend: MessageKey; from: MessageKey; to: MessageKey }> = {
  pledges: { legend: 'analysis.form.legend', from: 'analysis.form.from', to: 'analysis.form.to' },
  states: {
    legend: 'analysis.form.legendStates',
    from: 'analysis.form.periodFrom',
    to: 'analysis.form.periodTo',
  },
};

export type PageFilter = { by: CoverageDimension; from?: string; to?: string; region?: string };

/**
 * Reads the form's values. An empty field means "any"; each invalid value is
 * an error on its own field (naming it), and the filter keeps only what is valid.
 */
export function parseAnalysisFilter(
  raw: { by?: string; from?: string; to?: string; region?: string },
  regions: readonly { code: string }[],
  t: Translate,
  subject: FilterSubject = 'pledges',
): { filter: PageFilter; values: Record<string, string>; errors: FieldError[] } {
  const label = (key: 'from' | 'to') => t(LABELS[subject][key]);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v?.trim()) values[k] = v.trim();
  const errors: FieldError[] = [];
  const filter: PageFilter = { by: 'region' };
  if (values.by) {
    if ((COVERAGE_DIMENSIONS as readonly string[]).includes(values.by))
      filter.by = values.by as CoverageDimension;
    else errors.push({ field: FIELDS.by, label: t('analysis.form.by'), message: t('analysis.error.by') });
  }
  for (const key of ['from', 'to'] as const) {
    const v = values[key];
    if (!v) continue;
    if (isoDateParam.safeParse(v).success) filter[key] = v;
    else errors.push({ field: FIELDS[key], label: label(key), message: t('analysis.error.date') });
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.push({ field: FIELDS.from, label: label('from'), message: t('analysis.error.range') });
    delete filter.from;
    delete filter.to;
  }
  if (values.region) {
    if (regions.some((r) => r.code === values.region)) filter.region = values.region;
    else
      errors.push({
        field: FIELDS.region,
        label: t('analysis.form.region'),
        message: t('analysis.error.region'),
      });
  }
  return { filter, values, errors };
}

/** The GET filter form; `withBy` adds the dimension of the heat map. */
export function FilterForm({
  ctx,
  action,
  values,
  errors,
  regions,
  withBy,
  hidden,
  subject = 'pledges',
}: {
  ctx: PageCtx;
  action: string;
  values: Record<string, string>;
  errors: FieldError[];
  regions: { code: string; label: string }[];
  withBy: boolean;
  subject?: FilterSubject;
  /** Values to carry along (the chosen language). */
  hidden: [string, string][];
}) {
  const { t } = ctx;
  return (
    <form class="filter-form form-controls" method="get" action={action}>
      <fieldset>
        <legend>{t(LABELS[subject].legend)}</legend>
        <HiddenFields values={hidden} />
        <div class="form-row">
          {withBy ? (
            <div class="field">
              <label for={FIELDS.by}>{t('analysis.form.by')}</label>
              <select id={FIELDS.by} name="by" {...fieldAttrs(errors, FIELDS.by)}>
                {COVERAGE_DIMENSIONS.map((d) => (
                  <option value={d} selected={(values.by ?? 'region') === d}>
                    {t(DIMENSION_KEYS[d])}
                  </option>
                ))}
              </select>
              <FieldMessage errors={errors} field={FIELDS.by} />
            </div>
          ) : null}
          {(['from', 'to'] as const).map((key) => (
            <div class="field">
              <label for={FIELDS[key]}>{t(LABELS[subject][key])}</label>
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
          <div class="field">
            <label for={FIELDS.region}>{t('analysis.form.region')}</label>
            <select id={FIELDS.region} name="region" {...fieldAttrs(errors, FIELDS.region)}>
              <option value="">{t('analysis.form.allRegions')}</option>
              {regions.map((r) => (
                <option value={r.code} selected={values.region === r.code}>
                  {r.label}
                </option>
              ))}
            </select>
            <FieldMessage errors={errors} field={FIELDS.region} />
          </div>
        </div>
        <p>
          <button type="submit">{t('analysis.form.apply')}</button>{' '}
          <a href={ctx.href(action)}>{t('analysis.form.reset')}</a>
        </p>
      </fieldset>
    </form>
  );
}

/** Links between the analysis pages; the current one is marked. */
export function AnalysisNav({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  const pages: [string, MessageKey][] = [
    ['/analysis', 'analysis.nav.coverage'],
    ['/analysis/categories', 'analysis.nav.categories'],
    ['/analysis/support', 'analysis.nav.support'],
    ['/analysis/crosswalk', 'analysis.nav.crosswalk'],
    ['/analysis/themes', 'analysis.nav.themes'],
  ];
  return (
    <nav aria-label={t('analysis.nav.label')} class="contents">
      <ul>
        {pages.map(([path, key]) => (
          <li>
            <a href={ctx.href(path)} aria-current={ctx.path === path ? 'page' : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A share as a percentage with one decimal (the API's three decimals, exactly); "—" for none. */
export function formatShare(share: number | null, locale: string): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** A whole number in the reader's locale. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** The filter as a sentence ("Pledges announced from … to …, placed in Africa"). */
export function filterSentence(
  ctx: PageCtx,
  filter: { from?: string; to?: string; region?: string },
  regionName: (code: string) => string,
  undated: { undated: number; undatedExcluded: number },
): string {
  const { t } = ctx;
  const parts: string[] = [];
  if (filter.from && filter.to)
    parts.push(t('analysis.filter.between', { from: filter.from, to: filter.to }));
  else if (filter.from) parts.push(t('analysis.filter.from', { from: filter.from }));
  else if (filter.to) parts.push(t('analysis.filter.to', { to: filter.to }));
  else parts.push(t('analysis.filter.all'));
  if (filter.region) parts.push(t('analysis.filter.region', { region: regionName(filter.region) }));
  const ranged = Boolean(filter.from || filter.to);
  parts.push(
    ranged
      ? t('analysis.filter.undatedExcluded', { n: undated.undatedExcluded })
      : t('analysis.filter.undatedIncluded', { n: undated.undated }),
  );
  return parts.join(' ');
}

/** The per-category summary (also on the category lens page). */
export function CategoriesTable({ ctx, result, id }: { ctx: PageCtx; result: CoverageResult; id: string }) {
  const { t, locale } = ctx;
  const caption = t('analysis.categories.caption');
  return (
    <ScrollRegion label={caption}>
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.category')}</th>
            <th scope="col" class="num">
              {t('analysis.col.objectives')}
            </th>
            <th scope="col" class="num">
              {t('analysis.col.pledges')}
            </th>
            <th scope="col" class="num">
              {t('analysis.col.median')}
            </th>
            <th scope="col" class="num">
              {t('analysis.col.fulfilled')}
            </th>
            <th scope="col" class="num">
              {t('analysis.col.overdue')}
            </th>
            <th scope="col" class="num">
              {t('analysis.col.stale')}
            </th>
          </tr>
        </thead>
        <tbody>
          {categoryRows(result).map((c) => (
            <tr data-category={c.category}>
              <th scope="row">{c.name}</th>
              <td class="num" data-field="objectives">
                {c.objectives}
              </td>
              <td class="num" data-field="pledges">
                {c.pledges}
              </td>
              <td class="num" data-field="medianObjectivePledges">
                {c.medianObjectivePledges ?? '—'}
              </td>
              <td class="num" data-field="fulfilledShare">
                {formatShare(c.fulfilledShare, locale)}
              </td>
              <td class="num" data-field="overdueShare">
                {formatShare(c.overdueShare, locale)}
              </td>
              <td class="num" data-field="staleShare">
                {formatShare(c.staleShare, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The regions a pledge filter offers, named for the reader. */
export async function regionChoices(c: Context<AppEnv>, ctx: PageCtx) {
  const context = await registryContext(c.var.deps.db);
  return pledgeRegions(context.regions).map((r) => ({
    code: r.code,
    label: regionLabel(ctx.t, context, r.code),
  }));
}

/** The form's raw values from the query string. */
export const rawFilter = (c: Context<AppEnv>) => ({
  by: c.req.query('by'),
  from: c.req.query('from'),
  to: c.req.query('to'),
  region: c.req.query('region'),
});

export const langHidden = (c: Context<AppEnv>, ctx: PageCtx): [string, string][] =>
  c.get('explicitLocale') ? [['lang', ctx.locale]] : [];
