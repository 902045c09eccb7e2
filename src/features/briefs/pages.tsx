/** @jsxImportSource hono/jsx */
/**
 * The printable country brief, `GET /states/:iso3/brief`: one or two A4
 * pages on a State — stance on each compact and its history, the 2018 votes
 * and any source conflict, the pledges it made with their status and flags,
 * the objectives they address, its national reviews — with numbered
 * references, the data version, the licence and the brief's permanent
 * address. It renders `stateBrief()`, the value the JSON API returns, and
 * marks each figure with `data-figure` (its place in that JSON), so tests can
 * hold the two equal. The print stylesheet is in `src/web/static/site.css`.
 */
import type { Hono } from 'hono';
import { NotFoundError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { formatDate } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { COMPACT_KEYS, CurrentStance } from '../positions/components.tsx';
import { Objectives, Pledges, Reviews } from './registry-sections.tsx';
import type { StateBrief } from './schemas.ts';
import { About, History, References, Votes } from './sections.tsx';
import { briefPath, stateBrief } from './service.ts';

/** The whole page of one brief, from the brief alone (and the reader's language). */
function BriefPage({ ctx, brief }: { ctx: PageCtx; brief: StateBrief }) {
  const { t } = ctx;
  const name = brief.names[ctx.locale] || brief.name;
  const props = { ctx, brief, name };
  return (
    <Layout
      ctx={ctx}
      title={t('brief.title', { name })}
      description={t('brief.lede', { name })}
      alternates={{ json: `/api/v1${briefPath(brief.iso3)}` }}
    >
      <article class="brief">
        <h1>{t('brief.title', { name })}</h1>
        <p class="lede">{t('brief.lede', { name })}</p>
        <p class="data-links">
          <a href={ctx.href(`/states/${brief.iso3}`)}>{t('brief.profile')}</a>
          <a href={`/api/v1${briefPath(brief.iso3)}`}>{t('brief.json')}</a>
        </p>
        <About {...props} />

        <h2 id="brief-stances">{t('brief.stances')}</h2>
        <dl class="facts current">
          {brief.stances.map((s) => (
            <>
              <dt>{t(COMPACT_KEYS[s.compact])}</dt>
              <dd data-stance={s.compact}>
                <CurrentStance ctx={ctx} current={s} />
              </dd>
            </>
          ))}
        </dl>

        <History {...props} />
        <Votes {...props} />
        <Pledges {...props} />
        {brief.pledges.total > 0 ? <Objectives {...props} /> : null}
        <Reviews {...props} />
        <References ctx={ctx} brief={brief} />
        <p class="brief-footer">
          {t('brief.footer', { name, date: formatDate(brief.asOf, ctx.locale), url: brief.url })}
        </p>
      </article>
    </Layout>
  );
}

/** Registers `GET /states/:iso3/brief` (any case, as the profile; an unknown code is the HTML 404 page). */
export function registerBriefsPages(app: Hono<AppEnv>): void {
  app.get('/states/:iso3/brief', async (c) => {
    const raw = c.req.param('iso3');
    if (!/^[A-Za-z]{3}$/.test(raw)) throw new NotFoundError('State', raw);
    const deps = c.var.deps;
    const brief = await stateBrief(deps.db, raw, { today: todayIso(), publicUrl: deps.config.publicUrl });
    return c.html(<BriefPage ctx={pageCtx(c)} brief={brief} />);
  });
}
