/** @jsxImportSource hono/jsx */
/**
 * The editor start page's own work list: what was returned to the user
 * (first), their drafts and submissions, and links to create what their
 * role allows. Staff see the drafts they started; the moderation queue
 * lists everyone's submissions.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import { listDrafts, type WorkingCopy } from './service.ts';
import {
  creatableKinds,
  editorPath,
  KIND_LABEL,
  Moment,
  mayModerate,
  NEW_LABEL,
  recordTitle,
  workflowLabel,
} from './view.tsx';

export type EditorWork = { returned: WorkingCopy[]; open: WorkingCopy[] };

/** The user's open drafts, returned ones apart, most recently changed first. */
export async function loadEditorWork(db: Kysely<Database>, user: User): Promise<EditorWork> {
  const staff = mayModerate(user);
  const mine = (await listDrafts(db, user))
    .filter((d) => !staff || d.createdBy === user.email)
    .sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  const returned = mine.filter((d) => d.workflow === 'draft' && d.comment);
  return { returned, open: mine.filter((d) => !returned.includes(d)) };
}

function DraftList({
  ctx,
  items,
  showComment,
}: {
  ctx: PageCtx;
  items: WorkingCopy[];
  showComment: boolean;
}) {
  const { t } = ctx;
  return (
    <ul class="drafts">
      {items.map((d) => (
        <li>
          <a href={ctx.href(editorPath(d.kind, d.id))}>{recordTitle(ctx, d.kind, d.record)}</a>
          <br />
          <span class="meta">
            {t(KIND_LABEL[d.kind])} <code>{d.id}</code> · {workflowLabel(ctx, d)}
            {d.isNew ? '' : ` (${t('editing.correction')})`} · {t('editing.lastChange')}{' '}
            <Moment iso={d.updatedAt} />
          </span>
          {showComment && d.comment ? (
            <p class="comment">
              {t('editing.reviewerComment')}: {d.comment}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Create links, returned records, then drafts and submissions. */
export function EditorWorkSection({ ctx, user, work }: { ctx: PageCtx; user: User; work: EditorWork }) {
  const { t } = ctx;
  const kinds = creatableKinds(user);
  return (
    <>
      {kinds.length > 0 ? (
        <section aria-labelledby="create-h">
          <h2 id="create-h">{t('editing.create')}</h2>
          <ul class="create-links">
            {kinds.map((k) => (
              <li>
                <a href={ctx.href(`/editor/${k}/new`)}>{t(NEW_LABEL[k])}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {work.returned.length > 0 ? (
        <section aria-labelledby="returned-h">
          <h2 id="returned-h">{t('editing.returnedToYou', { n: work.returned.length })}</h2>
          <DraftList ctx={ctx} items={work.returned} showComment />
        </section>
      ) : null}
      <section aria-labelledby="drafts-h">
        <h2 id="drafts-h">{t('editing.yourDrafts')}</h2>
        {work.open.length === 0 ? (
          <p>{t('editing.noDrafts')}</p>
        ) : (
          <DraftList ctx={ctx} items={work.open} showComment={false} />
        )}
      </section>
    </>
  );
}
