/** @jsxImportSource hono/jsx */
/**
 * The pledge explorer, `GET /pledges`: a plain GET form (a search box and one
 * group of checkboxes per facet, each value with the number of pledges it
 * would give), the matching pledges in a table, a cursor link to the next
 * page, and the same selection as CSV and JSON. Works without JavaScript.
 */
import type { Context } from 'hono';
import { FACETS, type Facet } from '../../domain/pledge-search.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { explorerHref, facetValueLabel, Pager, PledgeTable } from './components.tsx';
import { filterParams, isEmptyFilter, type ListParam, readFilter, withoutValue } from './query.ts';
import {
  type PledgeQuery,
  type PledgeSearch,
  type RegistryContext,
  registryContext,
  searchPledges,
} from './service.ts';

export const EXPLORER_PAGE_SIZE = 50;
/** Rows per file of "Download CSV of this selection" (the API's largest page). */
const CSV_LIMIT = 500;

const FACET_KEYS: Record<Facet, string> = {
  compact: 'pledges.facet.compact',
  objective: 'pledges.facet.objective',
  category: 'pledges.facet.category',
  actorType: 'pledges.facet.actorType',
  region: 'pledges.facet.region',
  status: 'pledges.facet.status',
  forum: 'pledges.facet.forum',
  type: 'pledges.facet.type',
  flag: 'pledges.facet.flag',
};

function facetName(ctx: PageCtx, facet: Facet): string {
  return ctx.t(FACET_KEYS[facet] as Parameters<PageCtx['t']>[0]);
}

/** One facet: a disclosure (open when a value is ticked) holding a fieldset of checkboxes with counts. */
function FacetGroup({
  ctx,
  registry,
  facet,
  counts,
  selected,
}: {
  ctx: PageCtx;
  registry: RegistryContext;
  facet: Facet;
  counts: PledgeSearch['facets'][Facet];
  selected: readonly string[];
}) {
  const { t } = ctx;
  const name = facetName(ctx, facet);
  const nf = new Intl.NumberFormat(ctx.locale);
  return (
    <details class="facet" open={selected.length > 0}>
      <summary>
        {name}
        {selected.length > 0 ? ` (${t('pledges.selected', { n: selected.length })})` : ''}
      </summary>
      <fieldset>
        <legend class="visually-hidden">{name}</legend>
        {counts.map(({ value, count }) => {
          const id = `f-${facet}-${value}`;
          return (
            <div class="choice">
              <input type="checkbox" id={id} name={facet} value={value} checked={selected.includes(value)} />{' '}
              <label for={id}>
                {facetValueLabel(ctx, registry, facet, value)} <span class="count">({nf.format(count)})</span>
              </label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

/** Each active filter value with a link that removes it. */
function ActiveFilters({
  ctx,
  registry,
  filter,
  actorNames,
}: {
  ctx: PageCtx;
  registry: RegistryContext;
  filter: PledgeQuery;
  actorNames: Map<string, string>;
}) {
  const { t } = ctx;
  const chips: { label: string; href: string }[] = [];
  if (filter.q)
    chips.push({
      label: `${t('pledges.search')}: “${filter.q}”`,
      href: explorerHref(ctx, withoutValue(filter, 'q')),
    });
  for (const facet of FACETS) {
    for (const v of filter[facet] ?? []) {
      chips.push({
        label: `${facetName(ctx, facet)}: ${facetValueLabel(ctx, registry, facet, v)}`,
        href: explorerHref(ctx, withoutValue(filter, facet, v)),
      });
    }
  }
  for (const name of ['actor', 'place'] as const satisfies readonly ListParam[]) {
    for (const v of filter[name] ?? []) {
      const shown = name === 'actor' ? (actorNames.get(v) ?? v) : v;
      chips.push({
        label: `${t(name === 'actor' ? 'pledges.col.actor' : 'pledge.places')}: ${shown}`,
        href: explorerHref(ctx, withoutValue(filter, name, v)),
      });
    }
  }
  if (filter.synthetic !== undefined) {
    chips.push({
      label: filter.synthetic ? t('pledges.onlySynthetic') : t('pledges.noSynthetic'),
      href: explorerHref(ctx, withoutValue(filter, 'synthetic')),
    });
  }
  if (chips.length === 0) return null;
  return (
    <div class="active-filters">
      <p id="active-h">{t('pledges.active')}</p>
      <ul aria-labelledby="active-h">
        {chips.map((c) => (
          <li>
            <a href={c.href} aria-label={t('pledges.remove', { label: c.label })}>
              {c.label} <span aria-hidden="true">×</span>
            </a>
          </li>
        ))}
        <li>
          <a href={ctx.href('/pledges')}>{t('pledges.clear')}</a>
        </li>
      </ul>
    </div>
  );
}

/** Nothing in the registry yet: how records get in. */
function EmptyRegistry({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <section class="notice" aria-labelledby="empty-h">
      <h2 id="empty-h">{t('pledges.empty.title')}</h2>
      <p>{t('pledges.empty.body')}</p>
      <pre>
        <code>npx compact-watch import pledges.csv{'\n'}npx compact-watch demo --pledges 1000</code>
      </pre>
      <p>
        <a href={ctx.href('/api')}>{t('pledges.empty.api')}</a> ·{' '}
        <a href={ctx.href('/about#synthetic-data')}>{t('pledges.empty.synthetic')}</a>
      </p>
    </section>
  );
}

export async function renderExplorer(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const db = c.var.deps.db;
  const url = new URL(c.req.url);
  const filter = readFilter(url.searchParams);
  const cursor = url.searchParams.get('cursor') || undefined;
  const registry = await registryContext(db);
  const lang = c.get('explicitLocale') ? ctx.locale : undefined;
  const title = t('pledges.title');

  if (registry.index.size === 0) {
    return c.html(
      <Layout ctx={ctx} title={title} description={t('pledges.lede')}>
        <h1>{title}</h1>
        <p class="lede">{t('pledges.lede')}</p>
        <EmptyRegistry ctx={ctx} />
      </Layout>,
    );
  }

  const found = await searchPledges(db, filter, { limit: EXPLORER_PAGE_SIZE, cursor }, todayIso());
  const apiParams = filterParams(filter, 'comma');
  const json = `/api/v1/pledges${apiParams.size ? `?${apiParams}` : ''}`;
  apiParams.set('limit', String(CSV_LIMIT));
  apiParams.set('format', 'csv');
  const csv = `/api/v1/pledges?${apiParams}`;
  const actorNames = new Map<string, string>();
  for (const p of found.items) actorNames.set(p.actorId, p.actorName);
  const nf = new Intl.NumberFormat(ctx.locale);
  const heading =
    found.total === 1 ? t('pledges.countOne') : t('pledges.count', { n: nf.format(found.total) });

  return c.html(
    <Layout ctx={ctx} title={title} description={t('pledges.lede')} alternates={{ json, csv }}>
      <h1>{title}</h1>
      <p class="lede">{t('pledges.lede')}</p>
      <p>
        <a href={ctx.href('/actors')}>{t('pledges.actorsLink')}</a>
      </p>
      {/* On a narrow screen the filters come first: a way past them. */}
      <p class="to-results">
        <a href="#results-h">{t('pledges.toResults', { heading })}</a>
      </p>
      <div class="explorer">
        <form method="get" action="/pledges" class="pledge-filters form-controls" aria-labelledby="filters-h">
          <h2 id="filters-h">{t('pledges.filters')}</h2>
          {lang ? <input type="hidden" name="lang" value={lang} /> : null}
          {/* Filters set by links (an actor, a place, synthetic data) have no box: they travel as they are. */}
          {(['actor', 'place'] as const).flatMap((name) =>
            (filter[name] ?? []).map((v) => <input type="hidden" name={name} value={v} />),
          )}
          {filter.synthetic !== undefined ? (
            <input type="hidden" name="synthetic" value={String(filter.synthetic)} />
          ) : null}
          <div class="field">
            <label for="pledges-q">{t('pledges.search')}</label>
            <p id="pledges-q-hint" class="hint">
              {t('pledges.searchHint')}
            </p>
            <input
              type="search"
              id="pledges-q"
              name="q"
              value={filter.q ?? ''}
              aria-describedby="pledges-q-hint"
            />
          </div>
          {FACETS.map((facet) => (
            <FacetGroup
              ctx={ctx}
              registry={registry}
              facet={facet}
              counts={found.facets[facet]}
              selected={filter[facet] ?? []}
            />
          ))}
          <p class="actions">
            <button type="submit">{t('pledges.apply')}</button>
          </p>
        </form>

        <section class="results" aria-labelledby="results-h">
          <h2 id="results-h">{heading}</h2>
          <ActiveFilters ctx={ctx} registry={registry} filter={filter} actorNames={actorNames} />
          <p class="data-links">
            <a href={csv}>{t('pledges.csv')}</a>
            <a href={json}>{t('pledges.json')}</a>
          </p>
          <p class="sources">{t('pledges.csvNote', { n: CSV_LIMIT })}</p>
          {found.total === 0 ? (
            <div class="notice">
              <p>
                <strong>{t('pledges.none')}</strong>
              </p>
              {isEmptyFilter(filter) ? null : <p>{t('pledges.noneHint')}</p>}
            </div>
          ) : found.items.length === 0 ? (
            <p class="notice">{t('pledges.pastEnd')}</p>
          ) : (
            <PledgeTable ctx={ctx} items={found.items} caption={t('pledges.caption')} />
          )}
          <Pager
            ctx={ctx}
            first={cursor ? explorerHref(ctx, filter) : null}
            next={found.nextCursor ? explorerHref(ctx, filter, found.nextCursor) : null}
          />
          <p class="sources">{t('pledges.flagsNote')}</p>
        </section>
      </div>
    </Layout>,
  );
}
