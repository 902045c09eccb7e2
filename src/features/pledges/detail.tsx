/** @jsxImportSource hono/jsx */
/**
 * One pledge, `GET /pledges/:id`: every field of the record, its flags
 * explained in words, its history (the actor's progress updates and the
 * independent assessments, oldest first, with evidence links), partners,
 * matched pledges, sources, and links to the same as JSON and CSV.
 */
import type { Context } from 'hono';
import type { PledgeFlags } from '../../domain/pledge-flags.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { formatDate } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import {
  DateCell,
  explorerHref,
  flagValues,
  labelOf,
  objectiveCode,
  SyntheticBadge,
  statusLabel,
} from './components.tsx';
import { getPledge, type PledgeDetail, registryContext } from './service.ts';

type HistoryEntry =
  | { kind: 'update'; date: string; item: PledgeDetail['updates'][number] }
  | { kind: 'assessment'; date: string; item: PledgeDetail['assessments'][number] };

function EvidenceList({ ctx, links }: { ctx: PageCtx; links: string[] }) {
  if (links.length === 0) return null;
  return (
    <div class="sources">
      <strong>{ctx.t('pledge.evidence')}:</strong>
      <ul>
        {links.map((href) => (
          <li>
            <a href={href}>{href}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Updates and assessments on one line of time, oldest first (an update before an assessment of the same day). */
function History({ ctx, pledge }: { ctx: PageCtx; pledge: PledgeDetail }) {
  const { t } = ctx;
  const entries: HistoryEntry[] = [
    ...pledge.updates.map((u): HistoryEntry => ({ kind: 'update', date: u.reportedOn, item: u })),
    ...pledge.assessments.map((a): HistoryEntry => ({ kind: 'assessment', date: a.assessedOn, item: a })),
  ].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'update' ? -1 : 1,
  );
  if (entries.length === 0) return <p>{t('pledge.noHistory')}</p>;
  return (
    <ol class="timeline history">
      {entries.map((e) => (
        <li id={`${e.kind}-${e.item.id}`} class={e.kind}>
          <p>
            <time datetime={e.date}>{formatDate(e.date, ctx.locale)}</time> —{' '}
            <strong>
              {e.kind === 'update'
                ? t('pledge.updateItem', { status: statusLabel(ctx, e.item.status) })
                : t('pledge.assessmentItem', {
                    assessor: e.item.assessor,
                    status: labelOf(ctx, 'assessment', e.item.status),
                  })}
            </strong>
            <SyntheticBadge ctx={ctx} synthetic={e.item.synthetic} />
          </p>
          {e.item.narrative ? <p>{e.item.narrative}</p> : null}
          <EvidenceList ctx={ctx} links={e.item.evidence} />
        </li>
      ))}
    </ol>
  );
}

/** Each flag that applies, in words; or a sentence saying none does. */
function FlagsExplained({ ctx, flags }: { ctx: PageCtx; flags: PledgeFlags }) {
  const { t } = ctx;
  const values = flagValues(flags);
  if (values.length === 0) return <p>{t('pledge.noFlags')}</p>;
  return (
    <ul class="flags-explained">
      {values.map((f) => (
        <li>
          <span class={`badge flag ${f === 'overdue' || f === 'stale' ? 'alert' : 'quality'}`}>
            {labelOf(ctx, 'pledges.flag', f)}
          </span>{' '}
          {labelOf(ctx, 'pledges.flagHelp', f)}
        </li>
      ))}
    </ul>
  );
}

export async function renderPledge(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const db = c.var.deps.db;
  const id = c.req.param('id') ?? '';
  const today = todayIso();
  const [pledge, registry] = await Promise.all([getPledge(db, id, today), registryContext(db)]);
  const json = `/api/v1/pledges/${encodeURIComponent(pledge.id)}`;
  const updatesCsv = `${json}/updates?format=csv&limit=500`;
  const assessmentsCsv = `/api/v1/assessments?${new URLSearchParams({ pledge: pledge.id, format: 'csv', limit: '500' })}`;
  const shortLabel = (o: string) => registry.objectives.find((x) => x.id === o)?.shortLabel ?? o;
  const nf = new Intl.NumberFormat(ctx.locale);
  const fact = (label: string, value: unknown) => (
    <>
      <dt>{label}</dt>
      <dd>{value as string}</dd>
    </>
  );
  const notGiven = <span class="muted">{t('pledge.notGiven')}</span>;
  const isoPlaces = pledge.places.filter((p) => /^[A-Z]{3}$/.test(p));
  const stateRows = isoPlaces.length
    ? await db
        .selectFrom('states')
        .select(['iso3', 'name', 'name_fr', 'name_es'])
        .where('iso3', 'in', isoPlaces)
        .execute()
    : [];
  const stateName = new Map(
    stateRows.map((r) => [
      r.iso3,
      ctx.locale === 'fr' ? r.name_fr : ctx.locale === 'es' ? r.name_es : r.name,
    ]),
  );
  const placeLabel = (p: string) =>
    p === '001'
      ? t('pledges.region.global')
      : /^[A-Z]{3}$/.test(p)
        ? (stateName.get(p) ?? p)
        : facetRegion(ctx, registry.regions, p);

  return c.html(
    <Layout
      ctx={ctx}
      title={pledge.title}
      description={pledge.description.slice(0, 200)}
      alternates={{ json }}
    >
      <p>
        <a href={ctx.href('/pledges')}>{t('pledges.title')}</a>
      </p>
      <h1>
        {pledge.title}
        <SyntheticBadge ctx={ctx} synthetic={pledge.synthetic} />
      </h1>
      <p class="data-links">
        <a href={json}>{t('pledge.json')}</a>
        <a href={updatesCsv}>{t('pledge.updatesCsv')}</a>
        <a href={assessmentsCsv}>{t('pledge.assessmentsCsv')}</a>
        <a href={explorerHref(ctx, { actor: [pledge.actorId] })}>{t('pledge.sameActor')}</a>
      </p>
      {pledge.description ? <p class="lede">{pledge.description}</p> : null}

      <h2 id="facts">{t('pledge.facts')}</h2>
      <dl class="facts">
        {fact(t('pledge.id'), <code>{pledge.id}</code>)}
        {fact(
          t('pledge.actor'),
          <>
            <a href={ctx.href(`/actors/${encodeURIComponent(pledge.actor.id)}`)}>{pledge.actor.name}</a> (
            {labelOf(ctx, 'actorType', pledge.actor.type)})
          </>,
        )}
        {fact(
          t('pledge.partners'),
          pledge.partners.length === 0 ? (
            notGiven
          ) : (
            <ul>
              {pledge.partners.map((a) => (
                <li>
                  <a href={ctx.href(`/actors/${encodeURIComponent(a.id)}`)}>{a.name}</a> (
                  {labelOf(ctx, 'actorType', a.type)})
                </li>
              ))}
            </ul>
          ),
        )}
        {fact(t('pledges.col.compacts'), pledge.compacts.map((x) => x.toUpperCase()).join(', '))}
        {fact(
          t('pledges.col.objectives'),
          pledge.objectives.length === 0 ? (
            notGiven
          ) : (
            <ul>
              {pledge.objectives.map((o) => (
                <li>
                  <a href={ctx.href(`/objectives/${o}`)}>
                    {objectiveCode(o)}: {shortLabel(o)}
                  </a>
                </li>
              ))}
            </ul>
          ),
        )}
        {fact(
          t('pledge.principles'),
          pledge.principles.length === 0 ? notGiven : pledge.principles.join(', '),
        )}
        {fact(
          t('pledge.places'),
          pledge.places.length === 0 ? (
            notGiven
          ) : (
            <ul>
              {pledge.places.map((p) => (
                <li>
                  {/^[A-Z]{3}$/.test(p) ? (
                    <a href={ctx.href(`/states/${p}`)}>{placeLabel(p)}</a>
                  ) : (
                    placeLabel(p)
                  )}
                </li>
              ))}
            </ul>
          ),
        )}
        {fact(t('pledges.facet.type'), labelOf(ctx, 'pledgeType', pledge.type))}
        {fact(t('pledges.facet.forum'), labelOf(ctx, 'forum', pledge.forum))}
        {fact(t('pledge.announced'), <DateCell ctx={ctx} iso={pledge.announcedOn} />)}
        {fact(t('pledges.col.target'), <DateCell ctx={ctx} iso={pledge.targetDate} />)}
        {fact(
          t('pledge.amount'),
          pledge.amount !== null && pledge.currency
            ? new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: pledge.currency }).format(
                pledge.amount,
              )
            : notGiven,
        )}
        {fact(
          t('pledge.quantity'),
          pledge.quantity !== null ? `${nf.format(pledge.quantity)} ${pledge.quantityUnit ?? ''}` : notGiven,
        )}
        {fact(t('pledges.facet.status'), statusLabel(ctx, pledge.latestStatus))}
        {fact(t('pledge.lastReported'), <DateCell ctx={ctx} iso={pledge.lastReportedOn} />)}
        {fact(
          t('pledge.assessment'),
          pledge.assessmentStatus ? labelOf(ctx, 'assessment', pledge.assessmentStatus) : notGiven,
        )}
      </dl>

      <h2 id="flags">{t('pledge.flags')}</h2>
      <FlagsExplained ctx={ctx} flags={pledge.flags} />
      <p class="sources">{t('pledge.flagsAsOf', { date: formatDate(today, ctx.locale) })}</p>

      <h2 id="history">{t('pledge.history')}</h2>
      <p class="sources">{t('pledge.historyIntro')}</p>
      <History ctx={ctx} pledge={pledge} />

      <h2 id="matches">{t('pledge.matches')}</h2>
      {pledge.matched.length === 0 ? (
        <p>{t('pledge.noMatches')}</p>
      ) : (
        <ul>
          {pledge.matched.map((m) => (
            <li>
              <a href={ctx.href(`/pledges/${encodeURIComponent(m.pledgeId)}`)}>{m.title}</a> ({m.actorName}) —{' '}
              {labelOf(ctx, 'pledge.relation', m.relation)}
              {m.listedBy === 'other' ? ` ${t('pledge.listedByOther')}` : ''}
              <SyntheticBadge ctx={ctx} synthetic={m.synthetic} />
            </li>
          ))}
        </ul>
      )}

      <h2 id="sources">{t('common.sources')}</h2>
      {pledge.sources.length === 0 ? (
        <p>{t('pledge.noSources')}</p>
      ) : (
        <ul class="sources">
          {pledge.sources.map((s) => (
            <li>
              <a href={s}>{s}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
}

function facetRegion(ctx: PageCtx, regions: { code: string; name: string }[], code: string): string {
  const known = labelOf(ctx, 'states.region', code);
  if (known !== code) return `${known} (${code})`;
  const r = regions.find((x) => x.code === code);
  return r ? `${r.name} (${code})` : `M49 ${code}`;
}
