/** @jsxImportSource hono/jsx */
/**
 * How the editor's pages name things: a kind, a record, its workflow state
 * in words, its public page, a stored value, a moment. Shared by the record
 * page, the moderation queue and the dashboard.
 */
import { type Action, can, type Ownership, type Resource } from '../../domain/access-policy.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import { EDIT_KINDS, EDITABLE, type EditKind } from './resources.ts';
import type { WorkingCopy } from './service.ts';

export const KIND_LABEL: Record<EditKind, MessageKey> = {
  pledges: 'editing.kind.pledges',
  updates: 'editing.kind.updates',
  'national-reviews': 'editing.kind.national-reviews',
  'position-events': 'editing.kind.position-events',
};

export const NEW_LABEL: Record<EditKind, MessageKey> = {
  pledges: 'editing.new.pledges',
  updates: 'editing.new.updates',
  'national-reviews': 'editing.new.national-reviews',
  'position-events': 'editing.new.position-events',
};

/** What the user answers for, as record ownership: their States (focal point) or actor (contributor). */
export function ownOwnership(user: User): Ownership {
  return { ownerStates: [...user.states], ownerActorId: user.actorId, workflow: 'draft' };
}

/** Whether the user may create records of this kind at all (for their own States or actor). */
export function mayCreate(user: User, kind: EditKind): boolean {
  return can(user, 'create', EDITABLE[kind].resource, ownOwnership(user));
}

/** The kinds the user may create, in the editor's order. */
export const creatableKinds = (user: User) => EDIT_KINDS.filter((k) => mayCreate(user, k));

/** Whether the user moderates (publishes and returns submissions). */
export function mayModerate(user: User): boolean {
  const submitted: Ownership = { ownerStates: [], ownerActorId: null, workflow: 'submitted' };
  return (['publish', 'return'] as Action[]).every((a) => can(user, a, 'pledge' as Resource, submitted));
}

/** A record's name in lists and headings. Progress updates have no title: their pledge and date. */
export function recordTitle(ctx: PageCtx, kind: EditKind, record: Record<string, unknown>): string {
  if (kind === 'updates')
    return ctx.t('editing.updateTitle', {
      pledge: String(record.pledgeId ?? ''),
      date: String(record.reportedOn ?? ''),
    });
  return typeof record.title === 'string' && record.title.trim() !== ''
    ? record.title
    : (record.id as string);
}

/** The workflow state in words: a draft with a reviewer's comment was returned. */
export function workflowLabel(ctx: PageCtx, copy: Pick<WorkingCopy, 'workflow' | 'comment'>): string {
  if (copy.workflow === 'draft' && copy.comment) return ctx.t('editing.workflow.returned');
  return ctx.t(`editing.workflow.${copy.workflow}` as MessageKey);
}

/** Where the published record is read by the public. */
export function publicPath(kind: EditKind, record: Record<string, unknown>): string {
  const id = encodeURIComponent(String(record.id));
  const at = (v: unknown) => encodeURIComponent(String(v ?? ''));
  switch (kind) {
    case 'pledges':
      return `/pledges/${id}`;
    case 'updates':
      return `/pledges/${at(record.pledgeId)}#update-${id}`;
    case 'national-reviews':
      return `/reviews/${at(record.cycleId)}#review-${id}`;
    case 'position-events':
      return `/states/${at(record.state)}#event-${id}`;
  }
}

export const editorPath = (kind: EditKind, id: string) => `/editor/${kind}/${encodeURIComponent(id)}`;

/** A stored value as one line of text: lists joined, citations as "source | locator", nothing as a dash. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => {
        if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if ('pledgeId' in o) return `${o.pledgeId} ${o.relation}`;
          if ('source' in o) return o.locator ? `${o.source} | ${o.locator}` : String(o.source);
          return JSON.stringify(v);
        }
        return String(v);
      })
      .join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A stored moment (ISO 8601, UTC) as "2026-03-04 14:05 UTC". */
export function Moment({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  return <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}

export const DONE = ['created', 'saved', 'submitted', 'published', 'returned', 'discarded'] as const;
export type Done = (typeof DONE)[number];

/** The outcome of the last form sent, announced politely (post/redirect/get: `?done=`). */
export function DoneMessage({ ctx, done }: { ctx: PageCtx; done: string | undefined }) {
  if (!done || !(DONE as readonly string[]).includes(done)) return null;
  return (
    <p class="notice success" role="status">
      {ctx.t(`editing.done.${done}` as MessageKey)}
    </p>
  );
}
