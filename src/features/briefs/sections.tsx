/** @jsxImportSource hono/jsx */
/**
 * The sections of the country brief drawn from reference data: the facts
 * about the brief, the history of positions, the 2018 votes with any source
 * conflict, and the numbered references.
 */
import { ColumnHeads, formatDate, ScrollRegion, StatusBadge } from '../../web/components.tsx';
import type { PageCtx } from '../../web/page.ts';
import { COMPACT_KEYS, DateAt, DateSpan, EventEffect, VOTE_KEYS } from '../positions/components.tsx';
import { Cites, type SectionProps } from './cites.tsx';
import type { BriefConflict, StateBrief } from './schemas.ts';

export function About({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  return (
    <dl class="facts brief-about" aria-label={t('brief.about')}>
      <dt>{t('brief.region')}</dt>
      <dd>
        {brief.region.name} ({brief.region.code}), {brief.subregion.name} ({brief.subregion.code}){' '}
        <Cites ctx={ctx} cites={brief.stateCites} />
      </dd>
      <dt>{t('profile.iso3')}</dt>
      <dd>
        <code>{brief.iso3}</code>
        {ctx.locale !== 'en' && brief.name !== name ? (
          <>
            {' · '}
            <span lang="en">{brief.name}</span>
          </>
        ) : null}
      </dd>
      <dt>{t('brief.asOf')}</dt>
      <dd>
        {t('brief.asOfValue', {
          date: formatDate(brief.asOf, ctx.locale),
          version: brief.dataVersion,
          changed: formatDate(brief.dataChangedAt.slice(0, 10), ctx.locale),
        })}
      </dd>
      <dt>{t('brief.licence')}</dt>
      <dd>
        <a href={brief.licenceUrl}>{brief.licence}</a>. {t('brief.licenceValue')}
      </dd>
      <dt>{t('brief.permalink')}</dt>
      <dd class="permalink">
        <a href={brief.url}>{brief.url}</a>
      </dd>
    </dl>
  );
}

export function History({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  return (
    <section aria-labelledby="brief-history">
      <h2 id="brief-history">{t('brief.history')}</h2>
      {brief.history.map((h) => (
        <>
          {h.events.length === 0 ? (
            <p>
              {t(COMPACT_KEYS[h.compact])}: {t('positions.noEvents')}
            </p>
          ) : (
            <ScrollRegion label={t('brief.historyCaption', { name, compact: h.compact.toUpperCase() })}>
              <table class="brief-events">
                <caption>{t('brief.historyCaption', { name, compact: h.compact.toUpperCase() })}</caption>
                <ColumnHeads
                  labels={[
                    t('brief.col.date'),
                    t('brief.col.event'),
                    t('brief.col.effect'),
                    t('brief.col.sources'),
                  ]}
                />
                <tbody>
                  {h.events.map((e) => (
                    <tr id={`event-${e.id}`}>
                      <td>
                        <DateSpan ctx={ctx} iso={e.date} precision={e.datePrecision} endDate={e.endDate} />
                      </td>
                      <th scope="row">
                        {e.vote && e.resolution
                          ? t('profile.recordedVote', {
                              symbol: e.resolution.symbol,
                              vote: t(VOTE_KEYS[e.vote]),
                            })
                          : e.title}{' '}
                        <StatusBadge ctx={ctx} status={e.status} />
                      </th>
                      <td>
                        <EventEffect ctx={ctx} event={{ ...e, sources: [] }} change={e.change ?? undefined} />
                      </td>
                      <td>
                        <Cites ctx={ctx} cites={e.cites} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      ))}
    </section>
  );
}

function Conflict({ ctx, conflict }: { ctx: PageCtx; conflict: BriefConflict }) {
  const { t } = ctx;
  const id = `conflict-${conflict.id}`;
  return (
    <section class="conflict" aria-labelledby={`${id}-h`} id={id}>
      <h3 id={`${id}-h`}>{t('profile.conflict', { symbol: conflict.symbol })}</h3>
      <p>{conflict.description}</p>
      <ol class="readings">
        {conflict.readings.map((r, i) => (
          <li>
            <strong>
              {t('profile.reading', { n: i + 1 })} (
              {r.preferred ? t('profile.followed') : t('profile.notFollowed')}
              ):
            </strong>{' '}
            {r.text} <Cites ctx={ctx} cites={r.cites} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Votes({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  return (
    <section aria-labelledby="brief-votes">
      <h2 id="brief-votes">{t('brief.votes')}</h2>
      <p>{t('brief.votesIntro', { name })}</p>
      {brief.votes.length === 0 ? (
        <p>{t('brief.noVotes')}</p>
      ) : (
        <ScrollRegion label={t('brief.votesCaption', { name })}>
          <table class="brief-votes">
            <caption>{t('brief.votesCaption', { name })}</caption>
            <ColumnHeads
              labels={[
                t('profile.resolution'),
                t('positions.compactLabel'),
                t('common.date'),
                t('profile.vote'),
                t('brief.col.sources'),
              ]}
            />
            <tbody>
              {brief.votes.map((v) => (
                <tr>
                  <th scope="row">{v.resolution.symbol}</th>
                  <td>{v.compact.toUpperCase()}</td>
                  <td>
                    <DateAt ctx={ctx} iso={v.date} precision={v.datePrecision} />
                  </td>
                  <td data-vote={v.resolution.id}>
                    {t(VOTE_KEYS[v.vote])}
                    {v.conflictId ? (
                      <>
                        {' '}
                        (<a href={`#conflict-${v.conflictId}`}>{t('brief.disputed')}</a>)
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Cites ctx={ctx} cites={v.cites} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {brief.conflicts.map((cf) => (
        <Conflict ctx={ctx} conflict={cf} />
      ))}
    </section>
  );
}

export function References({ ctx, brief }: { ctx: PageCtx; brief: StateBrief }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="brief-references">
      <h2 id="brief-references">{t('brief.references')}</h2>
      <p class="sources">{t('brief.referencesIntro')}</p>
      <ol class="references">
        {brief.references.map((r) => (
          <li id={`ref-${r.ref}`}>
            {r.url ? <a href={r.url}>{r.title}</a> : r.title}
            {r.symbol && !r.title.includes(r.symbol) ? ` (${r.symbol})` : ''}
            {r.publisher ? `. ${r.publisher}` : ''}
            {r.date ? `, ${r.date}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
