/**
 * The HTTP application: public pages, the versioned JSON API, health check
 * and static assets, over one set of dependencies.
 *
 * @example
 * const app = createApp({ db, engine, config, logger });
 * const res = await app.request('/api/v1/compacts');
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { ping } from '../db/database.ts';
import { PayloadTooLargeError, RouteNotFoundError, ValidationError } from '../errors.ts';
import { identifyCaller, recordDenial } from '../features/accounts/http.ts';
import { IMPORT_UPLOAD_PATH, importTooLarge, MAX_IMPORT_BODY_BYTES } from '../features/admin/limits.ts';
import { syntheticDataNotice } from '../features/demo/synthetic.ts';
import { assets } from '../web/assets.ts';
import { renderErrorPage } from '../web/error-page.tsx';
import { negotiateLocale, translator } from '../web/i18n/index.ts';
import type { AppEnv, Deps } from './env.ts';
import { problemResponse } from './problem.ts';
import { readCache } from './read-cache.ts';
import { registerApi, registerPages } from './routes.ts';
import { securityHeaders } from './security-headers.ts';

export const API_BASE = '/api/v1';
/** The largest request body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set('deps', deps);
    const lang = c.req.query('lang');
    const locale = negotiateLocale(lang, c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('explicitLocale', lang === locale);
    c.set('t', translator(locale));
    await next();
  });

  // After the locale (an error page needs it), before anything reads a body.
  // Forms and JSON bodies are small; nothing this site accepts needs more (OWASP ASVS 5.2.1),
  // except the import page's upload, which takes one file of up to 10 MiB.
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    },
  });
  const uploads = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: () => {
      throw importTooLarge();
    },
  });
  app.use((c, next) =>
    (c.req.method === 'POST' && c.req.path === IMPORT_UPLOAD_PATH ? uploads : smallBodies)(c, next),
  );
  app.use(identifyCaller());
  app.use(readCache());
  app.use(compress());

  app.get('/healthz', async (c) => {
    c.header('cache-control', 'no-store');
    if (await ping(deps.db)) return c.json({ status: 'ok' });
    return c.json({ status: 'unavailable' }, 503);
  });

  for (const asset of assets) {
    app.get(asset.url, (c) => {
      c.header('content-type', asset.type);
      c.header('cache-control', 'public, max-age=31536000, immutable');
      return c.body(asset.body);
    });
  }

  // Public reads: short shared caching, revalidated by ETag.
  app.use(async (c, next) => {
    await next();
    if (c.req.method === 'GET' && c.res.status === 200 && !c.res.headers.has('cache-control')) {
      c.header('cache-control', 'public, max-age=300');
      c.header('vary', 'Accept-Language, Accept-Encoding');
    }
  });
  app.use(etag({ weak: true }));

  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((issue) => ({
          location: issue.path.map(String).join('.') || result.target,
          message: issue.message,
        }));
        const what = details.map((d) => `${d.location}: ${d.message}`).join('; ');
        return problemResponse(new ValidationError(`Invalid ${result.target}: ${what}`, details), c.req.path);
      }
    },
  });
  // The API's front door: static JSON that names the description document.
  // Benchmarks also use it as the trivial route to compare reads against.
  const apiIndex = {
    data: {
      name: 'Compact Watch API',
      version: '1',
      openapi: `${API_BASE}/openapi.json`,
      documentation: '/api',
    },
  };
  api.get('/', (c) => c.json(apiIndex));
  registerApi(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Compact Watch API',
      version: '1.0.0',
      description:
        'Read the Global Compact for Migration and the Global Compact on Refugees as data. ' +
        'Lists answer `{data, page}` with cursor pagination and a CSV twin (`format=csv`); errors are RFC 9457 problem+json.',
      license: { name: 'Data: CC BY 4.0; code: MIT' },
    },
    servers: [{ url: API_BASE }],
  });
  app.route(API_BASE, api);

  // After the API: pages (and HTML error pages) learn whether synthetic data is loaded.
  app.use(syntheticDataNotice());
  registerPages(app);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) {
      return problemResponse(new RouteNotFoundError(c.req.path), c.req.path);
    }
    return renderErrorPage(c, 404);
  });

  app.onError(async (err, c) => {
    const status = (err as { status?: number }).status ?? 500;
    if (status >= 500) deps.logger.error({ err, path: c.req.path }, 'request failed');
    await recordDenial(c, err).catch((e) => deps.logger.error({ err: e }, 'could not log a denial'));
    if (c.req.path.startsWith('/api/')) return problemResponse(err, c.req.path);
    return renderErrorPage(c, status >= 400 && status < 600 ? status : 500, err);
  });

  return app;
}
