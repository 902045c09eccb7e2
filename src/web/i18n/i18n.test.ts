import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { type MessageKey, missingKeys, negotiateLocale, translator } from './index.ts';

describe('negotiateLocale', () => {
  it('prefers ?lang= over Accept-Language', () => {
    expect(negotiateLocale('es', 'fr-FR,fr;q=0.9')).toBe('es');
  });
  it('follows Accept-Language q-values and region subtags', () => {
    expect(negotiateLocale(undefined, 'de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.5')).toBe('fr');
    expect(negotiateLocale(undefined, 'en;q=0.1, es;q=0.7')).toBe('es');
  });
  it('falls back to English for unknown or refused languages', () => {
    expect(negotiateLocale('xx', 'de,ja')).toBe('en');
    expect(negotiateLocale(undefined, 'fr;q=0')).toBe('en');
    expect(negotiateLocale(undefined, undefined)).toBe('en');
  });
});

describe('catalogues', () => {
  // Navigation and page chrome must be translated in every locale.
  const chrome = (Object.keys(en) as MessageKey[]).filter((k) => /^(nav|skip|footer|site|error)\./.test(k));

  it.each(['fr', 'es'] as const)('%s translates all navigation and chrome', (locale) => {
    const missing = missingKeys(locale).filter((k) => chrome.includes(k) && k !== 'site.name');
    expect(missing).toEqual([]);
  });

  it('interpolates parameters and falls back to English', () => {
    const t = translator('fr');
    expect(t('nav.home')).toBe('Accueil');
    expect(t('compact.voteFigures', { yes: 1, no: 2, abstain: 3 })).toContain('1');
  });
});
