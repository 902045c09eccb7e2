/** @jsxImportSource hono/jsx */
/** Pages: one per compact and one per objective. */
import type { Hono } from 'hono';
import { NotFoundError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { todayIso } from '../../http/params.ts';
import { DataLinks, formatDate, Notes, SourceList, StatusBadge } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { PledgeSection } from '../pledges/components.tsx';
import { getCompact, getObjective, listObjectives } from './repository.ts';
import type { CompactView } from './schemas.ts';

type Node = CompactView['structure'][number];

function StructureTree({ ctx, nodes }: { ctx: PageCtx; nodes: Node[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          {n.title}
          {n.paragraphs ? ` (${ctx.t('compact.paragraphs', { range: n.paragraphs })})` : ''}
          {n.notes ? <span class="sources"> — {n.notes}</span> : null}
          {n.children && n.children.length > 0 ? <StructureTree ctx={ctx} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function registerCompactsPages(app: Hono<AppEnv>): void {
  app.get('/compacts/:id', async (c) => {
    const id = c.req.param('id');
    if (id !== 'gcm' && id !== 'gcr') throw new NotFoundError('compact', id);
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const [compact, objectives] = await Promise.all([
      getCompact(db, id),
      listObjectives(db, { compactId: id }),
    ]);
    const vote = compact.endorsement.vote;
    const json = `/api/v1/compacts/${id}`;
    const csv = `/api/v1/compacts/${id}/objectives?format=csv&limit=500`;
    return c.html(
      <Layout ctx={ctx} title={compact.name} description={compact.summary} alternates={{ json, csv }}>
        <h1>
          {compact.name} ({compact.acronym}) <StatusBadge ctx={ctx} status={compact.status} />
        </h1>
        <p class="lede">{compact.summary}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <dl class="facts">
          <dt>{t('compact.adoptedBy')}</dt>
          <dd>
            {compact.adoption.body}
            {compact.adoption.place ? `, ${compact.adoption.place}` : ''}
          </dd>
          <dt>{t('compact.adoptedOn')}</dt>
          <dd>
            <time datetime={compact.adoption.date}>{formatDate(compact.adoption.date, ctx.locale)}</time>
            {compact.adoption.manner ? ` (${compact.adoption.manner})` : ''}
          </dd>
          <dt>{t('compact.resolution')}</dt>
          <dd>
            {compact.endorsement.resolution} ({compact.endorsement.verb},{' '}
            <time datetime={compact.endorsement.date}>
              {formatDate(compact.endorsement.date, ctx.locale)}
            </time>
            )
          </dd>
          {vote ? (
            <>
              <dt>{t('compact.vote')}</dt>
              <dd>
                {t('compact.voteFigures', { yes: vote.yes, no: vote.no, abstain: vote.abstain })}
                {vote.notVoting !== undefined ? t('compact.voteNotVoting', { n: vote.notVoting }) : ''}
              </dd>
            </>
          ) : null}
          <dt>{t('compact.legalNature')}</dt>
          <dd>
            {compact.legallyBinding ? '' : `${t('compact.notBinding')}. `}
            {compact.legalNature}
          </dd>
        </dl>
        <Notes ctx={ctx} notes={compact.adoption.notes} />
        <Notes ctx={ctx} notes={compact.notes} />
        <SourceList ctx={ctx} sources={compact.sources} />

        <h2 id="objectives">
          {t('compact.objectives')} ({objectives.length})
        </h2>
        <ol>
          {objectives.map((o) => (
            <li value={o.number}>
              <a href={ctx.href(`/objectives/${o.id}`)}>{o.title}</a>
              {o.categories.length > 0 ? (
                <span class="sources"> — {o.categories.map((k) => k.name).join('; ')}</span>
              ) : null}
            </li>
          ))}
        </ol>

        <h2 id="principles">{t('compact.principles')}</h2>
        <ol>
          {compact.principles.map((p) => (
            <li>
              {p.code ? `(${p.code}) ` : ''}
              <strong>{p.title}</strong>
              {p.description ? ` — ${p.description}` : ''} <StatusBadge ctx={ctx} status={p.status} />
            </li>
          ))}
        </ol>
        {compact.principles[0] ? <Notes ctx={ctx} notes={compact.principles[0].notes} /> : null}
        {compact.principles[0] ? <SourceList ctx={ctx} sources={compact.principles[0].sources} /> : null}

        <h2 id="structure">{t('compact.structure')}</h2>
        <StructureTree ctx={ctx} nodes={compact.structure} />

        <h2 id="follow-up">{t('compact.followUp')}</h2>
        {compact.followUp.map((f) => (
          <section aria-labelledby={`fu-${f.id}`}>
            <h3 id={`fu-${f.id}`}>
              {f.name} <StatusBadge ctx={ctx} status={f.status} />
            </h3>
            <p>{f.description}</p>
            {f.frequency || f.paragraph ? (
              <p class="sources">
                {[f.frequency, f.paragraph ? `${t('common.paragraph')} ${f.paragraph}` : null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
            <Notes ctx={ctx} notes={f.notes} />
            <SourceList ctx={ctx} sources={f.sources} />
          </section>
        ))}
      </Layout>,
    );
  });

  app.get('/objectives/:id', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const objective = await getObjective(db, c.req.param('id'));
    const [compact, siblings] = await Promise.all([
      getCompact(db, objective.compact),
      listObjectives(db, { compactId: objective.compact }),
    ]);
    const index = siblings.findIndex((s) => s.id === objective.id);
    const prev = siblings[index - 1];
    const next = siblings[index + 1];
    const json = `/api/v1/objectives/${objective.id}`;
    return c.html(
      <Layout
        ctx={ctx}
        title={`${compact.acronym} ${t('objective.heading', { number: objective.number })}: ${objective.shortLabel}`}
        alternates={{ json }}
      >
        <p>
          <a href={ctx.href(`/compacts/${compact.id}`)}>{compact.name}</a>
        </p>
        <h1>
          {t('objective.heading', { number: objective.number })}: {objective.title}{' '}
          <StatusBadge ctx={ctx} status={objective.status} />
        </h1>
        <DataLinks ctx={ctx} json={json} />
        <dl class="facts">
          <dt>{t('objective.compact')}</dt>
          <dd>
            {compact.name} ({compact.acronym})
          </dd>
          <dt>{t('objective.shortLabel')}</dt>
          <dd>{objective.shortLabel}</dd>
          {objective.paragraph !== null ? (
            <>
              <dt>{t('objective.paragraph')}</dt>
              <dd>{objective.paragraph}</dd>
            </>
          ) : null}
          {objective.actionCount !== null || objective.actionCountNote ? (
            <>
              <dt>{t('objective.actions')}</dt>
              <dd>
                {objective.actionCount !== null ? objective.actionCount : ''}
                {objective.actionCountNote ? ` ${objective.actionCountNote}` : ''}
              </dd>
            </>
          ) : null}
          <dt>{t('objective.categories')}</dt>
          <dd>
            {objective.categories.length === 0 ? (
              t('objective.noCategory')
            ) : (
              <ul>
                {objective.categories.map((k) => (
                  <li>
                    <a href={ctx.href(`/classifications/${k.scheme}#${k.id}`)}>{k.name}</a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        <Notes ctx={ctx} notes={objective.notes} />
        <SourceList ctx={ctx} sources={objective.sources} />
        <PledgeSection
          ctx={ctx}
          db={db}
          id="pledges"
          heading={(n) => t('pledges.section.objective', { n })}
          caption={t('pledges.section.objectiveCaption')}
          filter={{ objective: [objective.id] }}
          today={todayIso()}
        />
        <nav aria-label={t('common.objectives')}>
          <p>
            {prev ? (
              <a href={ctx.href(`/objectives/${prev.id}`)} rel="prev">
                ← {t('objective.previous')}: {prev.shortLabel}
              </a>
            ) : null}
            {prev && next ? ' · ' : ''}
            {next ? (
              <a href={ctx.href(`/objectives/${next.id}`)} rel="next">
                {t('objective.next')}: {next.shortLabel} →
              </a>
            ) : null}
          </p>
        </nav>
      </Layout>,
    );
  });
}
