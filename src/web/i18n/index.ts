/**
 * One message catalogue for all user-visible text, with locale negotiation:
 * `?lang=` first, then `Accept-Language`, then English.
 *
 * @example
 * const locale = negotiateLocale('fr', undefined); // 'fr'
 * const t = translator(locale);
 * t('nav.home'); // 'Accueil'
 */
import { en, type MessageKey, type Messages } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español' };

const catalogues: Record<Locale, Partial<Messages>> = { en, fr, es };

export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (LOCALES as readonly string[]).includes(value);
}

/** Picks the locale from `?lang=` or the Accept-Language header (q-values honoured). */
export function negotiateLocale(langParam: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(langParam)) return langParam;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranked) if (isLocale(r.lang)) return r.lang;
  return 'en';
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const text = catalogue[key] ?? en[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Which keys a locale still takes from English (for the catalogue test). */
export function missingKeys(locale: Locale): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((k) => catalogues[locale][k] === undefined);
}
