/** @jsxImportSource hono/jsx */
/**
 * The analysis pages of the crosswalk: `/analysis/crosswalk`, the typed links
 * between the compacts and the SDG targets as three matrices and as lists per
 * objective, filterable with a GET form; and `/analysis/themes`, themes and
 * populations with their coverage by each compact, gaps first.
 */
import type { Hono } from 'hono';
import { gapsFirst } from '../../domain/crosswalk.ts';
import type { AppEnv } from '../../http/env.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { DataLinks, Notes, SourceList, StatusBadge } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { COMPACT_KEYS } from '../positions/components.tsx';
import { BASIS_KEYS, LEVEL_KEYS, LinkItem, Matrix, NodeLink, TYPE_KEYS } from './components.tsx';
import { listAllNodes, listLinks, listThemes } from './repository.ts';
import {
  type CoverageView,
  CROSSWALK_BASES,
  CROSSWALK_LINK_TYPES,
  type CrosswalkLinkView,
  type CrosswalkNodeView,
  type LinkFilterQuery,
  linkFilterSchema,
  type ThemeView,
} from './schemas.ts';

const FIELD_KEYS: Record<string, MessageKey> = {
  type: 'crosswalk.type',
  basis: 'crosswalk.basis',
  compact: 'crosswalk.compact',
  node: 'crosswalk.rowHead',
  from: 'crosswalk.rowHead',
  to: 'crosswalk.rowHead',
};

function FilterForm({
  ctx,
  values,
  lang,
}: {
  ctx: PageCtx;
  values: Record<string, string>;
  lang: string | undefined;
}) {
  const { t } = ctx;
  const select = (name: string, label: MessageKey, options: { value: string; label: string }[]) => (
    <p class="field">
      <label for={`crosswalk-${name}`}>{t(label)}</label>
      <select id={`crosswalk-${name}`} name={name}>
        <option value="">{t('crosswalk.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={values[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <form class="filter-form form-controls" method="get" action="/analysis/crosswalk">
      <fieldset>
        <legend>{t('crosswalk.filter')}</legend>
        {/* A GET form replaces the action's query string, so the language and the chosen node travel as fields. */}
        {lang ? <input type="hidden" name="lang" value={lang} /> : null}
        {values.node ? <input type="hidden" name="node" value={values.node} /> : null}
        <div class="form-row">
          {select(
            'type',
            'crosswalk.type',
            CROSSWALK_LINK_TYPES.map((v) => ({ value: v, label: t(TYPE_KEYS[v].label) })),
          )}
          {select(
            'basis',
            'crosswalk.basis',
            CROSSWALK_BASES.map((v) => ({ value: v, label: t(BASIS_KEYS[v].label) })),
          )}
          {select(
            'compact',
            'crosswalk.compact',
            COMPACT_IDS.map((v) => ({ value: v, label: t(COMPACT_KEYS[v]) })),
          )}
        </div>
        <p>
          <button type="submit">{t('crosswalk.apply')}</button>{' '}
          <a href={ctx.href('/analysis/crosswalk')}>{t('crosswalk.reset')}</a>
        </p>
      </fieldset>
    </form>
  );
}

/** What the letters and the asterisk of the matrices mean, in words. */
function Key({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="key">
      <h2 id="key">{t('crosswalk.key')}</h2>
      <p>{t('crosswalk.keyCells')}</p>
      <dl class="facts">
        {CROSSWALK_LINK_TYPES.map((k) => (
          <>
            <dt>
              {t(TYPE_KEYS[k].symbol)} · {t(TYPE_KEYS[k].label)}
            </dt>
            <dd>{t(TYPE_KEYS[k].help)}</dd>
          </>
        ))}
        {CROSSWALK_BASES.map((k) => (
          <>
            <dt>
              {k === 'official' ? '* · ' : ''}
              {t(BASIS_KEYS[k].label)}
            </dt>
            <dd>{t(BASIS_KEYS[k].help)}</dd>
          </>
        ))}
      </dl>
      <p class="sources">
        {t('crosswalk.keyColumns')} {t('crosswalk.sourcesNote')}
      </p>
    </section>
  );
}

/** The links from each node of `from`, as one list per node (nodes without links say so). */
function LinkLists({
  ctx,
  from,
  links,
  byId,
}: {
  ctx: PageCtx;
  from: CrosswalkNodeView[];
  links: CrosswalkLinkView[];
  byId: Map<string, CrosswalkNodeView>;
}) {
  const { t } = ctx;
  return (
    <>
      {from.map((node) => {
        const own = links.filter((l) => l.from === node.id);
        return (
          <section aria-labelledby={`node-${node.id}`}>
            <h4 id={`node-${node.id}`}>
              <NodeLink ctx={ctx} node={node} />
            </h4>
            {own.length === 0 ? (
              <p>{t('crosswalk.noLinks')}</p>
            ) : (
              <ul class="timeline events">
                {own.map((l) => (
                  <LinkItem ctx={ctx} link={l} other={byId.get(l.to)} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

function query(filter: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
}

function Coverage({
  ctx,
  coverage,
  byId,
}: {
  ctx: PageCtx;
  coverage: CoverageView;
  byId: Map<string, CrosswalkNodeView>;
}) {
  const refs = [...coverage.objectives, ...coverage.areas]
    .map((id) => byId.get(id))
    .filter((n): n is CrosswalkNodeView => n !== undefined);
  // Inline links in a sentence, which needs no extra spacing between targets (WCAG 2.5.8, inline exception).
  return (
    <>
      <strong>{ctx.t(LEVEL_KEYS[coverage.level])}</strong>
      {coverage.locator ? ` (${coverage.locator})` : ''}
      {refs.map((n, i) => (
        <>
          {i > 0 ? ', ' : coverage.level === 'not_covered' ? `; ${ctx.t('crosswalk.themes.see')} ` : ': '}
          <NodeLink ctx={ctx} node={n} />
        </>
      ))}
    </>
  );
}

function ThemeDetail({
  ctx,
  theme,
  byId,
}: {
  ctx: PageCtx;
  theme: ThemeView;
  byId: Map<string, CrosswalkNodeView>;
}) {
  const { t } = ctx;
  return (
    <li id={`theme-${theme.id}`}>
      <h3>
        {theme.name} {theme.gap ? <span class="badge">{t('crosswalk.themes.gap')}</span> : null}{' '}
        <StatusBadge ctx={ctx} status={theme.status} />
      </h3>
      <p>{theme.description}</p>
      <dl class="facts">
        {COMPACT_IDS.map((k) => (
          <>
            <dt>{t(COMPACT_KEYS[k])}</dt>
            <dd>
              <Coverage ctx={ctx} coverage={theme[k]} byId={byId} />
              <p>{theme[k].rationale}</p>
            </dd>
          </>
        ))}
      </dl>
      <Notes ctx={ctx} notes={theme.notes} />
      <SourceList ctx={ctx} sources={theme.sources} />
    </li>
  );
}

/** Registers `GET /analysis/crosswalk` and `GET /analysis/themes`. */
export function registerCrosswalkPages(app: Hono<AppEnv>): void {
  app.get('/analysis/crosswalk', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    // Empty fields are what a form sends for "any"; they are no filter, not invalid input.
    const values: Record<string, string> = {};
    for (const key of ['type', 'basis', 'compact', 'node']) {
      const v = c.req.query(key);
      if (v) values[key] = v;
    }
    const nodes = await listAllNodes(db);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const parsed = linkFilterSchema.safeParse(values);
    const invalidKeys = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    const filter: LinkFilterQuery = parsed.success ? parsed.data : {};
    if (filter.node && !byId.has(filter.node)) invalidKeys.push('node');
    const invalid = invalidKeys.map((k) => (FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k));
    const links =
      invalid.length === 0 ? (await listLinks(db, filter, nodes)).map(({ sort_key: _, ...l }) => l) : [];

    const qs = invalid.length === 0 ? query(filter) : '';
    const json = `/api/v1/crosswalk${qs ? `?${qs}` : ''}`;
    const csv = `/api/v1/crosswalk?${qs ? `${qs}&` : ''}format=csv&limit=500`;
    const gcmRows = nodes.filter((n) => n.side === 'gcm');
    const gcrNodes = nodes.filter((n) => n.side === 'gcr');
    const sdgNodes = nodes.filter((n) => n.side === 'sdg');
    const focus = filter.node ? byId.get(filter.node) : undefined;
    return c.html(
      <Layout
        ctx={ctx}
        title={t('crosswalk.title')}
        description={t('crosswalk.intro')}
        alternates={{ json, csv }}
      >
        <h1>{t('crosswalk.title')}</h1>
        <p class="lede">{t('crosswalk.intro')}</p>
        <p class="data-links">
          <a href={json}>{t('common.viewJson')}</a>
          <a href={csv}>{t('common.downloadCsv')}</a>
          <a href="/api/v1/crosswalk/nodes?limit=500">{t('crosswalk.nodesJson')}</a>
          <a href={ctx.href('/analysis/themes')}>{t('crosswalk.themesLink')}</a>
        </p>
        <FilterForm ctx={ctx} values={values} lang={c.get('explicitLocale') ? ctx.locale : undefined} />
        {invalid.length > 0 ? (
          <p class="notice" role="alert">
            {t('crosswalk.invalidFilter', { fields: invalid.join(', ') })}
          </p>
        ) : (
          <>
            {focus ? (
              <p class="notice">
                {t('crosswalk.nodeFilter', { code: focus.code, label: focus.shortLabel })}{' '}
                <a href={ctx.href('/analysis/crosswalk')}>{t('crosswalk.reset')}</a>
              </p>
            ) : null}
            <p>
              <strong>{t('crosswalk.count', { n: links.length })}</strong>
            </p>
            <Key ctx={ctx} />
            <h2 id="matrices">{t('crosswalk.matrices')}</h2>
            <h3>{t('crosswalk.matrix.gcmGcr')}</h3>
            <Matrix
              ctx={ctx}
              id="matrix-gcm-gcr"
              caption={t('crosswalk.matrix.gcmGcr')}
              rows={gcmRows}
              columns={gcrNodes}
              links={links}
            />
            <h3>{t('crosswalk.matrix.gcmSdg')}</h3>
            <Matrix
              ctx={ctx}
              id="matrix-gcm-sdg"
              caption={t('crosswalk.matrix.gcmSdg')}
              rows={gcmRows}
              columns={sdgNodes}
              links={links}
            />
            <h3>{t('crosswalk.matrix.gcrSdg')}</h3>
            <Matrix
              ctx={ctx}
              id="matrix-gcr-sdg"
              caption={t('crosswalk.matrix.gcrSdg')}
              rows={gcrNodes.filter((n) => links.some((l) => l.from === n.id))}
              columns={sdgNodes}
              links={links}
            />
            <h2 id="links">{t('crosswalk.lists')}</h2>
            {links.length === 0 ? <p>{t('crosswalk.none')}</p> : null}
            <h3>{t('crosswalk.listsGcm')}</h3>
            <LinkLists
              ctx={ctx}
              from={gcmRows.filter((n) => !focus || links.some((l) => l.from === n.id))}
              links={links}
              byId={byId}
            />
            <h3>{t('crosswalk.listsGcr')}</h3>
            <LinkLists
              ctx={ctx}
              from={gcrNodes.filter((n) => links.some((l) => l.from === n.id))}
              links={links}
              byId={byId}
            />
          </>
        )}
      </Layout>,
      invalid.length > 0 ? 400 : 200,
    );
  });

  app.get('/analysis/themes', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const [themes, nodes] = await Promise.all([listThemes(db), listAllNodes(db)]);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const ordered = gapsFirst(themes.map(({ sort_key: _, ...theme }) => theme));
    const gaps = ordered.filter((th) => th.gap);
    const json = '/api/v1/themes';
    const csv = '/api/v1/themes?format=csv&limit=500';
    return c.html(
      <Layout
        ctx={ctx}
        title={t('crosswalk.themes.title')}
        description={t('crosswalk.themes.intro')}
        alternates={{ json, csv }}
      >
        <h1>{t('crosswalk.themes.title')}</h1>
        <p class="lede">{t('crosswalk.themes.intro')}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <section class="notice" aria-labelledby="gaps">
          <h2 id="gaps">{t('crosswalk.themes.gaps')}</h2>
          {gaps.length === 0 ? (
            <p>{t('crosswalk.themes.noGaps')}</p>
          ) : (
            <>
              <p>{t('crosswalk.themes.gapsIntro')}</p>
              <ul>
                {gaps.map((g) => (
                  <li>
                    <a href={`#theme-${g.id}`}>{g.name}</a>: {g.description}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <h2 id="coverage">{t('crosswalk.themes.table')}</h2>
        <p class="sources">{t('crosswalk.themes.levelsHelp')}</p>
        <section class="table-scroll" aria-label={t('crosswalk.themes.caption')} tabindex={0}>
          <table class="themes">
            <caption>{t('crosswalk.themes.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crosswalk.themes.theme')}</th>
                <th scope="col">{t(COMPACT_KEYS.gcm)}</th>
                <th scope="col">{t(COMPACT_KEYS.gcr)}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((th) => (
                <tr>
                  <th scope="row">
                    <a href={`#theme-${th.id}`}>{th.name}</a>
                    {th.gap ? (
                      <>
                        {' '}
                        <span class="badge">{t('crosswalk.themes.gap')}</span>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <Coverage ctx={ctx} coverage={th.gcm} byId={byId} />
                  </td>
                  <td>
                    <Coverage ctx={ctx} coverage={th.gcr} byId={byId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <h2 id="details">{t('crosswalk.themes.details')}</h2>
        <ol class="timeline">
          {ordered.map((th) => (
            <ThemeDetail ctx={ctx} theme={th} byId={byId} />
          ))}
        </ol>
        <p class="data-links">
          <a href={ctx.href('/analysis/crosswalk')}>{t('crosswalk.themes.crosswalkLink')}</a>
        </p>
      </Layout>,
    );
  });
}
