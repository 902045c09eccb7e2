/** @jsxImportSource hono/jsx */
/**
 * The parts of `/analysis`: the headline figures, the heat map with its
 * table, the shares per objective, and the gaps (orphans, objectives far
 * below their category's median). Each reads the coverage result that
 * `GET /api/v1/analysis/coverage` answers with.
 */
import { DataLinks, ScrollRegion } from '../../web/components.tsx';
import type { PageCtx } from '../../web/page.ts';
import { DIMENSION_WORDS, formatCount, formatShare, type PageFilter } from './components.tsx';
import { analysisApiUrl } from './datasets.ts';
import { renderHeatmap } from './heatmap.tsx';
import { keyLabel, objectiveCode, objectiveLabel, regionLabel } from './labels.ts';
import type { CoverageResult } from './service.ts';

/** The explorer's address for the pledges of one cell, when its filters can say the same thing. */
export function explorerLink(filter: PageFilter, objective: string, key: string | null): string | null {
  if (filter.from || filter.to) return null; // the explorer has no date range
  const q = new URLSearchParams({ objective });
  if (key !== null) {
    if (filter.by === 'region') {
      if (filter.region) return null; // two regions would read "either", not "both"
      if (key === 'none') q.set('flag', 'noPlace');
      else q.set('region', key);
    } else if (filter.by === 'actorType') q.set('actorType', key);
    else if (filter.by === 'compact') q.set('compact', key);
  }
  if (filter.region) q.set('region', filter.region);
  return `/pledges?${q.toString()}`;
}

const Num = ({ n, href, ...attrs }: { n: number; href: string | null; [k: string]: unknown }) => (
  <td class="num" {...attrs}>
    {href && n > 0 ? <a href={href}>{n}</a> : n}
  </td>
);

export function Figures({ ctx, result }: { ctx: PageCtx; result: CoverageResult }) {
  const { t, locale } = ctx;
  const total = result.analysis.total;
  const items: [string, string, string][] = [
    ['pledges', t('analysis.figure.pledges'), formatCount(total.pledges, locale)],
    ['withObjective', t('analysis.figure.withObjective'), formatCount(result.analysis.withObjective, locale)],
    ['fulfilledShare', t('analysis.figure.fulfilled'), formatShare(total.fulfilledShare, locale)],
    ['overdueShare', t('analysis.figure.overdue'), formatShare(total.overdueShare, locale)],
    ['staleShare', t('analysis.figure.stale'), formatShare(total.staleShare, locale)],
  ];
  return (
    <dl class="facts">
      {items.map(([key, label, value]) => (
        <>
          <dt>{label}</dt>
          <dd data-figure={key}>{value}</dd>
        </>
      ))}
    </dl>
  );
}

export function HeatmapSection({
  ctx,
  result,
  filter,
}: {
  ctx: PageCtx;
  result: CoverageResult;
  filter: PageFilter;
}) {
  const { t } = ctx;
  const a = result.analysis;
  const by = filter.by;
  const dimension = t(DIMENSION_WORDS[by]);
  const cellOf = new Map(a.cells.map((c) => [`${c.objective} ${c.key}`, c]));
  const totalOf = new Map(a.objectives.map((o) => [o.objective, o]));
  const keyTotalOf = new Map(a.keyTotals.map((k) => [k.key, k]));
  const columns = a.keys.map((key) => ({ key, label: keyLabel(t, result.labels, by, key) }));
  const rows = a.objectives.map((o) => ({ id: o.objective, label: objectiveCode(o.objective) }));
  const caption = t('analysis.heatmap.caption', { dimension });
  const title = t('analysis.heatmap.title', { dimension });
  const params = { by, from: filter.from, to: filter.to, region: filter.region };
  return (
    <div>
      <h2 id="heatmap-h">{title}</h2>
      <p>{t(by === 'category' ? 'analysis.heatmap.explainCategory' : 'analysis.heatmap.explain')}</p>
      <figure class="chart-figure heatmap-figure">
        <ScrollRegion label={title}>
          {renderHeatmap({
            id: 'coverage-map',
            title,
            description: t('analysis.heatmap.desc', {
              dimension,
              pledges: a.total.pledges,
              orphans: a.orphans.objectives.length,
            }),
            rows,
            columns,
            value: (o, k) => cellOf.get(`${o} ${k}`)?.pledges ?? null,
            legend: {
              empty: t('analysis.heatmap.empty'),
              range: (from, to) => (from === to ? String(from) : `${from}–${to}`),
            },
          })}
        </ScrollRegion>
        <figcaption>
          <a href="#coverage-table">{t('analysis.heatmap.tableLink')}</a>
        </figcaption>
      </figure>
      <DataLinks
        ctx={ctx}
        json={analysisApiUrl('coverage', params)}
        csv={analysisApiUrl('coverage', params, 'csv')}
      />
      <ScrollRegion label={caption}>
        <table id="coverage-table" class="coverage">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.objective')}</th>
              {columns.map((c) => (
                <th scope="col" class="num">
                  {c.label}
                </th>
              ))}
              <th scope="col" class="num">
                {t('analysis.heatmap.all')}
              </th>
            </tr>
          </thead>
          <tbody>
            {a.objectives.map((o) => (
              <tr data-objective={o.objective}>
                <th scope="row">{objectiveLabel(result.labels, o.objective)}</th>
                {a.keys.map((k) => {
                  const cell = cellOf.get(`${o.objective} ${k}`);
                  return cell ? (
                    <Num
                      n={cell.pledges}
                      href={explorerLink(filter, o.objective, k)}
                      data-cell={`${o.objective} ${k}`}
                    />
                  ) : (
                    <td class="num">—</td>
                  );
                })}
                <Num
                  n={totalOf.get(o.objective)!.pledges}
                  href={explorerLink(filter, o.objective, null)}
                  data-total={o.objective}
                />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('analysis.heatmap.keyTotals')}</th>
              {a.keys.map((k) => (
                <td class="num" data-key-total={k}>
                  {keyTotalOf.get(k)?.pledges ?? 0}
                </td>
              ))}
              <td class="num" data-figure="total">
                {a.total.pledges}
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <p class="sources">
        {t(
          by === 'region' || by === 'compact' ? 'analysis.heatmap.multiNote' : 'analysis.heatmap.singleNote',
        )}
      </p>
    </div>
  );
}

export function ObjectivesSection({
  ctx,
  result,
  filter,
}: {
  ctx: PageCtx;
  result: CoverageResult;
  filter: PageFilter;
}) {
  const { t, locale } = ctx;
  const a = result.analysis;
  const categoryName = new Map(result.labels.categories.map((c) => [c.id, c.name]));
  const caption = t('analysis.objectives.caption');
  const params = {
    by: filter.by,
    table: 'objectives',
    from: filter.from,
    to: filter.to,
    region: filter.region,
  };
  return (
    <div>
      <h2 id="objectives-h">{t('analysis.objectives.title')}</h2>
      <DataLinks ctx={ctx} csv={analysisApiUrl('coverage', params, 'csv')} />
      <ScrollRegion label={caption}>
        <table id="objectives-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.objective')}</th>
              <th scope="col">{t('common.category')}</th>
              <th scope="col" class="num">
                {t('analysis.col.pledges')}
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
              <th scope="col" class="num">
                {t('analysis.col.median')}
              </th>
              <th scope="col">{t('analysis.col.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {a.objectives.map((o) => (
              <tr data-objective={o.objective}>
                <th scope="row">
                  <a href={ctx.href(`/objectives/${o.objective}`)}>
                    {objectiveLabel(result.labels, o.objective)}
                  </a>
                </th>
                <td>
                  {o.category ? (categoryName.get(o.category) ?? o.category) : t('analysis.key.noCategory')}
                </td>
                <td class="num" data-field="pledges">
                  {o.pledges}
                </td>
                <td class="num" data-field="fulfilledShare">
                  {formatShare(o.fulfilledShare, locale)}
                </td>
                <td class="num" data-field="overdueShare">
                  {formatShare(o.overdueShare, locale)}
                </td>
                <td class="num" data-field="staleShare">
                  {formatShare(o.staleShare, locale)}
                </td>
                <td class="num" data-field="categoryMedian">
                  {o.categoryMedian ?? '—'}
                </td>
                <td data-field="gap">
                  {o.orphan ? t('analysis.gap.orphan') : o.belowCategoryMedian ? t('analysis.gap.below') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

export function GapsSection({ ctx, result }: { ctx: PageCtx; result: CoverageResult }) {
  const { t } = ctx;
  const a = result.analysis;
  const categoryName = new Map(result.labels.categories.map((c) => [c.id, c.name]));
  return (
    <div>
      <h2 id="gaps-h">{t('analysis.gaps.title')}</h2>
      <h3 id="orphans">{t('analysis.orphans.objectives', { n: a.orphans.objectives.length })}</h3>
      {a.orphans.objectives.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul id="orphan-objectives">
          {a.orphans.objectives.map((o) => (
            <li data-objective={o}>
              <a href={ctx.href(`/objectives/${o}`)}>{objectiveLabel(result.labels, o)}</a>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('analysis.orphans.regions', { n: a.orphans.regions.length })}</h3>
      {a.orphans.regions.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul id="orphan-regions">
          {a.orphans.regions.map((r) => (
            <li data-region={r}>{regionLabel(t, result.labels, r)}</li>
          ))}
        </ul>
      )}
      <h3 id="below-median">{t('analysis.below.title', { n: a.belowMedian.length })}</h3>
      <p>{t('analysis.below.explain')}</p>
      {a.belowMedian.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ScrollRegion label={t('analysis.below.caption')}>
          <table id="below-table">
            <caption>{t('analysis.below.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.objective')}</th>
                <th scope="col">{t('common.category')}</th>
                <th scope="col" class="num">
                  {t('analysis.col.pledges')}
                </th>
                <th scope="col" class="num">
                  {t('analysis.col.median')}
                </th>
                <th scope="col" class="num">
                  {t('analysis.col.ratio')}
                </th>
              </tr>
            </thead>
            <tbody>
              {a.belowMedian.map((b) => (
                <tr data-objective={b.objective}>
                  <th scope="row">{objectiveLabel(result.labels, b.objective)}</th>
                  <td>{categoryName.get(b.category) ?? b.category}</td>
                  <td class="num" data-field="pledges">
                    {b.pledges}
                  </td>
                  <td class="num" data-field="median">
                    {b.median}
                  </td>
                  <td class="num" data-field="ratio">
                    {formatShare(b.ratio, ctx.locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
