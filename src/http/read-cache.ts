/**
 * A cache of public read responses, valid for one data version. Reference
 * data changes rarely and every write raises the data version in its own
 * transaction, so a cached response is exactly what the handler would build
 * again; checking the version costs one small query per request, which keeps
 * several server instances on one PostgreSQL database consistent.
 *
 * Only anonymous GETs that answered 200 and did not opt out (`no-store`,
 * `private`) are kept; the key is the URL, the negotiated locale, the content
 * encoding and today's date.
 */
import type { MiddlewareHandler } from 'hono';
import { readDataVersion } from '../db/data-version.ts';
import type { AppEnv } from './env.ts';
import { todayIso } from './params.ts';

type Entry = {
  version: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string | null;
};

export type ReadCacheOptions = { maxEntries?: number; maxBodyBytes?: number };

export function readCache(options: ReadCacheOptions = {}): MiddlewareHandler<AppEnv> {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const entries = new Map<string, Entry>();

  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.header('authorization') || c.req.header('cookie')) return next();
    const version = await readDataVersion(c.var.deps.db);
    // The date is part of the key: pages and lists that default to "today" change at midnight (UTC)
    // even when no data does.
    const key = `${todayIso()} ${encodingOf(c.req.header('accept-encoding'))} ${c.var.locale} ${c.req.url}`;
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      // Least recently used goes first: re-insert on every hit.
      entries.delete(key);
      entries.set(key, hit);
      const headers = new Headers(hit.headers);
      headers.set('x-cache', 'hit');
      if (hit.etag && matches(c.req.header('if-none-match'), hit.etag)) {
        for (const h of ['content-length', 'content-encoding', 'content-type']) headers.delete(h);
        return new Response(null, { status: 304, headers });
      }
      return new Response(hit.body, { status: hit.status, headers });
    }

    await next();
    const res = c.res;
    const cacheControl = res.headers.get('cache-control') ?? '';
    if (res.status !== 200 || /no-store|private/.test(cacheControl) || res.headers.has('set-cookie')) return;
    const body = await res.arrayBuffer();
    c.res = new Response(body, res);
    if (body.byteLength > maxBodyBytes) return;
    entries.delete(key);
    entries.set(key, {
      version,
      status: res.status,
      headers: [...res.headers],
      body,
      etag: res.headers.get('etag'),
    });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
}

function encodingOf(accept: string | undefined): string {
  if (!accept) return 'identity';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  if (/\bdeflate\b/.test(accept)) return 'deflate';
  return 'identity';
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}
