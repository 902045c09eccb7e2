/** @jsxImportSource hono/jsx */
/**
 * `GET /states`: every State's stance on one compact as of one date, as a
 * choropleth map with counts and a legend, then the same facts as a table.
 * A bad query re-renders the form (`query-form.tsx`) with the error tied to
 * its field, with status 400.
 */
import type { Context } from 'hono';
import { STANCES, type Stance } from '../../domain/stance.ts';
import type { AppEnv } from '../../http/env.ts';
import type { CompactId } from '../../http/params.ts';
import { ColumnHeads, DataLinks, formatDate, ScrollRegion } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { type ChoroplethEntry, renderChoropleth, StanceSwatch } from '../../web/map/choropleth.tsx';
import { pageCtx } from '../../web/page.ts';
import { DateAt } from '../positions/components.tsx';
import { positionsAsOf } from '../positions/service.ts';
import { type Field, fieldId, QueryForm, type Region, readQuery } from './query-form.tsx';
import { listRegions, listStates } from './repository.ts';

export const STANCE_LABELS: Record<Stance, MessageKey> = {
  supports: 'states.stance.supports',
  opposes: 'states.stance.opposes',
  abstains: 'states.stance.abstains',
  undeclared: 'states.stance.undeclared',
};
/** The stance as a word inside a sentence ("Brazil: opposes since …"). */
const STANCE_WORDS: Record<Stance, MessageKey> = {
  supports: 'states.word.supports',
  opposes: 'states.word.opposes',
  abstains: 'states.word.abstains',
  undeclared: 'states.word.undeclared',
};
const COMPACT_NAMES: Record<CompactId, MessageKey> = { gcm: 'states.compact.gcm', gcr: 'states.compact.gcr' };
/** The five UN M49 regions, translated; any other code keeps the name stored with the States. */
const REGION_NAMES: Record<string, MessageKey> = {
  '002': 'states.region.002',
  '019': 'states.region.019',
  '142': 'states.region.142',
  '150': 'states.region.150',
  '009': 'states.region.009',
};

/** Handles `GET /states`. */
export async function statesMapPage(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t, locale } = ctx;
  const db = c.var.deps.db;
  const [regions, states] = await Promise.all([listRegions(db), listStates(db)]);
  const { raw, errors, query } = readQuery(c, regions);
  const regionName = (r: Region) => (REGION_NAMES[r.code] ? t(REGION_NAMES[r.code]!) : r.name);
  const lang = c.get('explicitLocale') ? locale : undefined;
  const form = (
    <QueryForm
      ctx={ctx}
      raw={raw}
      query={query}
      errors={errors}
      regions={regions}
      regionName={regionName}
      lang={lang}
    />
  );

  const invalid = (Object.keys(errors) as Field[]).filter((f) => errors[f]);
  if (invalid.length > 0) {
    const title = t('states.title');
    return c.html(
      <Layout ctx={ctx} title={t('states.errorTitle', { title })}>
        <h1>{title}</h1>
        <div class="notice" role="alert">
          <p>{t('states.error.summary')}</p>
          <ul>
            {invalid.map((f) => (
              <li>
                <a href={`#${f === 'compact' ? `${fieldId(f)}-gcm` : fieldId(f)}`}>{t(errors[f]!)}</a>
              </li>
            ))}
          </ul>
        </div>
        {form}
      </Layout>,
      400,
    );
  }

  const { items, counts } = await positionsAsOf(db, query);
  const byIso3 = new Map(states.map((s) => [s.iso3, s]));
  const nameOf = (iso3: string, fallback: string) => byIso3.get(iso3)?.names[locale] || fallback;
  const rows = items
    .map((i) => ({ ...i, localName: nameOf(i.iso3, i.name) }))
    .sort(
      (a, b) =>
        STANCES.indexOf(a.stance) - STANCES.indexOf(b.stance) ||
        a.localName.localeCompare(b.localName, locale),
    );
  const date = formatDate(query.asOf, locale);
  const region = query.region ? regions.find((r) => r.code === query.region) : undefined;
  const compactName = t(COMPACT_NAMES[query.compact]);
  const headline = region
    ? t('states.headlineRegion', { compact: compactName, region: regionName(region), date })
    : t('states.headline', { compact: compactName, date });
  const regionOfState = (iso3: string, fallback: string) => {
    const area = byIso3.get(iso3)?.region;
    return area ? regionName(area) : fallback;
  };
  const sinceText = (r: (typeof rows)[number]) =>
    r.since ? formatDate(r.since, locale, r.sincePrecision ?? 'day') : null;

  const shown = new Map(rows.map((r) => [r.iso3, r]));
  const entries: ChoroplethEntry[] = states.map((s) => {
    const r = shown.get(s.iso3);
    const name = s.names[locale] || s.name;
    const since = r ? sinceText(r) : null;
    const label = !r
      ? name
      : since
        ? t('states.tip.since', { name, stance: t(STANCE_WORDS[r.stance]), since })
        : t('states.tip.plain', { name, stance: t(STANCE_WORDS[r.stance]) });
    return { numeric: s.numeric, iso3: s.iso3, stance: r ? r.stance : null, label };
  });

  const params = new URLSearchParams({ compact: query.compact, asOf: query.asOf });
  if (query.region) params.set('region', query.region);
  const json = `/api/v1/positions?${params}&limit=500`;
  const csv = `${json}&format=csv`;

  return c.html(
    <Layout ctx={ctx} title={headline} description={t('states.intro')} alternates={{ json, csv }}>
      <h1>{headline}</h1>
      <p class="lede">{t('states.intro')}</p>
      {form}
      <DataLinks ctx={ctx} json={json} csv={csv} />
      <h2 id="counts">{t('states.counts')}</h2>
      <dl class="stance-counts">
        {STANCES.map((s) => (
          <div data-stance={s}>
            <dt>
              <StanceSwatch stance={s} id={`legend-${s}`} /> {t(STANCE_LABELS[s])}
            </dt>
            <dd>{counts[s]}</dd>
          </div>
        ))}
      </dl>
      <p class="map-key">
        <StanceSwatch stance={null} id="legend-none" />{' '}
        {t(region ? 'states.legend.noDataRegion' : 'states.legend.noData')} {t('states.legend.markers')}
      </p>
      <ScrollRegion label={t('states.map.label')}>
        {renderChoropleth({
          entries,
          title: t('states.map.title', { headline }),
          description: t('states.map.desc', { total: items.length, ...counts }),
          noDataLabel: t('states.legend.noData'),
          idPrefix: 'states-map',
        })}
      </ScrollRegion>
      <h2 id="rules">{t('states.rules.heading')}</h2>
      <p>{t('states.rules.body')}</p>
      <p>
        <a href={ctx.href('/positions')}>{t('states.rules.positions')}</a>
      </p>
      <h2 id="table">{t('states.table.heading')}</h2>
      <ScrollRegion label={t('states.table.heading')}>
        <table class="positions">
          <caption>{t('states.table.caption', { n: items.length, compact: compactName, date })}</caption>
          <ColumnHeads
            labels={[
              t('states.table.state'),
              t('states.table.stance'),
              t('states.table.since'),
              t('states.table.region'),
              t('states.table.notes'),
            ]}
          />
          {STANCES.filter((s) => counts[s] > 0).map((s) => (
            <tbody>
              <tr class="group">
                <th scope="rowgroup" colspan={5}>
                  {t(STANCE_LABELS[s])} ({counts[s]})
                </th>
              </tr>
              {rows
                .filter((r) => r.stance === s)
                .map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={ctx.href(`/states/${r.iso3}`)}>{r.localName}</a>
                    </th>
                    <td>{t(STANCE_LABELS[r.stance])}</td>
                    <td>
                      {r.since ? (
                        <DateAt ctx={ctx} iso={r.since} precision={r.sincePrecision ?? 'day'} />
                      ) : (
                        t('states.table.noEvent')
                      )}
                    </td>
                    <td>{regionOfState(r.iso3, r.region)}</td>
                    <td>
                      {r.conflict ? (
                        <span class="badge disagree" title={r.conflict.description}>
                          {t('states.sourcesDisagree')}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </ScrollRegion>
    </Layout>,
  );
}
