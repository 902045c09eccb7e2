/** @jsxImportSource hono/jsx */
/** The timeline page: milestones of both compacts, filterable without JavaScript. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { DataLinks, Notes, SourceList, StatusBadge } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { DateSpan } from '../positions/components.tsx';
import { listMilestones } from './repository.ts';
import { type MilestoneFilterQuery, type MilestoneView, milestoneFilterSchema } from './schemas.ts';

const KIND_LABELS: Record<string, MessageKey> = {
  resolution: 'timeline.kind.resolution',
  conference: 'timeline.kind.conference',
  forum: 'timeline.kind.forum',
  report: 'timeline.kind.report',
  launch: 'timeline.kind.launch',
  negotiation: 'timeline.kind.negotiation',
};
const COMPACT_LABELS: Record<string, MessageKey> = { gcm: 'timeline.gcm', gcr: 'timeline.gcr' };
const FIELD_LABELS: Record<string, MessageKey> = {
  compact: 'timeline.compact',
  from: 'timeline.from',
  to: 'timeline.to',
};

function MilestoneItem({ ctx, m }: { ctx: PageCtx; m: MilestoneView }) {
  const { t } = ctx;
  const kind = KIND_LABELS[m.kind];
  const facts = [
    kind ? t(kind) : m.kind,
    ...m.compacts.map((k) => (COMPACT_LABELS[k] ? t(COMPACT_LABELS[k]) : k)),
  ].join(' · ');
  return (
    <li id={m.id}>
      <p>
        <DateSpan ctx={ctx} iso={m.date} precision={m.datePrecision} endDate={m.endDate} />
        <span class="sources"> · {facts}</span>
      </p>
      <h3>
        {m.title} <StatusBadge ctx={ctx} status={m.status} />
      </h3>
      <p>{m.description}</p>
      {m.symbol ? (
        <p class="sources">
          <strong>{t('timeline.symbol')}:</strong> {m.symbol}
        </p>
      ) : null}
      <Notes ctx={ctx} notes={m.notes} />
      <SourceList ctx={ctx} sources={m.sources} />
    </li>
  );
}

function FilterForm({ ctx, values, lang }: { ctx: PageCtx; values: Record<string, string>; lang?: string }) {
  const { t } = ctx;
  return (
    <form class="form-controls" method="get" action="/timeline">
      <fieldset>
        <legend>{t('timeline.filter')}</legend>
        {/* A GET form replaces the action's query string, so the chosen language travels as a field. */}
        {lang ? <input type="hidden" name="lang" value={lang} /> : null}
        <label for="timeline-compact">{t('timeline.compact')}</label>{' '}
        <select id="timeline-compact" name="compact">
          <option value="">{t('timeline.allCompacts')}</option>
          {COMPACT_IDS.map((k) => (
            <option value={k} selected={values.compact === k}>
              {t(COMPACT_LABELS[k]!)}
            </option>
          ))}
        </select>{' '}
        <label for="timeline-from">{t('timeline.from')}</label>{' '}
        <input type="date" id="timeline-from" name="from" value={values.from ?? ''} />{' '}
        <label for="timeline-to">{t('timeline.to')}</label>{' '}
        <input type="date" id="timeline-to" name="to" value={values.to ?? ''} />{' '}
        <button type="submit">{t('timeline.apply')}</button>{' '}
        <a href={ctx.href('/timeline')}>{t('timeline.reset')}</a>
      </fieldset>
    </form>
  );
}

/** Registers `GET /timeline`. */
export function registerMilestonesPages(app: Hono<AppEnv>): void {
  app.get('/timeline', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    // Empty fields are what a form sends for "any"; they are no filter, not invalid input.
    const values: Record<string, string> = {};
    for (const key of ['compact', 'from', 'to']) {
      const v = c.req.query(key);
      if (v) values[key] = v;
    }
    const parsed = milestoneFilterSchema.safeParse(values);
    const filter: MilestoneFilterQuery = parsed.success ? parsed.data : {};
    const query = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])),
    );
    const qs = query.toString();
    const json = `/api/v1/milestones${qs ? `?${qs}` : ''}`;
    const csv = `/api/v1/milestones?${qs ? `${qs}&` : ''}format=csv&limit=500`;
    const milestones = parsed.success ? await listMilestones(c.var.deps.db, filter) : [];
    const invalid = parsed.success
      ? []
      : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].map((k) =>
          FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k,
        );

    return c.html(
      <Layout
        ctx={ctx}
        title={t('timeline.title')}
        description={t('timeline.intro')}
        alternates={{ json, csv }}
      >
        <h1>{t('timeline.title')}</h1>
        <p class="lede">{t('timeline.intro')}</p>
        <FilterForm ctx={ctx} values={values} lang={c.get('explicitLocale') ? ctx.locale : undefined} />
        {invalid.length > 0 ? (
          <p class="notice" role="alert">
            {t('timeline.invalidFilter', { fields: invalid.join(', ') })}
          </p>
        ) : (
          <>
            <DataLinks ctx={ctx} json={json} csv={csv} />
            <h2 id="milestones">{t('timeline.count', { n: milestones.length })}</h2>
            {milestones.length === 0 ? (
              <p>{t('timeline.empty')}</p>
            ) : (
              <ol class="timeline">
                {milestones.map((m) => (
                  <MilestoneItem ctx={ctx} m={m} />
                ))}
              </ol>
            )}
          </>
        )}
      </Layout>,
      invalid.length > 0 ? 400 : 200,
    );
  });
}
