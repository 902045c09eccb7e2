/** @jsxImportSource hono/jsx */
/** Home, about-the-data and API reference pages. */
import type { Hono } from 'hono';
import { ERROR_CODES } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { ScrollRegion } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageCtx } from '../../web/page.ts';
import { listCompacts } from '../compacts/repository.ts';
import { countSources, listSourcesWithUse, listUnverified } from './repository.ts';

type OpenApiDoc = { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };

export function registerSitePages(app: Hono<AppEnv>): void {
  app.get('/', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const [compacts, sources] = await Promise.all([listCompacts(db), countSources(db)]);
    const gcm = compacts.find((x) => x.id === 'gcm');
    const gcr = compacts.find((x) => x.id === 'gcr');
    const voteFigure = (compact: typeof gcm, key: 'home.fig.gcmVote' | 'home.fig.gcrVote') => {
      const vote = compact?.endorsement.vote;
      return vote ? (
        <li>
          <strong>{vote.yes}</strong> {t(key, { no: vote.no, abstain: vote.abstain })}
        </li>
      ) : null;
    };
    return c.html(
      <Layout ctx={ctx} title={t('site.name')} description={t('site.tagline')}>
        <h1>{t('home.title')}</h1>
        <p class="lede">{t('home.intro')}</p>
        <h2>{t('home.figures')}</h2>
        <ul class="figures">
          <li>
            <strong>{gcm?.objectiveCount ?? 0}</strong> {t('home.fig.gcmObjectives')}
          </li>
          <li>
            <strong>{gcr?.objectiveCount ?? 0}</strong> {t('home.fig.gcrObjectives')}
          </li>
          <li>
            <strong>{gcm?.principles.length ?? 0}</strong> {t('home.fig.principles')}
          </li>
          {voteFigure(gcm, 'home.fig.gcmVote')}
          {voteFigure(gcr, 'home.fig.gcrVote')}
          <li>
            <strong>{sources}</strong> {t('home.fig.sources')}
          </li>
        </ul>
        <h2>{t('home.compacts')}</h2>
        <div class="cards">
          {compacts.map((compact) => (
            <section class={`card ${compact.id}`} aria-labelledby={`card-${compact.id}`}>
              <h3 id={`card-${compact.id}`}>{compact.name}</h3>
              <p>{compact.summary}</p>
              <p>
                <a href={ctx.href(`/compacts/${compact.id}`)}>
                  {t('home.readCompact', { acronym: compact.acronym })}
                </a>
              </p>
            </section>
          ))}
        </div>
        <h2>{t('home.explore')}</h2>
        <ul>
          <li>
            <a href={ctx.href('/classifications/wmr2020')}>{t('nav.categories')}</a>:{' '}
            {t('home.link.categories')}
          </li>
          <li>
            <a href={ctx.href('/timeline')}>{t('nav.timeline')}</a>: {t('home.link.timeline')}
          </li>
          <li>
            <a href={ctx.href('/architecture')}>{t('nav.architecture')}</a>: {t('home.link.architecture')}
          </li>
          <li>
            <a href={ctx.href('/about')}>{t('nav.about')}</a>: {t('home.link.about')}
          </li>
          <li>
            <a href={ctx.href('/api')}>{t('nav.api')}</a>: {t('home.link.api')}
          </li>
        </ul>
      </Layout>,
    );
  });

  app.get('/about', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const [sources, unverified, compacts] = await Promise.all([
      listSourcesWithUse(db),
      listUnverified(db),
      listCompacts(db),
    ]);
    const base = c.var.deps.config.publicUrl;
    const year = new Date().getUTCFullYear();
    return c.html(
      <Layout ctx={ctx} title={t('about.title')}>
        <h1>{t('about.title')}</h1>
        <p class="lede">{t('about.intro')}</p>
        <h2 id="licence">{t('about.licence')}</h2>
        <p>{t('about.licenceBody')}</p>
        <h2 id="cite">{t('about.cite')}</h2>
        <p>{t('about.citeBody')}</p>
        <pre>
          Compact Watch ({year}). Global Compact for Migration, objective 11. {base}/objectives/gcm-11
          (accessed {new Date().toISOString().slice(0, 10)}). CC BY 4.0.
        </pre>
        <p>{t('about.citeRecord')}</p>
        <h2 id="conflicts">{t('about.conflicts')}</h2>
        <ul>
          {compacts
            .filter((x) => x.notes)
            .map((x) => (
              <li>
                <a href={ctx.href(`/compacts/${x.id}`)}>{x.acronym}</a>: {x.notes}
              </li>
            ))}
          {unverified.map((u) => (
            <li>
              <span class="badge unverified">{t('common.unverified')}</span> {u.title}
              {u.notes ? ` — ${u.notes}` : ''}
            </li>
          ))}
        </ul>
        <h2 id="correct">{t('about.correct')}</h2>
        <p>{t('about.correctBody')}</p>
        <h2 id="synthetic-data">{t('about.synthetic')}</h2>
        <p>{t('about.syntheticBody')}</p>
        <h2 id="sources">{t('about.sources', { n: sources.length })}</h2>
        <ol class="sources">
          {sources.map((s) => (
            <li id={`source-${s.id}`}>
              {s.url ? <a href={s.url}>{s.title}</a> : s.title}
              {s.symbol && !s.title.includes(s.symbol) ? ` (${s.symbol})` : ''}
              {s.publisher ? `. ${s.publisher}` : ''}
              {s.date ? `, ${s.date}` : ''} — {t('about.citedBy', { n: s.citedBy })}
            </li>
          ))}
        </ol>
      </Layout>,
    );
  });

  app.get('/api', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as OpenApiDoc;
    const endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: op.summary ?? '',
      })),
    );
    return c.html(
      <Layout ctx={ctx} title={t('api.title')}>
        <h1>{t('api.title')}</h1>
        <p class="lede">{t('api.intro')}</p>
        <p>
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)
        </p>
        <h2>{t('api.conventions')}</h2>
        <ul>
          <li>
            A single resource answers <code>{'{"data": {…}}'}</code>; a list answers{' '}
            <code>{'{"data": […], "page": {"limit": 50, "nextCursor": "…"}}'}</code>, plus <code>meta</code>{' '}
            where the list has summary figures.
          </li>
          <li>
            <code>limit</code> takes 1 to 500 (default 50). Pass <code>page.nextCursor</code> back as{' '}
            <code>cursor</code> for the next page; the <code>Link: rel="next"</code> header carries the same
            address. <code>nextCursor</code> is <code>null</code> on the last page.
          </li>
          <li>
            Every list has a CSV twin: add <code>format=csv</code>.
          </li>
          <li>
            Identifiers: compacts <code>gcm</code>, <code>gcr</code>; objectives <code>gcm-1</code> …{' '}
            <code>gcm-23</code>, <code>gcr-1</code> … <code>gcr-4</code>; classification scheme{' '}
            <code>wmr2020</code>; dates ISO 8601; field names camelCase. Every record carries its{' '}
            <code>sources</code>.
          </li>
          <li>
            Public reads send an <code>ETag</code> (answer <code>If-None-Match</code> for a 304) and{' '}
            <code>Cache-Control: public, max-age=300</code>; responses are compressed when the client accepts
            gzip.
          </li>
        </ul>
        <h2>{t('api.endpoints')}</h2>
        <ScrollRegion label={t('api.endpoints')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('api.method')}</th>
                <th scope="col">{t('api.path')}</th>
                <th scope="col">{t('api.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr>
                  <td>{e.method}</td>
                  <td>
                    <code>{e.path}</code>
                  </td>
                  <td>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <h2 id="errors">{t('api.errors')}</h2>
        <p>{t('api.errorsIntro')}</p>
        <pre>
          {JSON.stringify(
            {
              type: '/api#problem-not_found',
              title: 'Not Found',
              status: 404,
              detail: 'No objective with id "gcm-99".',
              code: 'not_found',
              instance: '/api/v1/objectives/gcm-99',
            },
            null,
            2,
          )}
        </pre>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('api.code')}</th>
              <th scope="col">{t('api.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(ERROR_CODES).map(([code, meaning]) => (
              <tr id={`problem-${code}`}>
                <td>
                  <code>{code}</code>
                </td>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
}
