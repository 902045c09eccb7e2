/** @jsxImportSource hono/jsx */
/**
 * `GET /analysis`: coverage and gaps. A heat map of the objectives crossed
 * with a dimension (`by`: region, actor type, WMR 2020 category, compact),
 * drawn on the server with the figures written in, then the same figures as
 * a table; the shares per objective; orphans; objectives far below their
 * category's median; the categories. Every figure comes from the same
 * tables as `GET /api/v1/analysis/coverage` and its CSV twin. Also registers
 * `/analysis/categories` and `/analysis/support`.
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { DataLinks } from '../../web/components.tsx';
import { ErrorSummary } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageCtx } from '../../web/page.ts';
import { categoryLensPage } from './categories-page.tsx';
import {
  AnalysisNav,
  CategoriesTable,
  FilterForm,
  filterSentence,
  langHidden,
  parseAnalysisFilter,
  rawFilter,
  regionChoices,
} from './components.tsx';
import { Figures, GapsSection, HeatmapSection, ObjectivesSection } from './coverage-sections.tsx';
import { analysisApiUrl } from './datasets.ts';
import { regionLabel } from './labels.ts';
import { coverageAnalysis } from './service.ts';
import { supportPage } from './support-page.tsx';

async function coveragePage(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const regions = await regionChoices(c, ctx);
  const { filter, values, errors } = parseAnalysisFilter(rawFilter(c), regions, t);
  const title = t('analysis.title');
  const form = (
    <FilterForm
      ctx={ctx}
      action="/analysis"
      values={values}
      errors={errors}
      regions={regions}
      withBy
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
  const result = await coverageAnalysis(c.var.deps.db, filter.by, filter, todayIso());
  const params = { by: filter.by, from: filter.from, to: filter.to, region: filter.region };
  const regionName = (code: string) => regionLabel(t, result.labels, code);
  return c.html(
    <Layout
      ctx={ctx}
      title={title}
      description={t('analysis.lede')}
      alternates={{
        json: analysisApiUrl('coverage', params),
        csv: analysisApiUrl('coverage', params, 'csv'),
      }}
    >
      <h1>{title}</h1>
      <p class="lede">{t('analysis.lede')}</p>
      <AnalysisNav ctx={ctx} />
      {form}
      <p id="selection">{filterSentence(ctx, filter, regionName, result.analysis)}</p>
      <Figures ctx={ctx} result={result} />
      <HeatmapSection ctx={ctx} result={result} filter={filter} />
      <ObjectivesSection ctx={ctx} result={result} filter={filter} />
      <GapsSection ctx={ctx} result={result} />
      <div>
        <h2 id="categories-h">{t('analysis.categories.title')}</h2>
        <p>
          {t('analysis.categories.explain')}{' '}
          <a href={ctx.href('/analysis/categories')}>{t('analysis.nav.categories')}</a>
        </p>
        <DataLinks ctx={ctx} csv={analysisApiUrl('coverage', { ...params, table: 'categories' }, 'csv')} />
        <CategoriesTable ctx={ctx} result={result} id="categories-table" />
      </div>
      <h2 id="definitions">{t('analysis.definitions')}</h2>
      <ul>
        <li>{t('analysis.def.unit')}</li>
        <li>{t('analysis.def.flags')}</li>
        <li>{t('analysis.def.dates')}</li>
        <li>{t('analysis.def.orphans')}</li>
        <li>{t('analysis.def.below')}</li>
      </ul>
    </Layout>,
  );
}

/** Registers `/analysis`, `/analysis/categories` and `/analysis/support`. */
export function registerAnalysisPages(app: Hono<AppEnv>): void {
  app.get('/analysis', coveragePage);
  app.get('/analysis/categories', categoryLensPage);
  app.get('/analysis/support', supportPage);
}
