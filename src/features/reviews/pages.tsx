/** @jsxImportSource hono/jsx */
/**
 * The review pages: `/reviews`, the review cycles of both compacts as a dated
 * list, and `/reviews/:id`, one cycle with its sources, the national reviews
 * recorded for it and, for a forum, the pledges made there.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { DataLinks, Notes, SourceList, StatusBadge } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { COMPACT_KEYS, DateSpan } from '../positions/components.tsx';
import { KIND_KEYS, NationalReviewsTable } from './components.tsx';
import type { ReviewCycleView } from './schemas.ts';
import { cyclesByCompact, cycleWithReviews, REVIEWS_SHOWN } from './service.ts';

/** A count in the reader's locale (1,600 · 1 600). */
const count = (ctx: PageCtx, x: number) => x.toLocaleString(ctx.locale === 'en' ? 'en-GB' : ctx.locale);

/** The national reviews recorded for a cycle and, for a pledge forum, the pledges recorded as made at it. */
function Counts({ ctx, cycle }: { ctx: PageCtx; cycle: ReviewCycleView }) {
  const { t } = ctx;
  const n = (x: number) => count(ctx, x);
  return (
    <p class="sources">
      {t('reviews.reviewCount', { n: n(cycle.nationalReviewCount) })}
      {cycle.pledgeCount !== null ? ` · ${t('reviews.pledgeCount', { n: n(cycle.pledgeCount) })}` : ''}
    </p>
  );
}

function CycleItem({ ctx, cycle }: { ctx: PageCtx; cycle: ReviewCycleView }) {
  const { t } = ctx;
  return (
    <li id={cycle.id}>
      <p>
        <DateSpan ctx={ctx} iso={cycle.startDate} precision={cycle.datePrecision} endDate={cycle.endDate} />
        <span class="sources"> · {t(KIND_KEYS[cycle.kind])}</span>
      </p>
      <h3>
        <a href={ctx.href(`/reviews/${cycle.id}`)}>{cycle.name}</a>{' '}
        <StatusBadge ctx={ctx} status={cycle.status} />
      </h3>
      <p>{cycle.description}</p>
      <Counts ctx={ctx} cycle={cycle} />
      <Notes ctx={ctx} notes={cycle.notes} />
    </li>
  );
}

/** Registers `GET /reviews` and `GET /reviews/:id` (an unknown id is the HTML 404 page). */
export function registerReviewsPages(app: Hono<AppEnv>): void {
  app.get('/reviews', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const groups = await cyclesByCompact(c.var.deps.db);
    // Every national review belongs to exactly one cycle.
    const total = groups.flatMap((g) => g.cycles).reduce((n, cycle) => n + cycle.nationalReviewCount, 0);
    const json = '/api/v1/review-cycles';
    const csv = '/api/v1/review-cycles?format=csv&limit=500';
    return c.html(
      <Layout
        ctx={ctx}
        title={t('reviews.title')}
        description={t('reviews.intro')}
        alternates={{ json, csv }}
      >
        <h1>{t('reviews.title')}</h1>
        <p class="lede">{t('reviews.intro')}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <p class="sources">{t('reviews.datesNote')}</p>
        {groups.map((g) => (
          <section aria-labelledby={`cycles-${g.compact}`}>
            <h2 id={`cycles-${g.compact}`}>{t(COMPACT_KEYS[g.compact])}</h2>
            {g.cycles.length === 0 ? (
              <p>{t('reviews.noCycles')}</p>
            ) : (
              <ol class="timeline">
                {g.cycles.map((cycle) => (
                  <CycleItem ctx={ctx} cycle={cycle} />
                ))}
              </ol>
            )}
          </section>
        ))}
        <h2 id="national-reviews">{t('reviews.nationalReviews')}</h2>
        <p>{t('reviews.nationalIntro')}</p>
        {total === 0 ? <p>{t('reviews.noneYet')}</p> : null}
        <DataLinks
          ctx={ctx}
          json="/api/v1/national-reviews"
          csv="/api/v1/national-reviews?format=csv&limit=500"
        />
      </Layout>,
    );
  });

  app.get('/reviews/:id', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const { cycle, reviews, more } = await cycleWithReviews(c.var.deps.db, c.req.param('id'));
    const json = `/api/v1/review-cycles/${cycle.id}`;
    const reviewsJson = `/api/v1/national-reviews?cycle=${cycle.id}`;
    const reviewsCsv = `/api/v1/national-reviews?cycle=${cycle.id}&format=csv&limit=500`;
    return c.html(
      <Layout ctx={ctx} title={cycle.name} description={cycle.description} alternates={{ json }}>
        <p class="sources">
          <a href={ctx.href('/reviews')}>{t('reviews.title')}</a>
        </p>
        <h1>
          {cycle.name} <StatusBadge ctx={ctx} status={cycle.status} />
        </h1>
        <p class="lede">{cycle.description}</p>
        <p class="data-links">
          <a href={json}>{t('reviews.cycleJson')}</a>
        </p>
        <dl class="facts">
          <dt>{t('reviews.compact')}</dt>
          <dd>
            <a href={ctx.href(`/compacts/${cycle.compact}`)}>{t(COMPACT_KEYS[cycle.compact])}</a>
          </dd>
          <dt>{t('reviews.kind')}</dt>
          <dd>{t(KIND_KEYS[cycle.kind])}</dd>
          <dt>{t('common.date')}</dt>
          <dd>
            <DateSpan
              ctx={ctx}
              iso={cycle.startDate}
              precision={cycle.datePrecision}
              endDate={cycle.endDate}
            />
            {cycle.datePrecision !== 'day' ? ` (${t('reviews.exactDatesNotFound')})` : ''}
          </dd>
          {cycle.milestone ? (
            <>
              <dt>{t('reviews.milestone')}</dt>
              <dd>
                <a href={ctx.href(`/timeline#${cycle.milestone}`)}>{t('reviews.onTimeline')}</a>
              </dd>
            </>
          ) : null}
          {cycle.pledgeCount !== null ? (
            <>
              <dt>{t('reviews.pledges')}</dt>
              <dd>
                <a href={ctx.href(`/pledges?forum=${cycle.id}`)}>
                  {t('reviews.pledgesRecorded', { n: count(ctx, cycle.pledgeCount) })}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        <Notes ctx={ctx} notes={cycle.notes} />
        <SourceList ctx={ctx} sources={cycle.sources} />

        <h2 id="national-reviews">{t('reviews.nationalReviews')}</h2>
        <DataLinks ctx={ctx} json={reviewsJson} csv={reviewsCsv} />
        {reviews.length === 0 ? (
          <p>{t('reviews.noneForCycle')}</p>
        ) : (
          <>
            <NationalReviewsTable
              ctx={ctx}
              reviews={reviews}
              by="state"
              caption={t('reviews.cycleCaption', { name: cycle.name })}
            />
            {more ? <p>{t('reviews.more', { n: REVIEWS_SHOWN, total: cycle.nationalReviewCount })}</p> : null}
          </>
        )}
      </Layout>,
    );
  });
}
