/** @jsxImportSource hono/jsx */
/** Pages: the index of classification schemes and one page per scheme. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { DataLinks, Notes, ScrollRegion, SourceList, StatusBadge } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import { getCompact, listCompacts } from '../compacts/repository.ts';
import { getClassification, listClassifications } from './repository.ts';
import type { ClassificationCategoryView, ClassificationMemberView } from './schemas.ts';

/** The stylesheet colours three categories; later ones reuse the colours in turn. */
const categoryClass = (position: number) => `category c${((position - 1) % 3) + 1}`;

function CategorySection({ ctx, category }: { ctx: PageCtx; category: ClassificationCategoryView }) {
  const { t } = ctx;
  const headingId = `${category.id}-heading`;
  return (
    <section id={category.id} class={categoryClass(category.position)} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {category.position}. {category.name}
      </h2>
      {category.description ? <p>{category.description}</p> : null}
      <p class="sources">{t('classification.objectiveCount', { n: category.members.length })}</p>
      <ul>
        {category.members.map((m) => (
          <li>
            <a href={ctx.href(`/objectives/${m.objective}`)}>
              {t('classification.objectiveLink', { number: m.number, title: m.title })}
            </a>
            {m.label ? (
              <>
                <br />
                <span class="sources">{t('classification.labelInSource', { label: m.label })}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The source's table: one column per category, the n-th member of each in row n. */
function SourceTable({
  ctx,
  caption,
  categories,
}: {
  ctx: PageCtx;
  caption: string;
  categories: ClassificationCategoryView[];
}) {
  const depth = Math.max(0, ...categories.map((c) => c.members.length));
  const rows = Array.from({ length: depth }, (_, i) => categories.map((c) => c.members[i]));
  const cell = (m: ClassificationMemberView | undefined) =>
    m ? (
      <a href={ctx.href(`/objectives/${m.objective}`)}>
        {ctx.t('classification.tableCell', { label: m.label ?? m.shortLabel, number: m.number })}
      </a>
    ) : null;
  return (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {categories.map((c) => (
              <th scope="col">
                {c.position}. {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((m) => (
                <td>{cell(m)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Registers `GET /classifications` and `GET /classifications/:id`. */
export function registerClassificationsPages(app: Hono<AppEnv>): void {
  app.get('/classifications', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const [schemes, compacts] = await Promise.all([
      listClassifications(c.var.deps.db),
      listCompacts(c.var.deps.db),
    ]);
    const acronym = new Map(compacts.map((k) => [k.id, k.acronym]));
    const json = '/api/v1/classifications';
    const csv = '/api/v1/classifications?format=csv&limit=500';
    return c.html(
      <Layout ctx={ctx} title={t('classification.indexTitle')} alternates={{ json, csv }}>
        <h1>{t('classification.indexTitle')}</h1>
        <p class="lede">{t('classification.indexIntro')}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <ul>
          {schemes.map((s) => (
            <li>
              <a href={ctx.href(`/classifications/${s.id}`)}>{s.name}</a>{' '}
              <StatusBadge ctx={ctx} status={s.status} />
              <span class="sources">
                {' '}
                — {acronym.get(s.compact) ?? s.compact},{' '}
                {t('classification.categoryCount', { n: s.categories.length })}
              </span>
              <br />
              {s.description}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get('/classifications/:id', async (c) => {
    const ctx = pageCtx(c);
    const { t } = ctx;
    const db = c.var.deps.db;
    const scheme = await getClassification(db, c.req.param('id'));
    const compact = await getCompact(db, scheme.compact);
    const json = `/api/v1/classifications/${scheme.id}`;
    const csv = `${json}?format=csv`;
    return c.html(
      <Layout ctx={ctx} title={scheme.name} description={scheme.description} alternates={{ json, csv }}>
        <p>
          <a href={ctx.href('/classifications')}>{t('classification.indexTitle')}</a>
        </p>
        <h1>
          {scheme.name} <StatusBadge ctx={ctx} status={scheme.status} />
        </h1>
        <p class="lede">{scheme.description}</p>
        <DataLinks ctx={ctx} json={json} csv={csv} />
        <dl class="facts">
          <dt>{t('classification.compact')}</dt>
          <dd>
            <a href={ctx.href(`/compacts/${compact.id}`)}>{compact.name}</a>
          </dd>
          <dt>{t('classification.categories')}</dt>
          <dd>
            <ul>
              {scheme.categories.map((k) => (
                <li>
                  <a href={`#${k.id}`}>
                    {k.position}. {k.name}
                  </a>{' '}
                  ({k.members.length})
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        <Notes ctx={ctx} notes={scheme.notes} />
        <SourceList ctx={ctx} sources={scheme.sources} />

        {scheme.categories.map((k) => (
          <CategorySection ctx={ctx} category={k} />
        ))}

        <h2 id="table">{t('classification.tableHeading')}</h2>
        <SourceTable
          ctx={ctx}
          caption={t('classification.tableCaption', { compact: compact.shortName })}
          categories={scheme.categories}
        />
      </Layout>,
    );
  });
}
