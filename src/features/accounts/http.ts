/**
 * Who is calling: a bearer token (`Authorization: Bearer cw_…`) or a session
 * cookie. Sets `user` (null for the public) on every request, marks
 * authenticated answers `Cache-Control: no-store`, and refuses a
 * state-changing request made with the session cookie unless it carries the
 * session's CSRF token (form field `_csrf`, urlencoded or multipart, or
 * header `X-CSRF-Token`) and, when the browser sends one, an `Origin` of this
 * site. Token requests need no CSRF token: a browser never attaches one on
 * its own.
 *
 * @example
 * app.use(identifyCaller());
 * app.get('/editor', (c) => c.get('user') ? … : c.redirect('/sign-in'));
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AuthenticationError, ForbiddenError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { recordSecurityEvent, type User, userForSession, userForToken } from './service.ts';

export const SESSION_COOKIE = 'cw_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sends the session cookie: HttpOnly, SameSite=Lax, Secure when the site is served over HTTPS. */
export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.get('deps').config.publicUrl.startsWith('https:'),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** The client address for throttling: the socket's, never a header a client could forge. */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function identifyCaller(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db } = c.get('deps');
    c.set('user', null);
    c.set('csrfToken', null);
    const authorization = c.req.header('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user: User | null = match?.[1] ? await userForToken(db, match[1]) : null;
      if (!user) {
        await recordSecurityEvent(db, 'token_refused', null, { path: c.req.path });
        throw new AuthenticationError(
          'The API token is not valid (unknown, revoked, or its user is disabled).',
        );
      }
      c.set('user', user);
    } else {
      const sessionId = getCookie(c, SESSION_COOKIE);
      if (sessionId) {
        const session = await userForSession(db, sessionId);
        if (session) {
          c.set('user', session.user);
          c.set('csrfToken', session.csrfToken);
          c.set('sessionId', sessionId);
          if (UNSAFE.has(c.req.method)) await checkCsrf(c, session.csrfToken);
        } else clearSessionCookie(c);
      }
    }
    await next();
    if (c.get('user')) {
      c.header('cache-control', 'no-store');
      c.header('vary', 'Cookie, Authorization', { append: true });
    }
  };
}

async function checkCsrf(c: Context<AppEnv>, expected: string): Promise<void> {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (origin && host && new URL(origin).host !== host) {
    await refuse(c, 'csrf_origin', 'The request comes from another site.');
  }
  let sent = c.req.header('x-csrf-token');
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  // Forms (an upload is multipart). parseBody caches the body, so the handler reads it again for free.
  if (
    !sent &&
    (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
  ) {
    const form = await c.req.parseBody();
    sent = typeof form._csrf === 'string' ? form._csrf : undefined;
  }
  if (sent !== expected)
    await refuse(
      c,
      'csrf_token',
      'The form has expired or did not come from this site; reload it and try again.',
    );
}

async function refuse(c: Context<AppEnv>, reason: string, message: string): Promise<never> {
  await recordSecurityEvent(c.get('deps').db, 'csrf_refused', c.get('user')?.id ?? null, {
    path: c.req.path,
    reason,
  });
  throw new ForbiddenError(message, [{ location: CSRF_LOCATION, message: reason }]);
}

/** Marks a refusal already logged as `csrf_refused`, so `recordDenial` does not log it twice. */
const CSRF_LOCATION = 'csrf';

/**
 * Logs a refused request (403) as a security event: who, which method and
 * path, never a body or a secret. Called by the application's error handler,
 * the one place every refusal passes through.
 */
export async function recordDenial(c: Context<AppEnv>, err: unknown): Promise<void> {
  if (!(err instanceof ForbiddenError)) return;
  if (err.details.some((d) => d.location === CSRF_LOCATION)) return;
  await recordSecurityEvent(c.get('deps').db, 'access_denied', c.get('user')?.id ?? null, {
    method: c.req.method,
    path: c.req.path,
  });
}

/** The signed-in user, or a 401 for the public. */
export function requireUser(c: Context<AppEnv>): User {
  const user = c.get('user');
  if (!user) throw new AuthenticationError();
  return user;
}
