/**
 * What a page template needs from the request: translations, the locale and
 * a link builder that keeps an explicitly chosen language.
 */
import type { Context } from 'hono';
import type { SyntheticSummary } from '../features/demo/synthetic.ts';
import type { AppEnv } from '../http/env.ts';
import type { Locale, Translate } from './i18n/index.ts';

export type PageCtx = {
  t: Translate;
  locale: Locale;
  /** The request path, for marking the current navigation entry. */
  path: string;
  /** A site link that carries `?lang=` on when the reader chose a language. */
  href: (path: string) => string;
  /** The current page in another language. */
  hrefInLocale: (locale: Locale) => string;
  /** Synthetic data loaded, if any: every page then says so at the top. */
  synthetic: SyntheticSummary | null;
  /** Whether someone is signed in (the navigation then leads to the editor). */
  signedIn: boolean;
};

export function pageCtx(c: Context<AppEnv>): PageCtx {
  const locale = c.get('locale');
  const explicit = c.get('explicitLocale');
  const url = new URL(c.req.url);
  return {
    t: c.get('t'),
    locale,
    path: url.pathname,
    href: (path) => (explicit ? withParam(path, 'lang', locale) : path),
    hrefInLocale: (other) => {
      const params = new URLSearchParams(url.search);
      params.set('lang', other);
      return `${url.pathname}?${params.toString()}`;
    },
    synthetic: c.get('synthetic') ?? null,
    signedIn: Boolean(c.get('user')),
  };
}

function withParam(path: string, key: string, value: string): string {
  const [base, hash] = path.split('#');
  const sep = base?.includes('?') ? '&' : '?';
  return `${base}${sep}${key}=${encodeURIComponent(value)}${hash !== undefined ? `#${hash}` : ''}`;
}
