/** @jsxImportSource hono/jsx */
/**
 * `GET /analysis/categories`: the category lens. For each WMR 2020 category,
 * year by year: pledges announced and accumulated, progress updates
 * reported, pledges reporting, and the share fulfilled at the year's end —
 * a chart of the fulfilled share and the full table, both from the rows of
 * `GET /api/v1/analysis/categories`; then today's summary per category from
 * the coverage analysis. Whether the contested and the aspirational
 * objectives lag is for the reader to judge from these figures.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { DataLinks, ScrollRegion } from '../../web/components.tsx';
import { ErrorSummary } from '../../web/form.tsx';
import { en } from '../../web/i18n/en.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { pageCtx } from '../../web/page.ts';
import {
  AnalysisNav,
  CategoriesTable,
  FilterForm,
  filterSentence,
  formatShare,
  langHidden,
  parseAnalysisFilter,
  rawFilter,
  regionChoices,
} from './components.tsx';
import { analysisApiUrl, lensRows } from './datasets.ts';
import { regionLabel } from './labels.ts';
import { renderShareChart } from './line-chart.tsx';
import { categoryLensAnalysis, coverageAnalysis } from './service.ts';

/** Handles `GET /analysis/categories`. */
export async function categoryLensPage(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t, locale } = ctx;
  const regions = await regionChoices(c, ctx);
  const { by: _, ...raw } = rawFilter(c);
  const { filter, values, errors } = parseAnalysisFilter(raw, regions, t);
  const title = t('analysis.lens.title');
  const form = (
    <FilterForm
      ctx={ctx}
      action="/analysis/categories"
      values={values}
      errors={errors}
      regions={regions}
      withBy={false}
      hidden={langHidden(c, ctx)}
    />
  );
  if (errors.length > 0) {
    return c.html(
      <Layout ctx={ctx} title={t('analysis.errorTitle', { title })}>
        <h1>{title}</h1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <AnalysisNav ctx={ctx} />
        {form}
      </Layout>,
      400,
    );
  }
  const today = todayIso();
  const range = { from: filter.from, to: filter.to, region: filter.region };
  const [lens, coverage] = await Promise.all([
    categoryLensAnalysis(c.var.deps.db, range, today),
    coverageAnalysis(c.var.deps.db, 'category', range, today),
  ]);
  const rows = lensRows(lens);
  const categories = lens.labels.categories;
  const shortName = (id: string, position: number) => {
    const key = `analysis.categoryShort.${id}`;
    return key in en ? t(key as MessageKey) : t('analysis.lens.categoryN', { n: position + 1 });
  };
  const chartTitle = t('analysis.lens.chartTitle');
  const caption = t('analysis.lens.tableCaption');
  const regionName = (code: string) => regionLabel(t, lens.labels, code);
  const json = analysisApiUrl('categories', range);
  const csv = analysisApiUrl('categories', range, 'csv');
  const last = lens.lens.years.at(-1);
  return c.html(
    <Layout ctx={ctx} title={title} description={t('analysis.lens.lede')} alternates={{ json, csv }}>
      <h1>{title}</h1>
      <p class="lede">{t('analysis.lens.lede')}</p>
      <AnalysisNav ctx={ctx} />
      {form}
      <p id="selection">
        {filterSentence(ctx, filter, regionName, {
          undated: lens.lens.undated,
          undatedExcluded: coverage.analysis.undatedExcluded,
        })}
      </p>
      <h2 id="lens-chart-h">{chartTitle}</h2>
      <figure class="chart-figure">
        <ScrollRegion label={chartTitle}>
          {renderShareChart({
            id: 'lens-chart',
            title: chartTitle,
            description: t('analysis.lens.chartDesc', {
              first: lens.lens.years[0] ?? '',
              last: last ?? '',
            }),
            years: lens.lens.years,
            series: categories.map((cat, i) => ({
              label: shortName(cat.id, i),
              values: rows.filter((r) => r.category === cat.id).map((r) => r.fulfilledShare),
            })),
            format: (s) => formatShare(s, locale),
            formatTick: (s) => new Intl.NumberFormat(locale, { style: 'percent' }).format(s),
          })}
        </ScrollRegion>
        <figcaption>
          <ul>
            {categories.map((cat, i) => (
              <li>
                {shortName(cat.id, i)}: {cat.name}
              </li>
            ))}
          </ul>
          <a href="#lens-table">{t('analysis.lens.tableLink')}</a>
        </figcaption>
      </figure>
      <DataLinks ctx={ctx} json={json} csv={csv} />
      <ScrollRegion label={caption}>
        <table id="lens-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.category')}</th>
              <th scope="col">{t('analysis.lens.year')}</th>
              <th scope="col" class="num">
                {t('analysis.lens.announced')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.cumulative')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.updates')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.reporting')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.reportingShare')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.fulfilled')}
              </th>
              <th scope="col" class="num">
                {t('analysis.lens.fulfilledShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-category={r.category} data-year={r.year}>
                <td>
                  {shortName(
                    r.category,
                    categories.findIndex((x) => x.id === r.category),
                  )}
                </td>
                <th scope="row">{r.year}</th>
                <td class="num" data-field="announced">
                  {r.announced}
                </td>
                <td class="num" data-field="cumulative">
                  {r.cumulative}
                </td>
                <td class="num" data-field="updates">
                  {r.updates}
                </td>
                <td class="num" data-field="reporting">
                  {r.reporting}
                </td>
                <td class="num" data-field="reportingShare">
                  {formatShare(r.reportingShare, locale)}
                </td>
                <td class="num" data-field="fulfilled">
                  {r.fulfilled}
                </td>
                <td class="num" data-field="fulfilledShare">
                  {formatShare(r.fulfilledShare, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2 id="summary-h">{t('analysis.lens.summary')}</h2>
      <p>{t('analysis.lens.summaryExplain')}</p>
      <DataLinks
        ctx={ctx}
        csv={analysisApiUrl('coverage', { by: 'category', table: 'categories', ...range }, 'csv')}
      />
      <CategoriesTable ctx={ctx} result={coverage} id="categories-table" />
      <h2 id="definitions">{t('analysis.definitions')}</h2>
      <ul>
        <li>{t('analysis.lens.def.membership')}</li>
        <li>{t('analysis.lens.def.years')}</li>
        <li>{t('analysis.lens.def.fulfilled')}</li>
        <li>{t('analysis.def.dates')}</li>
      </ul>
    </Layout>,
  );
}
