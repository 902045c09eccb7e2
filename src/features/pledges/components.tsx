/** @jsxImportSource hono/jsx */
/**
 * Pieces shared by the pledge pages and the pledge sections of the objective
 * and State pages: labels of facet values, flag badges (text, not colour
 * alone), the results table, and a short list with a link to the explorer.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PledgeFlags } from '../../domain/pledge-flags.ts';
import { type Facet, PLEDGE_FLAG_VALUES, type PledgeFlagValue } from '../../domain/pledge-search.ts';
import { ColumnHeads, formatDate, ScrollRegion } from '../../web/components.tsx';
import { en } from '../../web/i18n/en.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import { filterParams } from './query.ts';
import type { RegistryContext } from './service.ts';
import { type PledgeListItem, type PledgeQuery, registryContext, searchPledges } from './service.ts';

/** The message for `prefix.value`, or the value itself when there is none. */
export function labelOf(ctx: PageCtx, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in en ? ctx.t(key as MessageKey) : value;
}

/** "GCM 5", "GCR 2" from an objective id. */
export function objectiveCode(id: string): string {
  const [compact = '', n = ''] = id.split('-');
  return `${compact.toUpperCase()} ${n}`;
}

/** The reader's label of a facet value: objective short labels, category and region names, enums. */
export function facetValueLabel(
  ctx: PageCtx,
  registry: RegistryContext,
  facet: Facet,
  value: string,
): string {
  switch (facet) {
    case 'compact':
      return value.toUpperCase();
    case 'objective': {
      const o = registry.objectives.find((x) => x.id === value);
      return o ? `${objectiveCode(value)}: ${o.shortLabel}` : value;
    }
    case 'category':
      return registry.categories.find((c) => c.id === value)?.name ?? value;
    case 'region':
      if (value === 'global') return ctx.t('pledges.region.global');
      return labelOf(ctx, 'states.region', value) !== value
        ? labelOf(ctx, 'states.region', value)
        : (registry.regions.find((r) => r.code === value)?.name ?? value);
    case 'actorType':
      return labelOf(ctx, 'actorType', value);
    case 'status':
      return labelOf(ctx, 'pledges.status', value);
    case 'forum':
      return labelOf(ctx, 'forum', value);
    case 'type':
      return labelOf(ctx, 'pledgeType', value);
    case 'flag':
      return labelOf(ctx, 'pledges.flag', value);
  }
}

/** The flags of a pledge as values of the `flag` facet. */
export function flagValues(flags: PledgeFlags): PledgeFlagValue[] {
  const on: Record<PledgeFlagValue, boolean> = {
    overdue: flags.overdue,
    stale: flags.stale,
    noTargetDate: !flags.quality.hasTargetDate,
    noQuantity: !flags.quality.hasQuantityOrAmount,
    noPlace: !flags.quality.hasPlace,
    noObjective: !flags.quality.hasObjective,
  };
  return PLEDGE_FLAG_VALUES.filter((f) => on[f]);
}

/** Flags as text badges; the help text says what each means. */
export function FlagBadges({ ctx, flags }: { ctx: PageCtx; flags: PledgeFlags }) {
  const values = flagValues(flags);
  if (values.length === 0) return <span class="muted">{ctx.t('pledges.noFlag')}</span>;
  return (
    <ul class="badges">
      {values.map((f) => (
        <li>
          <span class={`badge flag ${f === 'overdue' || f === 'stale' ? 'alert' : 'quality'}`}>
            {labelOf(ctx, 'pledges.flag', f)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The badge's label and help text by what it marks: a national review's help text names a review. */
const SYNTHETIC_MESSAGES = {
  record: { label: 'pledges.synthetic', help: 'pledges.syntheticHelp' },
  review: { label: 'reviews.synthetic', help: 'reviews.syntheticHelp' },
} as const satisfies Record<string, { label: MessageKey; help: MessageKey }>;

/**
 * Marks a generated record (a pledge, actor, update or assessment; with
 * `of="review"`, a national review), so it is never read as real.
 */
export function SyntheticBadge({
  ctx,
  synthetic,
  of = 'record',
}: {
  ctx: PageCtx;
  synthetic: boolean;
  of?: keyof typeof SYNTHETIC_MESSAGES;
}) {
  if (!synthetic) return null;
  const messages = SYNTHETIC_MESSAGES[of];
  // The space before it comes with it, so a title without a badge ends cleanly.
  return (
    <>
      {' '}
      <span class="badge synthetic" title={ctx.t(messages.help)}>
        {ctx.t(messages.label)}
      </span>
    </>
  );
}

export function statusLabel(ctx: PageCtx, status: string | null): string {
  return labelOf(ctx, 'pledges.status', status ?? 'none');
}

export function DateCell({ ctx, iso }: { ctx: PageCtx; iso: string | null }) {
  if (!iso) return <span class="muted">{ctx.t('pledge.notGiven')}</span>;
  return <time datetime={iso}>{formatDate(iso, ctx.locale)}</time>;
}

/** The results table: title, actor, compacts, objectives, status, target date, flags. */
export function PledgeTable({
  ctx,
  items,
  caption,
  showActor = true,
}: {
  ctx: PageCtx;
  items: PledgeListItem[];
  caption: string;
  showActor?: boolean;
}) {
  const { t } = ctx;
  const heads = [
    t('pledges.col.title'),
    ...(showActor ? [t('pledges.col.actor')] : []),
    t('pledges.col.compacts'),
    t('pledges.col.objectives'),
    t('pledges.col.status'),
    t('pledges.col.target'),
    t('pledges.col.flags'),
  ];
  return (
    <ScrollRegion label={caption}>
      <table class="pledges">
        <caption>{caption}</caption>
        <ColumnHeads labels={heads} />
        <tbody>
          {items.map((p) => (
            <tr>
              <th scope="row">
                <a href={ctx.href(`/pledges/${encodeURIComponent(p.id)}`)}>{p.title}</a>
                <SyntheticBadge ctx={ctx} synthetic={p.synthetic} />
              </th>
              {showActor ? (
                <td>
                  <a href={ctx.href(`/actors/${encodeURIComponent(p.actorId)}`)}>{p.actorName}</a>
                </td>
              ) : null}
              <td>{p.compacts.map((c) => c.toUpperCase()).join(', ')}</td>
              <td>
                {p.objectives.length === 0 ? (
                  <span class="muted">{t('pledge.notGiven')}</span>
                ) : (
                  p.objectives.map((o, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={ctx.href(`/objectives/${o}`)}>{objectiveCode(o)}</a>
                    </>
                  ))
                )}
              </td>
              <td>{statusLabel(ctx, p.latestStatus)}</td>
              <td>
                <DateCell ctx={ctx} iso={p.targetDate} />
              </td>
              <td>
                <FlagBadges ctx={ctx} flags={p.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * Links between pages of results: to the first page (when this is not it)
 * and to the next one (when there is one); nothing when there is neither.
 */
export function Pager({ ctx, first, next }: { ctx: PageCtx; first: string | null; next: string | null }) {
  if (first === null && next === null) return null;
  return (
    <nav aria-label={ctx.t('pledges.pages')} class="pager">
      <ul>
        {first !== null ? (
          <li>
            <a href={first}>{ctx.t('pledges.first')}</a>
          </li>
        ) : null}
        {next !== null ? (
          <li>
            <a href={next} rel="next">
              {ctx.t('pledges.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** An explorer address for a filter (repeated parameters, as the explorer's form writes them). */
export function explorerHref(ctx: PageCtx, filter: PledgeQuery, cursor?: string): string {
  const params = filterParams(filter, 'repeat');
  if (cursor) params.set('cursor', cursor);
  const qs = params.toString();
  return ctx.href(`/pledges${qs ? `?${qs}` : ''}`);
}

/**
 * A section of another page listing the first pledges of a filter, with the
 * count and a link to all of them in the explorer. Async: it runs the search
 * itself, so a page only places it.
 *
 * @example
 * <PledgeSection ctx={ctx} db={db} id="pledges" heading={(n) => t('pledges.section.objective', { n })}
 *   filter={{ objective: ['gcm-5'] }} today={todayIso()} caption="…" />
 */
export async function PledgeSection({
  ctx,
  db,
  id,
  heading,
  caption,
  filter,
  today,
  limit = 10,
}: {
  ctx: PageCtx;
  db: Kysely<Database>;
  id: string;
  heading: (n: number) => string;
  caption: string;
  filter: PledgeQuery;
  today: string;
  limit?: number;
}) {
  const { t } = ctx;
  const { index } = await registryContext(db);
  const found = index.size === 0 ? null : await searchPledges(db, filter, { limit }, today);
  const total = found?.total ?? 0;
  return (
    <section aria-labelledby={`${id}-h`} class="pledge-section">
      <h2 id={`${id}-h`}>{heading(total)}</h2>
      {found && total > 0 ? (
        <>
          <PledgeTable ctx={ctx} items={found.items} caption={caption} />
          <p>
            <a href={explorerHref(ctx, filter)}>{t('pledges.section.more', { n: total })}</a>
          </p>
        </>
      ) : (
        <p>
          {t('pledges.section.none')} <a href={ctx.href('/pledges')}>{t('pledges.section.explorer')}</a>
        </p>
      )}
    </section>
  );
}
