/** @jsxImportSource hono/jsx */
/**
 * `GET /positions`: supporters over time (a server-drawn step chart and the
 * same figures as a table), the side-by-side comparison of up to three
 * States, the list of changes with its filter, and the rules that turn
 * events into stances. Works without JavaScript: every control is a GET form.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { COMPACT_IDS, type CompactId, todayIso } from '../../http/params.ts';
import { renderStepChart } from '../../web/charts/step-chart.tsx';
import { DataLinks, formatDate, ScrollRegion } from '../../web/components.tsx';
import { ErrorSummary } from '../../web/form.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { listStates } from '../states/repository.ts';
import { ChangesForm, ChangesTable, changesApiUrl, parseChangesFilter } from './changes.tsx';
import { CompareForm, CompareTables, loadCompared, parseCompare } from './compare.tsx';
import { COMPACT_KEYS, DateAt, type DatePrecision } from './components.tsx';
import { FEED_PATH } from './feed.ts';
import { listChanges, type SeriesPoint, stanceSeries } from './service.ts';

/** The x axis starts before the first recorded event (the United States, December 2017). */
export const SERIES_START = '2017-01-01';
const RANK: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

/** The series as the chart draws it: every State undeclared at the start, then one row per step. */
function withStart(series: SeriesPoint[]): SeriesPoint[] {
  const first = series[0];
  if (!first || first.date <= SERIES_START) return series;
  const total = Object.values(first.counts).reduce((a, b) => a + b, 0);
  return [
    { date: SERIES_START, counts: { supports: 0, opposes: 0, abstains: 0, undeclared: total } },
    ...series,
  ];
}

function Supporters({
  ctx,
  compact,
  series,
  precisionOf,
}: {
  ctx: PageCtx;
  compact: CompactId;
  series: SeriesPoint[];
  precisionOf: (date: string) => DatePrecision;
}) {
  const { t } = ctx;
  const rows = withStart(series);
  const last = rows.at(-1);
  const end = last?.date ?? todayIso();
  const name = t(COMPACT_KEYS[compact]);
  const acronym = compact.toUpperCase();
  const span = { start: formatDate(SERIES_START, ctx.locale, 'year'), end: formatDate(end, ctx.locale) };
  const tableId = `supporters-${compact}-table`;
  const counts = last?.counts ?? { supports: 0, opposes: 0, abstains: 0, undeclared: 0 };
  const caption = t('positions.tableCaption', { compact: name });
  const chartTitle = t('positions.chartTitle', { compact: name, ...span });
  // Without parameters the message comes back raw, so the link can sit where each language puts it.
  const [before = '', after = ''] = t('positions.chartCaption').split('{link}');
  return (
    <section aria-labelledby={`supporters-${compact}`}>
      <h3 id={`supporters-${compact}`}>{name}</h3>
      <figure class="chart-figure">
        {/* On a narrow screen the chart scrolls sideways rather than shrinking its text out of reach. */}
        <ScrollRegion label={chartTitle}>
          {renderStepChart(series, {
            id: `chart-${compact}`,
            title: chartTitle,
            description: t('positions.chartDesc', {
              ...span,
              ...counts,
              total: Object.values(counts).reduce((a, b) => a + b, 0),
            }),
            labels: {
              supports: t('stance.supports'),
              opposes: t('stance.opposes'),
              abstains: t('stance.abstains'),
            },
            start: SERIES_START,
            end,
          })}
        </ScrollRegion>
        <figcaption>
          {before}
          <a href={`#${tableId}`}>{t('positions.tableLink', { acronym })}</a>
          {after}
        </figcaption>
      </figure>
      <ScrollRegion label={caption}>
        <table id={tableId} class="series">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.date')}</th>
              {(['supports', 'opposes', 'abstains', 'undeclared'] as const).map((s) => (
                <th scope="col" class="num">
                  {t(`stance.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr data-date={p.date}>
                <th scope="row">
                  <DateAt ctx={ctx} iso={p.date} precision={precisionOf(p.date)} />
                </th>
                <td class="num">{p.counts.supports}</td>
                <td class="num">{p.counts.opposes}</td>
                <td class="num">{p.counts.abstains}</td>
                <td class="num">{p.counts.undeclared}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Rules({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <>
      <h2 id="rules">{t('positions.rules')}</h2>
      <p>{t('positions.rules.intro')}</p>
      <ol>
        <li>{t('positions.rules.1')}</li>
        <li>{t('positions.rules.2')}</li>
        <li>{t('positions.rules.3')}</li>
        <li>{t('positions.rules.4')}</li>
      </ol>
      <p>{t('positions.rules.conflicts')}</p>
    </>
  );
}

/** Registers `GET /positions`. Invalid form input answers 400 with each message next to its field. */
export function registerPositionsPages(app: Hono<AppEnv>): void {
  app.get('/positions', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const today = todayIso();
    const states = await listStates(db);
    const nameOf = (s: (typeof states)[number]) => s.names[ctx.locale] || s.name;
    const names = new Map(states.map((s) => [s.iso3, nameOf(s)]));

    const changesInput = parseChangesFilter(
      { compact: c.req.query('compact'), from: c.req.query('from'), to: c.req.query('to') },
      t,
    );
    const compareInput = parseCompare(c.req.queries('compare') ?? [], new Set(names.keys()), t);
    const errors = [...compareInput.errors, ...changesInput.errors];
    const filter = changesInput.filter;
    const filtered = changesInput.errors.length === 0 && Object.keys(filter).length > 0;

    const [gcm, gcr, allChanges, compared] = await Promise.all([
      stanceSeries(db, 'gcm', today),
      stanceSeries(db, 'gcr', today),
      listChanges(db, {}),
      compareInput.errors.length === 0 ? loadCompared(db, compareInput.codes, today) : Promise.resolve([]),
    ]);
    const changes = filtered ? await listChanges(db, filter) : allChanges;

    // A step on a date that is only known to the month reads "December 2021", like the event itself.
    const finest = new Map<string, DatePrecision>();
    for (const ch of allChanges) {
      const key = `${ch.compact} ${ch.date}`;
      const seen = finest.get(key);
      if (!seen || RANK[ch.datePrecision] < RANK[seen]) finest.set(key, ch.datePrecision);
    }
    const precisionFor = (compact: CompactId) => (date: string) => finest.get(`${compact} ${date}`) ?? 'day';

    const lang: [string, string][] = c.get('explicitLocale') ? [['lang', ctx.locale]] : [];
    const filterHidden = Object.entries(changesInput.values) as [string, string][];
    const compareHidden = compareInput.codes.map((code): [string, string] => ['compare', code]);
    const json = changesApiUrl(filter);
    const csv = changesApiUrl(filter, 'csv');
    const title = t('positions.title');

    return c.html(
      <Layout
        ctx={ctx}
        title={errors.length > 0 ? t('positions.errorTitle', { title }) : title}
        description={t('positions.intro')}
        alternates={{ json, csv, atom: { href: FEED_PATH, title: t('feed.title') } }}
      >
        <h1>{title}</h1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <p class="lede">{t('positions.intro')}</p>
        <nav aria-labelledby="contents-h" class="contents">
          <h2 id="contents-h">{t('positions.contents')}</h2>
          <ul>
            <li>
              <a href="#supporters">{t('positions.supporters')}</a>
            </li>
            <li>
              <a href="#compare-h">{t('positions.compare')}</a>
            </li>
            <li>
              <a href="#changes">{t('positions.changes', { n: changes.length })}</a>
            </li>
            <li>
              <a href="#rules">{t('positions.rules')}</a>
            </li>
          </ul>
        </nav>

        <h2 id="supporters">{t('positions.supporters')}</h2>
        <p class="sources">{t('positions.datesNote')}</p>
        {COMPACT_IDS.map((compact) => (
          <Supporters
            ctx={ctx}
            compact={compact}
            series={compact === 'gcm' ? gcm : gcr}
            precisionOf={precisionFor(compact)}
          />
        ))}

        <h2 id="compare-h">{t('positions.compare')}</h2>
        <CompareForm
          ctx={ctx}
          states={states.map((s) => ({ iso3: s.iso3, name: nameOf(s) }))}
          codes={compareInput.codes}
          errors={compareInput.errors}
          hidden={[...lang, ...filterHidden]}
        />
        <CompareTables ctx={ctx} compared={compared} />

        <h2 id="changes">{t('positions.changes', { n: changes.length })}</h2>
        <ChangesForm
          ctx={ctx}
          values={changesInput.values}
          errors={changesInput.errors}
          hidden={[...lang, ...compareHidden]}
        />
        {changesInput.errors.length > 0 ? null : (
          <>
            <DataLinks ctx={ctx} json={json} csv={csv} />
            <p class="data-links">
              <a href={FEED_PATH} type="application/atom+xml">
                {t('positions.feed')}
              </a>
            </p>
            <ChangesTable
              ctx={ctx}
              caption={t('positions.changes', { n: changes.length })}
              changes={changes.map((ch) => ({ ...ch, name: names.get(ch.iso3) ?? ch.name }))}
            />
          </>
        )}

        <Rules ctx={ctx} />
      </Layout>,
      errors.length > 0 ? 400 : 200,
    );
  });
}
