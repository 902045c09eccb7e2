/** @jsxImportSource hono/jsx */
/** The architecture page: the diagram, then the same content as a list and a table. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import {
  DataLinks,
  formatDate,
  Notes,
  ScrollRegion,
  SourceList,
  StatusBadge,
} from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { ArchitectureDiagram, displayName, RELATION_KEYS } from './diagram.tsx';
import { listInstitutions, listRelations } from './repository.ts';
import type { InstitutionKind, InstitutionView, RelationView } from './schemas.ts';

const KIND_KEYS: Record<InstitutionKind, MessageKey> = {
  'un-entity': 'architecture.kind.un-entity',
  network: 'architecture.kind.network',
  fund: 'architecture.kind.fund',
  platform: 'architecture.kind.platform',
  forum: 'architecture.kind.forum',
  process: 'architecture.kind.process',
  report: 'architecture.kind.report',
  body: 'architecture.kind.body',
};

type Ref = { id: string; name: string; shortName: string | null };

// Every institution has its section on this page, so a fragment is enough (and keeps ?lang=).
const InstitutionLink = ({ inst }: { inst: Ref }) => <a href={`#inst-${inst.id}`}>{displayName(inst)}</a>;

/** "IOM coordinates UN Network on Migration": the institution in plain text, the other end as a link. */
function RelationSentence({
  ctx,
  self,
  relation,
}: {
  ctx: PageCtx;
  self: Ref;
  relation: InstitutionView['relations'][number];
}) {
  const other = <InstitutionLink inst={relation.other} />;
  const verb = ctx.t(RELATION_KEYS[relation.type]);
  return (
    <li>
      {relation.direction === 'outgoing' ? displayName(self) : other} {verb}{' '}
      {relation.direction === 'outgoing' ? other : displayName(self)}
      {relation.note ? <span class="sources"> ({relation.note})</span> : null}
    </li>
  );
}

function InstitutionSection({ ctx, inst }: { ctx: PageCtx; inst: InstitutionView }) {
  const { t } = ctx;
  return (
    <section id={`inst-${inst.id}`} aria-labelledby={`inst-${inst.id}-name`}>
      <h3 id={`inst-${inst.id}-name`}>
        {inst.name}
        {inst.shortName && inst.shortName !== inst.name ? ` (${inst.shortName})` : ''}{' '}
        <StatusBadge ctx={ctx} status={inst.status} />
      </h3>
      <dl class="facts">
        <dt>{t('architecture.kindLabel')}</dt>
        <dd>{t(KIND_KEYS[inst.kind])}</dd>
        <dt>{t('architecture.compacts')}</dt>
        <dd>
          {inst.compacts.map((c, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={ctx.href(`/compacts/${c}`)}>{c.toUpperCase()}</a>
            </>
          ))}
        </dd>
        {inst.established ? (
          <>
            <dt>{t('architecture.established')}</dt>
            <dd>
              <time datetime={inst.established}>
                {formatDate(inst.established, ctx.locale, inst.established.length === 4 ? 'year' : 'day')}
              </time>
            </dd>
          </>
        ) : null}
      </dl>
      <p>{inst.description}</p>
      <p>
        <strong>{t('architecture.relations')}:</strong>
        {inst.relations.length === 0 ? ` ${t('architecture.noRelations')}` : null}
      </p>
      {inst.relations.length > 0 ? (
        <ul>
          {inst.relations.map((r) => (
            <RelationSentence ctx={ctx} self={inst} relation={r} />
          ))}
        </ul>
      ) : null}
      <Notes ctx={ctx} notes={inst.notes} />
      <SourceList ctx={ctx} sources={inst.sources} />
    </section>
  );
}

function RelationsTable({
  ctx,
  relations,
  byId,
}: {
  ctx: PageCtx;
  relations: RelationView[];
  byId: Map<string, Ref>;
}) {
  const { t } = ctx;
  const ref = (id: string) => byId.get(id) ?? { id, name: id, shortName: null };
  return (
    <ScrollRegion label={t('architecture.relationsCaption', { n: relations.length })}>
      <table>
        <caption>{t('architecture.relationsCaption', { n: relations.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('architecture.table.from')}</th>
            <th scope="col">{t('architecture.table.type')}</th>
            <th scope="col">{t('architecture.table.to')}</th>
            <th scope="col">{t('architecture.table.note')}</th>
            <th scope="col">{t('common.sources')}</th>
          </tr>
        </thead>
        <tbody>
          {relations.map((r) => (
            <tr id={`rel-${r.id}`}>
              <th scope="row">
                <InstitutionLink inst={ref(r.from)} />
              </th>
              <td>{t(RELATION_KEYS[r.type])}</td>
              <td>
                <InstitutionLink inst={ref(r.to)} />
              </td>
              <td>{r.note ?? ''}</td>
              <td>
                <SourceList ctx={ctx} sources={r.sources} heading={false} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Registers `GET /architecture`. */
export function registerInstitutionsPages(app: Hono<AppEnv>): void {
  app.get('/architecture', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const [institutions, relations] = await Promise.all([listInstitutions(db), listRelations(db)]);
    const byId = new Map<string, Ref>(institutions.map((i) => [i.id, i]));
    const json = '/api/v1/institutions?limit=500';
    const csv = '/api/v1/institutions?format=csv&limit=500';
    return c.html(
      <Layout
        ctx={ctx}
        title={t('architecture.title')}
        description={t('architecture.lede')}
        alternates={{ json, csv }}
      >
        <h1>{t('architecture.title')}</h1>
        <p class="lede">{t('architecture.lede')}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <ArchitectureDiagram ctx={ctx} institutions={institutions} relations={relations} />
        <p class="sources">
          {t('architecture.figcaption')} <a href="#institutions">{t('architecture.toList')}</a>
        </p>

        <h2 id="institutions">
          {t('architecture.institutions')} ({institutions.length})
        </h2>
        {institutions.map((inst) => (
          <InstitutionSection ctx={ctx} inst={inst} />
        ))}

        <h2 id="relations">
          {t('architecture.relations')} ({relations.length})
        </h2>
        <DataLinks
          ctx={ctx}
          json="/api/v1/relations?limit=500"
          csv="/api/v1/relations?format=csv&limit=500"
        />
        <RelationsTable ctx={ctx} relations={relations} byId={byId} />
      </Layout>,
    );
  });
}
