/** @jsxImportSource hono/jsx */
/**
 * Actors: `GET /actors` (a list with a type filter, States first) and
 * `GET /actors/:id` (an actor, its pledges, and the pledges it is a partner in).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { decodeCursor, encodeCursor } from '../../http/list.ts';
import { todayIso } from '../../http/params.ts';
import { ColumnHeads, ScrollRegion } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageCtx } from '../../web/page.ts';
import { explorerHref, labelOf, Pager, PledgeTable, SyntheticBadge } from './components.tsx';
import { ACTOR_TYPES } from './records.ts';
import { loadPledgeRecords, pledgesPartneredBy } from './repository.ts';
import { flagsOfRow, getActor, listActors, searchPledges } from './service.ts';

const ACTORS_PAGE_SIZE = 100;
const ACTOR_PLEDGES = 50;
const PARTNER_PLEDGES = 20;

export async function renderActors(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const raw = c.req.query('type') ?? '';
  const type = (ACTOR_TYPES as readonly string[]).includes(raw) ? raw : '';
  const cursor = c.req.query('cursor') || undefined;
  const { items, nextSortKey } = await listActors(
    c.var.deps.db,
    { type: type ? [type] : undefined },
    { limit: ACTORS_PAGE_SIZE, afterSortKey: decodeCursor(cursor) },
  );
  const lang = c.get('explicitLocale') ? ctx.locale : undefined;
  const link = (params: Record<string, string>) => {
    const qs = new URLSearchParams(params).toString();
    return ctx.href(`/actors${qs ? `?${qs}` : ''}`);
  };
  const api = `/api/v1/actors?${new URLSearchParams({ ...(type ? { type } : {}), limit: '500' })}`;
  const caption = type
    ? t('actors.captionType', { type: labelOf(ctx, 'actorType', type) })
    : t('actors.caption');
  return c.html(
    <Layout ctx={ctx} title={t('actors.title')} description={t('actors.lede')} alternates={{ json: api }}>
      <h1>{t('actors.title')}</h1>
      <p class="lede">{t('actors.lede')}</p>
      <form method="get" action="/actors" class="states-query actors-query form-controls">
        {lang ? <input type="hidden" name="lang" value={lang} /> : null}
        <div class="field">
          <label for="actors-type">{t('actors.type')}</label>
          <select id="actors-type" name="type">
            <option value="">{t('actors.allTypes')}</option>
            {ACTOR_TYPES.map((v) => (
              <option value={v} selected={v === type}>
                {labelOf(ctx, 'actorType', v)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('actors.show')}</button>
      </form>
      <p class="data-links">
        <a href={api}>{t('common.viewJson')}</a>
        <a href={`${api}&format=csv`}>{t('common.downloadCsv')}</a>
      </p>
      {items.length === 0 ? (
        <p>{t('actors.none')}</p>
      ) : (
        <ScrollRegion label={caption}>
          <table class="actors">
            <caption>{caption}</caption>
            <ColumnHeads
              labels={[
                t('actors.col.name'),
                t('actors.col.type'),
                t('actors.col.state'),
                t('actors.col.pledges'),
              ]}
            />
            <tbody>
              {items.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={ctx.href(`/actors/${encodeURIComponent(a.id)}`)}>{a.name}</a>
                    <SyntheticBadge ctx={ctx} synthetic={a.synthetic} />
                  </th>
                  <td>{labelOf(ctx, 'actorType', a.type)}</td>
                  <td>{a.iso3 ? <a href={ctx.href(`/states/${a.iso3}`)}>{a.iso3}</a> : ''}</td>
                  <td class="num">
                    {a.pledgeCount > 0 ? (
                      <a href={explorerHref(ctx, { actor: [a.id] })}>{a.pledgeCount}</a>
                    ) : (
                      a.pledgeCount
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager
        ctx={ctx}
        first={cursor ? link(type ? { type } : {}) : null}
        next={
          nextSortKey !== null ? link({ ...(type ? { type } : {}), cursor: encodeCursor(nextSortKey) }) : null
        }
      />
    </Layout>,
  );
}

export async function renderActor(c: Context<AppEnv>): Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const db = c.var.deps.db;
  const today = todayIso();
  const actor = await getActor(db, c.req.param('id') ?? '');
  const [own, partnerIds] = await Promise.all([
    searchPledges(db, { actor: [actor.id] }, { limit: ACTOR_PLEDGES }, today),
    pledgesPartneredBy(db, actor.id),
  ]);
  const partnered = (await loadPledgeRecords(db, partnerIds.slice(0, PARTNER_PLEDGES))).map((p) => ({
    ...p,
    flags: flagsOfRow(p, today),
  }));
  const json = `/api/v1/actors/${encodeURIComponent(actor.id)}`;
  const pledgesCsv = `/api/v1/pledges?${new URLSearchParams({ actor: actor.id, limit: '500', format: 'csv' })}`;
  return c.html(
    <Layout ctx={ctx} title={actor.name} alternates={{ json }}>
      <p>
        <a href={ctx.href('/actors')}>{t('actors.title')}</a>
      </p>
      <h1>
        {actor.name}
        <SyntheticBadge ctx={ctx} synthetic={actor.synthetic} />
      </h1>
      <p class="data-links">
        <a href={json}>{t('actor.json')}</a>
        <a href={pledgesCsv}>{t('actor.pledgesCsv')}</a>
      </p>
      <dl class="facts">
        <dt>{t('actors.col.type')}</dt>
        <dd>{labelOf(ctx, 'actorType', actor.type)}</dd>
        {actor.iso3 ? (
          <>
            <dt>{actor.type === 'state' ? t('actor.profile') : t('actors.col.state')}</dt>
            <dd>
              <a href={ctx.href(`/states/${actor.iso3}`)}>{actor.iso3}</a>
            </dd>
          </>
        ) : null}
        {actor.website ? (
          <>
            <dt>{t('actor.website')}</dt>
            <dd>
              <a href={actor.website}>{actor.website}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('actor.origin')}</dt>
        <dd>{actor.origin === 'reference' ? t('actor.origin.reference') : t('actor.origin.registry')}</dd>
      </dl>

      <h2 id="pledges">{t('actor.pledges', { n: actor.pledgeCount })}</h2>
      {own.total === 0 ? (
        <p>{t('actor.noPledges')}</p>
      ) : (
        <>
          <PledgeTable
            ctx={ctx}
            items={own.items}
            caption={t('actor.pledgesCaption', { name: actor.name })}
            showActor={false}
          />
          {own.total > own.items.length ? (
            <p>
              <a href={explorerHref(ctx, { actor: [actor.id] })}>
                {t('pledges.section.more', { n: own.total })}
              </a>
            </p>
          ) : null}
        </>
      )}

      <h2 id="partner">{t('actor.partnerIn', { n: actor.partnerCount })}</h2>
      {partnered.length === 0 ? (
        <p>{t('actor.noPartner')}</p>
      ) : (
        <PledgeTable ctx={ctx} items={partnered} caption={t('actor.partnerCaption', { name: actor.name })} />
      )}
    </Layout>,
  );
}
