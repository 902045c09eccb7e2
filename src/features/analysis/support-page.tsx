/** @jsxImportSource hono/jsx */
/**
 * `GET /analysis/support`: the "moving feast" of State support. Supporters
 * of each compact over the chosen window (a step chart drawn on the server
 * and its table), the changes per region, and the States whose stance on
 * the GCM differs from their stance on the GCR — each table as in
 * `GET /api/v1/analysis/support` and its CSV twin.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { renderStepChart } from '../../web/charts/step-chart.tsx';
import { DataLinks, formatDate, ScrollRegion } from '../../web/components.tsx';
import { ErrorSummary } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { registryContext } from '../pledges/service.ts';
import { COMPACT_KEYS, STANCE_KEYS } from '../positions/components.tsx';
import { SERIES_START } from '../positions/pages.tsx';
import { AnalysisNav, FilterForm, langHidden, parseAnalysisFilter, rawFilter } from './components.tsx';
import { analysisApiUrl } from './datasets.ts';
import { regionLabel } from './labels.ts';
import { type SupportResult, supportAnalysis } from './service.ts';

const STANCE_ORDER = ['supports', 'opposes', 'abstains', 'undeclared'] as const;

function SeriesSection({ ctx, result }: { ctx: PageCtx; result: SupportResult }) {
  const { t, locale } = ctx;
  const start = result.filter.from ?? SERIES_START;
  return (
    <>
      {result.series.map(({ compact, points }) => {
        const name = t(COMPACT_KEYS[compact]);
        const last = points.at(-1)!.counts;
        const chartTitle = t('analysis.support.chartTitle', {
          compact: name,
          start: formatDate(start, locale),
          end: formatDate(result.to, locale),
        });
        const caption = t('analysis.support.seriesCaption', { compact: name });
        return (
          <section aria-labelledby={`series-${compact}`}>
            <h3 id={`series-${compact}`}>{name}</h3>
            <figure class="chart-figure">
              <ScrollRegion label={chartTitle}>
                {renderStepChart(points, {
                  id: `support-${compact}`,
                  title: chartTitle,
                  description: t('analysis.support.chartDesc', { ...last, states: result.states }),
                  labels: {
                    supports: t('stance.supports'),
                    opposes: t('stance.opposes'),
                    abstains: t('stance.abstains'),
                  },
                  start,
                  end: result.to,
                })}
              </ScrollRegion>
              <figcaption>
                <a href={`#series-${compact}-table`}>
                  {t('analysis.support.tableLink', { compact: compact.toUpperCase() })}
                </a>
              </figcaption>
            </figure>
            <ScrollRegion label={caption}>
              <table id={`series-${compact}-table`} class="series">
                <caption>{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.date')}</th>
                    {STANCE_ORDER.map((s) => (
                      <th scope="col" class="num">
                        {t(STANCE_KEYS[s])}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr data-compact={compact} data-date={p.date}>
                      <th scope="row">
                        <time datetime={p.date}>{formatDate(p.date, locale)}</time>
                      </th>
                      {STANCE_ORDER.map((s) => (
                        <td class="num" data-field={s}>
                          {p.counts[s]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        );
      })}
    </>
  );
}

function RegionsSection({ ctx, result }: { ctx: PageCtx; result: SupportResult }) {
  const { t } = ctx;
  const caption = t('analysis.support.regionsCaption');
  const fields = [
    'states',
    'supportersBefore',
    'supportersAfter',
    'net',
    'changes',
    'gained',
    'lost',
  ] as const;
  return (
    <ScrollRegion label={caption}>
      <table id="regions-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.form.region')}</th>
            <th scope="col">{t('positions.compactLabel')}</th>
            {fields.map((f) => (
              <th scope="col" class="num">
                {t(`analysis.support.col.${f}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.regions.map((r) => (
            <tr data-region={r.region} data-compact={r.compact}>
              <th scope="row">{regionLabel(t, { regions: result.regionNames }, r.region)}</th>
              <td>{r.compact.toUpperCase()}</td>
              {fields.map((f) => (
                <td class="num" data-field={f}>
                  {f === 'net' && r.net > 0 ? `+${r.net}` : r[f]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function DifferingSection({ ctx, result }: { ctx: PageCtx; result: SupportResult }) {
  const { t, locale } = ctx;
  if (result.differing.length === 0) return <p>{t('analysis.support.noneDiffer')}</p>;
  const caption = t('analysis.support.differingCaption', { date: formatDate(result.to, locale) });
  const stanceSince = (stance: (typeof STANCE_ORDER)[number], since: string | null) =>
    since
      ? t('analysis.support.since', { stance: t(STANCE_KEYS[stance]), date: formatDate(since, locale) })
      : t(STANCE_KEYS[stance]);
  return (
    <ScrollRegion label={caption}>
      <table id="differing-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('positions.state')}</th>
            <th scope="col">{t('analysis.form.region')}</th>
            <th scope="col">GCM</th>
            <th scope="col">GCR</th>
          </tr>
        </thead>
        <tbody>
          {result.differing.map((d) => (
            <tr data-iso3={d.iso3}>
              <th scope="row">
                <a href={ctx.href(`/states/${d.iso3}`)}>{d.name}</a>
              </th>
              <td>{regionLabel(t, { regions: result.regionNames }, d.region)}</td>
              <td data-field="gcm" data-stance={d.gcm}>
                {stanceSince(d.gcm, d.gcmSince)}
              </td>
              <td data-field="gcr" data-stance={d.gcr}>
                {stanceSince(d.gcr, d.gcrSince)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Handles `GET /analysis/support`. */
export async function supportPage(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t, locale } = ctx;
  const context = await registryContext(c.var.deps.db);
  const regions = [...context.regions]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((r) => ({ code: r.code, label: regionLabel(t, context, r.code) }));
  const { by: _, ...raw } = rawFilter(c);
  const { filter, values, errors } = parseAnalysisFilter(raw, regions, t, 'states');
  const title = t('analysis.support.title');
  const form = (
    <FilterForm
      ctx={ctx}
      action="/analysis/support"
      values={values}
      errors={errors}
      regions={regions}
      withBy={false}
      hidden={langHidden(c, ctx)}
      subject="states"
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
  const range = { from: filter.from, to: filter.to, region: filter.region };
  const result = await supportAnalysis(c.var.deps.db, range, todayIso());
  const link = (table: string, format?: 'csv') => analysisApiUrl('support', { table, ...range }, format);
  const window = {
    from: filter.from ? formatDate(filter.from, locale) : t('analysis.support.recordStart'),
    to: formatDate(result.to, locale),
  };
  return c.html(
    <Layout
      ctx={ctx}
      title={title}
      description={t('analysis.support.lede')}
      alternates={{ json: link('series'), csv: link('series', 'csv') }}
    >
      <h1>{title}</h1>
      <p class="lede">{t('analysis.support.lede')}</p>
      <AnalysisNav ctx={ctx} />
      {form}
      <p id="selection">
        {t(filter.region ? 'analysis.support.selectionRegion' : 'analysis.support.selection', {
          ...window,
          states: result.states,
          region: filter.region ? regionLabel(t, context, filter.region) : '',
        })}
      </p>
      <h2 id="series-h">{t('analysis.support.series')}</h2>
      <DataLinks ctx={ctx} json={link('series')} csv={link('series', 'csv')} />
      <SeriesSection ctx={ctx} result={result} />
      <h2 id="regions-h">{t('analysis.support.regions')}</h2>
      <p>{t('analysis.support.regionsExplain')}</p>
      <DataLinks ctx={ctx} json={link('regions')} csv={link('regions', 'csv')} />
      <RegionsSection ctx={ctx} result={result} />
      <h2 id="differing-h">{t('analysis.support.differing', { n: result.differing.length })}</h2>
      <p>{t('analysis.support.differingExplain')}</p>
      <DataLinks ctx={ctx} json={link('differing')} csv={link('differing', 'csv')} />
      <DifferingSection ctx={ctx} result={result} />
      <p>
        <a href={ctx.href('/positions#rules')}>{t('analysis.support.rules')}</a>
      </p>
    </Layout>,
  );
}
