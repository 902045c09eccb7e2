/** @jsxImportSource hono/jsx */
/**
 * Pieces shared by the State profile, the positions page, the States map and
 * the timeline: stance and vote labels, dates at their precision, and one
 * position event as a list item.
 */
import type { Stance } from '../../domain/stance.ts';
import type { CompactId } from '../../http/params.ts';
import { formatDate, Notes, SourceList, StatusBadge } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import type { PositionEventView, VoteValue } from './schemas.ts';

export type DatePrecision = PositionEventView['datePrecision'];

export const STANCE_KEYS: Record<Stance, MessageKey> = {
  supports: 'stance.supports',
  opposes: 'stance.opposes',
  abstains: 'stance.abstains',
  undeclared: 'stance.undeclared',
};

export const VOTE_KEYS: Record<VoteValue, MessageKey> = {
  yes: 'positions.vote.yes',
  no: 'positions.vote.no',
  abstain: 'positions.vote.abstain',
  absent: 'positions.vote.absent',
};

export const COMPACT_KEYS: Record<CompactId, MessageKey> = {
  gcm: 'positions.compact.gcm',
  gcr: 'positions.compact.gcr',
};

const KIND_KEYS: Record<PositionEventView['kind'], MessageKey> = {
  statement_of_support: 'positions.kind.statement_of_support',
  announced_abstention: 'positions.kind.announced_abstention',
  announced_non_participation: 'positions.kind.announced_non_participation',
  postponement: 'positions.kind.postponement',
  participation: 'positions.kind.participation',
  adoption: 'positions.kind.adoption',
  endorsement: 'positions.kind.endorsement',
  dissociation: 'positions.kind.dissociation',
  withdrawal: 'positions.kind.withdrawal',
  return: 'positions.kind.return',
  parliamentary_decision: 'positions.kind.parliamentary_decision',
  vote: 'positions.kind.vote',
};

/** The machine-readable date at its precision: `2019`, `2019-07` or `2019-07-19`. */
export const datetimeAt = (iso: string, precision: DatePrecision) =>
  precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso;

/** A `<time>` that reads only as precisely as the sources date it ("December 2021", not "1 December 2021"). */
export function DateAt({ ctx, iso, precision }: { ctx: PageCtx; iso: string; precision: DatePrecision }) {
  return <time datetime={datetimeAt(iso, precision)}>{formatDate(iso, ctx.locale, precision)}</time>;
}

/** A date at its precision and, for an event over several days, the day it ended. */
export function DateSpan({
  ctx,
  iso,
  precision,
  endDate,
}: {
  ctx: PageCtx;
  iso: string;
  precision: DatePrecision;
  endDate: string | null | undefined;
}) {
  return (
    <>
      <DateAt ctx={ctx} iso={iso} precision={precision} />
      {endDate ? (
        <>
          {' – '}
          <DateAt ctx={ctx} iso={endDate} precision="day" />
        </>
      ) : null}
    </>
  );
}

/** The stance on a compact today, with the date it was taken at that date's precision. */
export function CurrentStance({
  ctx,
  current,
}: {
  ctx: PageCtx;
  current: { stance: Stance; since: string | null; sincePrecision: DatePrecision | null };
}) {
  const { t } = ctx;
  if (!current.since) return <span class="stance undeclared">{t('profile.undeclared')}</span>;
  return (
    <strong class={`stance ${current.stance}`}>
      {t('profile.since', {
        stance: t(STANCE_KEYS[current.stance]),
        date: formatDate(current.since, ctx.locale, current.sincePrecision ?? 'day'),
      })}
    </strong>
  );
}

/** Effect of one event on the stance: what it changed, what it confirmed, or nothing. */
export function EventEffect({
  ctx,
  event,
  change,
}: {
  ctx: PageCtx;
  event: PositionEventView;
  change: { from: Stance; to: Stance } | undefined;
}) {
  const { t } = ctx;
  if (change) {
    return (
      <strong class="effect">
        {t('profile.changed', { from: t(STANCE_KEYS[change.from]), to: t(STANCE_KEYS[change.to]) })}
      </strong>
    );
  }
  if (event.stance) {
    return <span class="effect">{t('profile.confirmed', { stance: t(STANCE_KEYS[event.stance]) })}</span>;
  }
  return <span class="effect">{t('profile.noChange')}</span>;
}

/**
 * One event of a timeline: its date at its precision, what happened, the
 * stance it implied, the recorded vote, its sources and notes, and a link to
 * its earlier versions when it was corrected.
 */
export function EventItem({
  ctx,
  event,
  change,
  conflict,
  sources = true,
}: {
  ctx: PageCtx;
  event: PositionEventView;
  change: { from: Stance; to: Stance } | undefined;
  /** Where on the page the source conflict about this event is set out. */
  conflict?: { href: string; heading: string };
  sources?: boolean;
}) {
  const { t } = ctx;
  return (
    <li id={`event-${event.id}`}>
      <p>
        <DateSpan ctx={ctx} iso={event.date} precision={event.datePrecision} endDate={event.endDate} />
        <span class="sources"> · {t(KIND_KEYS[event.kind])}</span>{' '}
        <StatusBadge ctx={ctx} status={event.status} />
      </p>
      {/* A roll-call vote reads in the page's language; other titles are written in English in the data. */}
      <p class="event-title">
        {event.vote && event.resolution
          ? t('profile.recordedVote', { symbol: event.resolution.symbol, vote: t(VOTE_KEYS[event.vote]) })
          : event.title}
      </p>
      <p>
        <EventEffect ctx={ctx} event={event} change={change} />
      </p>
      {conflict ? (
        <p class="conflict-ref">
          <a href={conflict.href}>{t('profile.conflictRef', { heading: conflict.heading })}</a>
        </p>
      ) : null}
      <Notes ctx={ctx} notes={event.note} />
      {sources ? <SourceList ctx={ctx} sources={event.sources} /> : null}
      {event.version > 1 ? (
        <p class="data-links">
          <a href={`/api/v1/positions/events/${encodeURIComponent(event.id)}`}>
            {t('profile.versions', { n: event.version })}
          </a>
        </p>
      ) : null}
    </li>
  );
}
