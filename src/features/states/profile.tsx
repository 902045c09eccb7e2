/** @jsxImportSource hono/jsx */
/**
 * The State profile, `GET /states/:iso3`: codes and region, the current
 * stance on each compact, both position timelines event by event, recorded
 * votes, and any disagreement between sources about this State's record.
 */
import type { Hono } from 'hono';
import { NotFoundError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { ColumnHeads, ScrollRegion, SourceList } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { PledgeSection } from '../pledges/components.tsx';
import { COMPACT_KEYS, CurrentStance, DateAt, EventItem, VOTE_KEYS } from '../positions/components.tsx';
import { listResolutions } from '../positions/repository.ts';
import type { PositionEventView, ResolutionView } from '../positions/schemas.ts';
import { type CompactTimeline, stateTimelines } from '../positions/service.ts';
import { StateNationalReviews } from '../reviews/components.tsx';
import { listNationalReviews } from '../reviews/repository.ts';
import { getState } from './repository.ts';
import type { StateView } from './schemas.ts';

type Conflict = ResolutionView['conflicts'][number] & { symbol: string; resolutionId: string };

const conflictAnchor = (c: { id: string }) => `conflict-${c.id}`;

/** A disagreement between sources, with both readings and the sources of each. */
function ConflictNotice({ ctx, conflict }: { ctx: PageCtx; conflict: Conflict }) {
  const { t } = ctx;
  const id = conflictAnchor(conflict);
  return (
    <section class="conflict" aria-labelledby={`${id}-h`} id={id}>
      <h2 id={`${id}-h`}>{t('profile.conflict', { symbol: conflict.symbol })}</h2>
      <p>{conflict.description}</p>
      <ol class="readings">
        {conflict.readings.map((r, i) => (
          <li>
            <p>
              <strong>
                {t('profile.reading', { n: i + 1 })} (
                {r.preferred ? t('profile.followed') : t('profile.notFollowed')}):
              </strong>{' '}
              {r.text}
            </p>
            <SourceList ctx={ctx} sources={r.sources} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Timeline({
  ctx,
  timeline,
  conflicts,
}: {
  ctx: PageCtx;
  timeline: CompactTimeline;
  conflicts: Map<string, Conflict>;
}) {
  const { t } = ctx;
  const changes = new Map(timeline.changes.map((c) => [c.eventId, c]));
  const heading = t(COMPACT_KEYS[timeline.compact]);
  return (
    <section aria-labelledby={`timeline-${timeline.compact}`}>
      <h3 id={`timeline-${timeline.compact}`}>{heading}</h3>
      {timeline.events.length === 0 ? (
        <p>{t('positions.noEvents')}</p>
      ) : (
        <ol class="timeline events">
          {timeline.events.map((e) => {
            const conflict = e.conflict ? conflicts.get(e.conflict.id) : undefined;
            return (
              <EventItem
                ctx={ctx}
                event={e}
                change={changes.get(e.id)}
                conflict={
                  conflict
                    ? {
                        href: `#${conflictAnchor(conflict)}`,
                        heading: t('profile.conflict', { symbol: conflict.symbol }),
                      }
                    : undefined
                }
              />
            );
          })}
        </ol>
      )}
    </section>
  );
}

function VotesTable({ ctx, state, votes }: { ctx: PageCtx; state: string; votes: PositionEventView[] }) {
  const { t } = ctx;
  if (votes.length === 0) return <p>{t('profile.noVotes')}</p>;
  return (
    <ScrollRegion label={t('profile.votesCaption', { name: state })}>
      <table>
        <caption>{t('profile.votesCaption', { name: state })}</caption>
        <ColumnHeads
          labels={[t('profile.resolution'), t('positions.compactLabel'), t('common.date'), t('profile.vote')]}
        />
        <tbody>
          {votes.map((v) => (
            <tr>
              <th scope="row">{v.resolution?.symbol}</th>
              <td>{v.compact.toUpperCase()}</td>
              <td>
                <DateAt ctx={ctx} iso={v.date} precision={v.datePrecision} />
              </td>
              <td>
                {v.vote ? t(VOTE_KEYS[v.vote]) : ''}
                {v.conflict ? (
                  <>
                    {' '}
                    (<a href={`#${conflictAnchor(v.conflict)}`}>{t('profile.disputed')}</a>)
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Facts({ ctx, state, name }: { ctx: PageCtx; state: StateView; name: string }) {
  const { t } = ctx;
  return (
    <dl class="facts" aria-label={t('profile.facts', { name })}>
      {ctx.locale !== 'en' ? (
        <>
          <dt>{t('profile.englishName')}</dt>
          <dd lang="en">{state.names.en}</dd>
        </>
      ) : null}
      <dt>{t('profile.iso3')}</dt>
      <dd>
        <code>{state.iso3}</code>
      </dd>
      <dt>{t('profile.iso2')}</dt>
      <dd>
        <code>{state.iso2}</code>
      </dd>
      <dt>{t('profile.numeric')}</dt>
      <dd>
        <code>{state.numeric}</code>
      </dd>
      <dt>{t('profile.region')}</dt>
      <dd>
        {state.region.name} ({state.region.code})
      </dd>
      <dt>{t('profile.subregion')}</dt>
      <dd>
        {state.subregion.name} ({state.subregion.code})
      </dd>
      {state.intermediateRegion ? (
        <>
          <dt>{t('profile.intermediateRegion')}</dt>
          <dd>
            {state.intermediateRegion.name} ({state.intermediateRegion.code})
          </dd>
        </>
      ) : null}
      <dt>{t('profile.membership')}</dt>
      <dd>{state.membership === 'member' ? t('profile.member') : t('profile.observer')}</dd>
    </dl>
  );
}

/** Registers `GET /states/:iso3` (any case; an unknown code is the HTML 404 page). */
export function registerStateProfilePage(app: Hono<AppEnv>): void {
  app.get('/states/:iso3', async (c) => {
    const raw = c.req.param('iso3');
    if (!/^[A-Za-z]{3}$/.test(raw)) throw new NotFoundError('State', raw);
    const db = c.var.deps.db;
    const state = await getState(db, raw.toUpperCase());
    const ctx = pageCtx(c);
    const { t } = ctx;
    const [timelines, resolutions] = await Promise.all([
      stateTimelines(db, state, todayIso()),
      listResolutions(db),
    ]);
    const conflicts = new Map<string, Conflict>(
      resolutions.flatMap((r) =>
        r.conflicts
          .filter((cf) => cf.states.includes(state.iso3))
          .map((cf) => [cf.id, { ...cf, symbol: r.symbol, resolutionId: r.id }] as const),
      ),
    );
    const votes = timelines
      .flatMap((tl) => tl.events)
      .filter((e) => e.resolution !== null)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const name = state.names[ctx.locale] || state.name;
    const nationalReviews = await listNationalReviews(db, { iso3: state.iso3 });
    const json = `/api/v1/states/${state.iso3}`;
    const positionsJson = `/api/v1/states/${state.iso3}/positions`;

    return c.html(
      <Layout ctx={ctx} title={name} description={t('profile.lede', { name })} alternates={{ json }}>
        <h1>{name}</h1>
        <p class="lede">{t('profile.lede', { name })}</p>
        <p class="data-links">
          <a href={json}>{t('profile.stateJson')}</a>
          <a href={positionsJson}>{t('profile.positionsJson')}</a>
          <a href={ctx.href(`/positions?compare=${state.iso3}#compare`)}>{t('profile.allPositions')}</a>
          <a href={ctx.href(`/states/${state.iso3}/brief`)}>{t('brief.link')}</a>
        </p>
        <Facts ctx={ctx} state={state} name={name} />
        <SourceList ctx={ctx} sources={state.sources} />

        <h2 id="current">{t('profile.current')}</h2>
        <dl class="facts current">
          {timelines.map((tl) => (
            <>
              <dt>{t(COMPACT_KEYS[tl.compact])}</dt>
              <dd>
                <CurrentStance ctx={ctx} current={tl.current} />
              </dd>
            </>
          ))}
        </dl>

        {[...conflicts.values()].map((cf) => (
          <ConflictNotice ctx={ctx} conflict={cf} />
        ))}

        <h2 id="timelines">{t('profile.timelines')}</h2>
        <p class="sources">{t('positions.datesNote')}</p>
        {timelines.map((tl) => (
          <Timeline ctx={ctx} timeline={tl} conflicts={conflicts} />
        ))}

        <h2 id="votes">{t('profile.votes')}</h2>
        <VotesTable ctx={ctx} state={name} votes={votes} />

        <PledgeSection
          ctx={ctx}
          db={db}
          id="pledges-by"
          heading={(n) => t('pledges.section.byState', { n })}
          caption={t('pledges.section.byStateCaption', { name })}
          filter={{ actor: [state.iso3] }}
          today={todayIso()}
        />
        <PledgeSection
          ctx={ctx}
          db={db}
          id="pledges-for"
          heading={(n) => t('pledges.section.forState', { n })}
          caption={t('pledges.section.forStateCaption', { name })}
          filter={{ place: [state.iso3] }}
          today={todayIso()}
        />

        <StateNationalReviews ctx={ctx} name={name} iso3={state.iso3} reviews={nationalReviews} />
      </Layout>,
    );
  });
}
