/** @jsxImportSource hono/jsx */
/**
 * The editor area's own navigation: one list of its sections, each shown
 * only to the roles whose policy lets them use it, so nobody is offered a
 * link that would answer 403.
 *
 * @example
 * <EditorNav ctx={ctx} user={user} />
 */
import { type Action, can, type Principal, type Resource } from '../domain/access-policy.ts';
import type { MessageKey } from './i18n/index.ts';
import type { PageCtx } from './page.ts';

type Section = { key: MessageKey; path: string; needs?: [Action, Resource] };

export const EDITOR_SECTIONS: readonly Section[] = [
  { key: 'editor.nav.dashboard', path: '/editor' },
  { key: 'editor.nav.queue', path: '/editor/queue', needs: ['publish', 'pledge'] },
  { key: 'editor.nav.import', path: '/editor/import', needs: ['create', 'import'] },
  { key: 'editor.nav.users', path: '/editor/users', needs: ['read', 'user'] },
  { key: 'editor.nav.audit', path: '/editor/audit', needs: ['read', 'audit'] },
];

/** Whether the principal's role may ever use a section (record facts aside). */
function mayUse(user: Principal, section: Section): boolean {
  if (!section.needs) return true;
  const [action, resource] = section.needs;
  // Moderation is judged on a submitted record; other sections need no record.
  const record =
    action === 'publish' ? { ownerStates: [], ownerActorId: null, workflow: 'submitted' as const } : null;
  return can(user, action, resource, record);
}

export function EditorNav({ ctx, user }: { ctx: PageCtx; user: Principal }) {
  const { t } = ctx;
  return (
    <nav class="editor-nav" aria-label={t('editor.nav.label')}>
      <ul>
        {EDITOR_SECTIONS.filter((s) => mayUse(user, s)).map((s) => (
          <li>
            <a href={ctx.href(s.path)} aria-current={ctx.path === s.path ? 'page' : undefined}>
              {t(s.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
