/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { Layout } from './layout.tsx';
import { pageCtx } from './page.ts';

/** An HTML error page in the reader's language; never a stack trace. */
export function renderErrorPage(
  c: Context<AppEnv>,
  status: number,
  err?: unknown,
): Response | Promise<Response> {
  const ctx = pageCtx(c);
  const { t } = ctx;
  const notFound = status === 404;
  const title = notFound ? t('error.notFound.title') : t('error.generic.title');
  // Client errors carry a message written for readers; server errors do not.
  const detail = err instanceof AppError && status < 500 ? err.message : undefined;
  c.header('cache-control', 'no-store');
  return c.html(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{notFound ? t('error.notFound.body') : t('error.generic.body')}</p>
      {detail ? <p class="notice">{detail}</p> : null}
      <ul>
        <li>
          <a href={ctx.href('/')}>{t('nav.home')}</a>
        </li>
        <li>
          <a href={ctx.href('/compacts/gcm')}>{t('nav.gcm')}</a>
        </li>
        <li>
          <a href={ctx.href('/compacts/gcr')}>{t('nav.gcr')}</a>
        </li>
      </ul>
    </Layout>,
    status as 404,
  );
}
