/** @jsxImportSource hono/jsx */
/**
 * User administration (admins only): the list of users with an "Add user"
 * form, and a page per user with forms to change their role and scope, to
 * disable or enable them and to set a new password. Plain forms, post then
 * redirect with a confirmation in the query string; a refused form comes
 * back with every problem beside its field.
 */

import type { Context, Hono } from 'hono';
import { ROLES, type Role } from '../../domain/access-policy.ts';
import type { AppEnv } from '../../http/env.ts';
import { ColumnHeads, ScrollRegion } from '../../web/components.tsx';
import { type FieldError, FieldMessage, fieldAttrs } from '../../web/form.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import { type PageCtx, pageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import { Pager } from '../pledges/components.tsx';
import { AdminPage, Done, Field, formErrors, signInFirst, text, When } from './components.tsx';
import {
  addUser,
  changeScope,
  type NewUserForm,
  type ScopeForm,
  setPassword,
  setUserDisabled,
  userById,
  usersPage,
} from './service.ts';

const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'admin.role.admin',
  reviewer: 'admin.role.reviewer',
  focal_point: 'admin.role.focal_point',
  contributor: 'admin.role.contributor',
};

const DONE_KEYS: Record<string, MessageKey> = {
  added: 'admin.users.done.added',
  granted: 'admin.users.done.granted',
  disabled: 'admin.users.done.disabled',
  enabled: 'admin.users.done.enabled',
  password: 'admin.users.done.password',
};

const userHref = (ctx: PageCtx, id: number, done?: string) =>
  ctx.href(`/editor/users/${id}${done ? `?done=${done}` : ''}`);

function scopeOf(ctx: PageCtx, user: User): string {
  if (user.role === 'focal_point')
    return ctx.t('admin.users.scopeStates', { states: user.states.join(', ') });
  if (user.role === 'contributor') return ctx.t('admin.users.scopeActor', { actor: user.actorId ?? '' });
  return ctx.t('admin.users.scopeAll');
}

/** Field ids and labels of the forms, by the names the service's errors use. */
function fields(ctx: PageCtx) {
  const { t } = ctx;
  return {
    email: { id: 'email', label: t('account.email') },
    role: { id: 'role', label: t('admin.users.role') },
    states: { id: 'states', label: t('admin.users.states') },
    actorId: { id: 'actorId', label: t('admin.users.actor') },
    password: { id: 'password', label: t('admin.users.newPassword') },
  };
}

function RoleSelect({ ctx, value, errors }: { ctx: PageCtx; value: string; errors: FieldError[] }) {
  return (
    <Field id="role" label={ctx.t('admin.users.role')} errors={errors}>
      <select id="role" name="role" {...fieldAttrs(errors, 'role')}>
        {ROLES.map((r) => (
          <option value={r} selected={value === r}>
            {ctx.t(ROLE_KEYS[r])}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Role, States and actor: the same three fields in the "Add user" and "Role and scope" forms. */
function ScopeFields({ ctx, values, errors }: { ctx: PageCtx; values: ScopeForm; errors: FieldError[] }) {
  const { t } = ctx;
  return (
    <>
      <RoleSelect ctx={ctx} value={values.role} errors={errors} />
      <Field id="states" label={t('admin.users.states')} hint={t('admin.users.statesHint')} errors={errors}>
        <input
          id="states"
          name="states"
          type="text"
          value={values.states}
          autocomplete="off"
          spellcheck={false}
          {...fieldAttrs(errors, 'states', ['states-hint'])}
        />
      </Field>
      <Field id="actorId" label={t('admin.users.actor')} hint={t('admin.users.actorHint')} errors={errors}>
        <input
          id="actorId"
          name="actorId"
          type="text"
          value={values.actorId}
          autocomplete="off"
          spellcheck={false}
          {...fieldAttrs(errors, 'actorId', ['actorId-hint'])}
        />
      </Field>
    </>
  );
}

function PasswordField({ ctx, errors }: { ctx: PageCtx; errors: FieldError[] }) {
  const { t } = ctx;
  return (
    <Field
      id="password"
      label={t('admin.users.newPassword')}
      hint={t('admin.users.passwordHint')}
      errors={errors}
    >
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        {...fieldAttrs(errors, 'password', ['password-hint'])}
      />
    </Field>
  );
}

const Csrf = ({ c }: { c: Context<AppEnv> }) => (
  <input type="hidden" name="_csrf" value={c.get('csrfToken') ?? ''} />
);

async function usersListPage(
  c: Context<AppEnv>,
  form: { values: Omit<NewUserForm, 'password'>; errors: FieldError[]; status: 200 | 400 | 409 } = {
    values: { email: '', role: 'focal_point', states: '', actorId: '' },
    errors: [],
    status: 200,
  },
) {
  const user = c.get('user');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const after = c.req.query('after') ?? null;
  const { users, next } = await usersPage(c.get('deps').db, user, after || null);
  const done = DONE_KEYS[c.req.query('done') ?? ''];
  const { errors, values } = form;
  return c.html(
    <AdminPage ctx={ctx} user={user!} title={t('admin.users.title')} errors={errors}>
      <Done message={done ? t(done, { email: c.req.query('email') ?? '' }) : null} />
      <p>{t('admin.users.lead')}</p>
      <ScrollRegion label={t('admin.users.caption')}>
        <table>
          <caption>{t('admin.users.caption')}</caption>
          <ColumnHeads
            labels={[
              t('account.email'),
              t('admin.users.role'),
              t('admin.users.scope'),
              t('admin.users.status'),
              t('admin.users.created'),
            ]}
          />
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={userHref(ctx, u.id)}>{u.email}</a>
                </th>
                <td>{t(ROLE_KEYS[u.role])}</td>
                <td>{scopeOf(ctx, u)}</td>
                <td>{u.disabled ? t('admin.users.disabled') : t('admin.users.active')}</td>
                <td>
                  <When at={u.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager
        ctx={ctx}
        first={after ? ctx.href('/editor/users') : null}
        next={next ? ctx.href(`/editor/users?after=${encodeURIComponent(next)}`) : null}
      />
      <form method="post" action={ctx.href('/editor/users')} class="edit-form form-controls" novalidate>
        <fieldset>
          <legend>{t('admin.users.add')}</legend>
          <Csrf c={c} />
          <Field id="email" label={t('account.email')} errors={errors}>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="off"
              required
              value={values.email}
              {...fieldAttrs(errors, 'email')}
            />
          </Field>
          <ScopeFields ctx={ctx} values={values} errors={errors} />
          <PasswordField ctx={ctx} errors={errors} />
          <p>
            <button type="submit">{t('admin.users.addButton')}</button>
          </p>
        </fieldset>
      </form>
    </AdminPage>,
    form.status,
  );
}

async function userPage(
  c: Context<AppEnv>,
  refused: { errors: FieldError[]; status: 400 | 409 } = { errors: [], status: 400 },
  values?: ScopeForm,
) {
  const { errors } = refused;
  const user = c.get('user');
  const ctx = pageCtx(c);
  const { t } = ctx;
  const target = await userById(c.get('deps').db, user, Number(c.req.param('id')));
  const done = DONE_KEYS[c.req.query('done') ?? ''];
  const scope = values ?? {
    role: target.role,
    states: target.states.join(', '),
    actorId: target.actorId ?? '',
  };
  const base = `/editor/users/${target.id}`;
  const auditHref = ctx.href(
    `/editor/audit?${new URLSearchParams({ resource: 'user', recordId: target.email }).toString()}`,
  );
  return c.html(
    <AdminPage ctx={ctx} user={user!} title={target.email} errors={errors}>
      <Done message={done && errors.length === 0 ? t(done, { email: target.email }) : null} />
      <p>
        <a href={ctx.href('/editor/users')}>{t('admin.users.back')}</a>
      </p>
      <dl class="facts">
        <dt>{t('admin.users.role')}</dt>
        <dd>{t(ROLE_KEYS[target.role])}</dd>
        <dt>{t('admin.users.scope')}</dt>
        <dd>{scopeOf(ctx, target)}</dd>
        <dt>{t('admin.users.status')}</dt>
        <dd>{target.disabled ? t('admin.users.disabled') : t('admin.users.active')}</dd>
        <dt>{t('admin.users.created')}</dt>
        <dd>
          <When at={target.createdAt} />
        </dd>
      </dl>
      <form method="post" action={ctx.href(`${base}/grant`)} class="edit-form form-controls" novalidate>
        <fieldset>
          <legend>{t('admin.users.scopeHeading')}</legend>
          <Csrf c={c} />
          <ScopeFields ctx={ctx} values={scope} errors={errors} />
          <p>{t('admin.users.endsSessions')}</p>
          <p>
            <button type="submit">{t('admin.users.grantButton')}</button>
          </p>
        </fieldset>
      </form>
      <form
        method="post"
        action={ctx.href(`${base}/${target.disabled ? 'enable' : 'disable'}`)}
        class="edit-form form-controls"
      >
        <fieldset>
          <legend>{t('admin.users.accessHeading')}</legend>
          <Csrf c={c} />
          <p>{target.disabled ? t('admin.users.enableHint') : t('admin.users.disableHint')}</p>
          <p>
            <button type="submit" id="access" {...fieldAttrs(errors, 'access', [], true)}>
              {target.disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </button>
          </p>
          <FieldMessage errors={errors} field="access" />
        </fieldset>
      </form>
      <form method="post" action={ctx.href(`${base}/password`)} class="edit-form form-controls" novalidate>
        <fieldset>
          <legend>{t('admin.users.passwordHeading')}</legend>
          <Csrf c={c} />
          <PasswordField ctx={ctx} errors={errors} />
          <p>{t('admin.users.endsSessions')}</p>
          <p>
            <button type="submit">{t('admin.users.passwordButton')}</button>
          </p>
        </fieldset>
      </form>
      <p>
        <a href={auditHref}>{t('admin.users.auditLink')}</a>
      </p>
    </AdminPage>,
    errors.length > 0 ? refused.status : 200,
  );
}

/** Runs a change from a user's page: on success back to the page with a confirmation, else the page with errors. */
async function userChange(
  c: Context<AppEnv>,
  done: string,
  change: (form: Record<string, unknown>, id: number) => Promise<unknown>,
) {
  const form = await c.req.parseBody();
  const id = Number(c.req.param('id'));
  try {
    await change(form, id);
  } catch (e) {
    const ctx = pageCtx(c);
    const refused = formErrors(e, fields(ctx), { id: 'access', label: ctx.t('admin.users.accessHeading') });
    if (!refused) throw e;
    const scope =
      done === 'granted'
        ? { role: text(form, 'role'), states: text(form, 'states'), actorId: text(form, 'actorId') }
        : undefined;
    return userPage(c, refused, scope);
  }
  return c.redirect(userHref(pageCtx(c), id, done), 303);
}

export function registerUserPages(app: Hono<AppEnv>): void {
  app.get('/editor/users', (c) => signInFirst(c) ?? usersListPage(c));

  app.post('/editor/users', async (c) => {
    const form = await c.req.parseBody();
    const values = {
      email: text(form, 'email'),
      role: text(form, 'role'),
      states: text(form, 'states'),
      actorId: text(form, 'actorId'),
    };
    try {
      const created = await addUser(c.get('deps').db, c.get('user'), {
        ...values,
        password: text(form, 'password'),
      });
      return c.redirect(userHref(pageCtx(c), created.id, 'added'), 303);
    } catch (e) {
      const ctx = pageCtx(c);
      const refused = formErrors(e, fields(ctx), fields(ctx).email);
      if (!refused) throw e;
      return usersListPage(c, { values, ...refused });
    }
  });

  app.get('/editor/users/:id{[0-9]+}', (c) => signInFirst(c) ?? userPage(c));

  app.post('/editor/users/:id{[0-9]+}/grant', (c) =>
    userChange(c, 'granted', (form, id) =>
      changeScope(c.get('deps').db, c.get('user'), id, {
        role: text(form, 'role'),
        states: text(form, 'states'),
        actorId: text(form, 'actorId'),
      }),
    ),
  );
  app.post('/editor/users/:id{[0-9]+}/disable', (c) =>
    userChange(c, 'disabled', (_form, id) => setUserDisabled(c.get('deps').db, c.get('user'), id, true)),
  );
  app.post('/editor/users/:id{[0-9]+}/enable', (c) =>
    userChange(c, 'enabled', (_form, id) => setUserDisabled(c.get('deps').db, c.get('user'), id, false)),
  );
  app.post('/editor/users/:id{[0-9]+}/password', (c) =>
    userChange(c, 'password', (form, id) =>
      setPassword(c.get('deps').db, c.get('user'), id, text(form, 'password')),
    ),
  );
}
