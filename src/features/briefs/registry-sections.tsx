/** @jsxImportSource hono/jsx */
/**
 * The sections of the country brief drawn from the registry: the pledges the
 * State made (counts by status, overdue and stale for the brief's day, the
 * most recent ones), the objectives they address, and its national reviews.
 */
import { ColumnHeads, formatDate, ScrollRegion } from '../../web/components.tsx';
import type { PageCtx } from '../../web/page.ts';
import {
  DateCell,
  explorerHref,
  labelOf,
  objectiveCode,
  SyntheticBadge,
  statusLabel,
} from '../pledges/components.tsx';
import { COMPACT_KEYS, DateAt } from '../positions/components.tsx';
import { Cites, Figure, fmt, type SectionProps } from './cites.tsx';
import type { StateBrief } from './schemas.ts';

export function Pledges({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  const p = brief.pledges;
  const statuses = ['planning', 'in_progress', 'fulfilled', 'none'] as const;
  return (
    <section aria-labelledby="brief-pledges">
      <h2 id="brief-pledges">{t('brief.pledges', { name })}</h2>
      {p.total === 0 ? (
        <p>{t('brief.noPledges', { name })}</p>
      ) : (
        <>
          <ScrollRegion label={t('brief.pledgeCounts', { name })}>
            <table class="brief-counts">
              <caption>{t('brief.pledgeCounts', { name })}</caption>
              <ColumnHeads
                labels={[
                  t('brief.count.total'),
                  ...statuses.map((s) => statusLabel(ctx, s === 'none' ? null : s)),
                  t('brief.count.overdue'),
                  t('brief.count.stale'),
                ]}
              />
              <tbody>
                <tr>
                  <td class="num">
                    <Figure ctx={ctx} path="pledges.total" value={p.total} />
                  </td>
                  {statuses.map((s) => (
                    <td class="num">
                      <Figure ctx={ctx} path={`pledges.byStatus.${s}`} value={p.byStatus[s]} />
                    </td>
                  ))}
                  <td class="num">
                    <Figure ctx={ctx} path="pledges.overdue" value={p.overdue} />
                  </td>
                  <td class="num">
                    <Figure ctx={ctx} path="pledges.stale" value={p.stale} />
                  </td>
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
          <p class="sources">{t('brief.flagsNote', { date: formatDate(brief.asOf, ctx.locale) })}</p>
        </>
      )}
      {p.items.length === 0 ? null : (
        <>
          <ScrollRegion label={t('brief.pledgesCaption', { name })}>
            <table class="pledges brief-pledges">
              <caption>{t('brief.pledgesCaption', { name })}</caption>
              <ColumnHeads
                labels={[
                  t('pledges.col.title'),
                  t('pledges.col.compacts'),
                  t('pledges.col.objectives'),
                  t('pledges.col.status'),
                  t('pledges.col.target'),
                  t('pledges.col.flags'),
                ]}
              />
              <tbody>
                {p.items.map((item) => (
                  <tr id={`pledge-${item.id}`}>
                    <th scope="row">
                      <a href={ctx.href(`/pledges/${encodeURIComponent(item.id)}`)}>{item.title}</a>
                      <SyntheticBadge ctx={ctx} synthetic={item.synthetic} />{' '}
                      <Cites ctx={ctx} cites={item.cites} />
                    </th>
                    <td>{item.compacts.map((c) => c.toUpperCase()).join(', ')}</td>
                    <td>
                      {item.objectives.length === 0 ? (
                        <span class="muted">{t('pledge.notGiven')}</span>
                      ) : (
                        item.objectives.map(objectiveCode).join(', ')
                      )}
                    </td>
                    <td>{statusLabel(ctx, item.status)}</td>
                    <td>
                      <DateCell ctx={ctx} iso={item.targetDate} />
                    </td>
                    <td>
                      {item.overdue || item.stale ? (
                        [item.overdue ? 'overdue' : null, item.stale ? 'stale' : null]
                          .filter((f) => f !== null)
                          .map((f) => <span class="badge flag alert">{labelOf(ctx, 'pledges.flag', f)}</span>)
                      ) : (
                        <span class="muted">{t('pledges.noFlag')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {p.items.length < p.total ? (
            <p class="permalink">
              {t('brief.pledgesShown', { shown: fmt(ctx, p.items.length), total: fmt(ctx, p.total) })}{' '}
              <a href={p.explorerUrl}>{p.explorerUrl}</a>
            </p>
          ) : null}
          <p class="data-links">
            <a href={explorerHref(ctx, { actor: [brief.iso3] })}>{t('brief.allPledges', { name })}</a>
          </p>
        </>
      )}
    </section>
  );
}

function ObjectiveList({
  ctx,
  objectives,
  path,
}: {
  ctx: PageCtx;
  objectives: StateBrief['objectives']['byCompact'][number]['objectives'];
  path: string;
}) {
  if (objectives.length === 0) return <p>{ctx.t('brief.noObjectives')}</p>;
  return (
    <ul class="objective-counts">
      {objectives.map((o) => (
        <li>
          {objectiveCode(o.id)}: {o.shortLabel} (
          <Figure ctx={ctx} path={`${path}.${o.id}`} value={o.pledges} />)
        </li>
      ))}
    </ul>
  );
}

/** The objectives the State's pledges address, by compact and by WMR 2020 category (shown when it has pledges). */
export function Objectives({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  const o = brief.objectives;
  return (
    <section aria-labelledby="brief-objectives">
      <h2 id="brief-objectives">{t('brief.objectives')}</h2>
      <p>{t('brief.objectivesIntro', { name })}</p>
      <div class="brief-columns">
        <section aria-labelledby="brief-by-compact">
          <h3 id="brief-by-compact">{t('brief.byCompact')}</h3>
          {o.byCompact.map((g) => (
            <>
              <h4>
                {t(COMPACT_KEYS[g.compact])} (
                <Figure ctx={ctx} path={`objectives.byCompact.${g.compact}`} value={g.pledges} />)
              </h4>
              <ObjectiveList ctx={ctx} objectives={g.objectives} path={`objectives.byCompact.${g.compact}`} />
            </>
          ))}
        </section>
        <section aria-labelledby="brief-by-category">
          <h3 id="brief-by-category">{t('brief.byCategory')}</h3>
          <p class="sources">
            {t('brief.categoryNote')}{' '}
            <a href={ctx.href(`/classifications/${o.scheme}`)}>{t('nav.categories')}</a>
          </p>
          {o.byCategory.map((g) => (
            <>
              <h4>
                {g.name} (
                <Figure ctx={ctx} path={`objectives.byCategory.${g.id}`} value={g.pledges} />)
              </h4>
              <ObjectiveList ctx={ctx} objectives={g.objectives} path={`objectives.byCategory.${g.id}`} />
            </>
          ))}
        </section>
      </div>
    </section>
  );
}

export function Reviews({ ctx, brief, name }: SectionProps) {
  const { t } = ctx;
  return (
    <section aria-labelledby="brief-reviews">
      <h2 id="brief-reviews">
        {t('reviews.nationalReviews')} (
        <Figure ctx={ctx} path="nationalReviews.length" value={brief.nationalReviews.length} />)
      </h2>
      {brief.nationalReviews.length === 0 ? (
        <p>{t('reviews.noneForState')}</p>
      ) : (
        <ScrollRegion label={t('reviews.stateCaption', { name })}>
          <table class="national-reviews">
            <caption>{t('reviews.stateCaption', { name })}</caption>
            <ColumnHeads
              labels={[
                t('reviews.cycle'),
                t('reviews.reviewTitle'),
                t('reviews.submitted'),
                t('common.objectives'),
              ]}
            />
            <tbody>
              {brief.nationalReviews.map((r) => (
                <tr>
                  <th scope="row">{r.cycleName}</th>
                  <td>
                    {r.title}
                    <SyntheticBadge ctx={ctx} synthetic={r.synthetic} of="review" />{' '}
                    <Cites ctx={ctx} cites={r.cites} />
                  </td>
                  <td>
                    <DateAt ctx={ctx} iso={r.submittedOn} precision="day" />
                  </td>
                  <td>
                    {r.objectives.length === 0
                      ? t('common.none')
                      : r.objectives.map(objectiveCode).join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
