/**
 * `GET /feeds/positions.atom`: an Atom feed (RFC 4287) with one entry per
 * change of stance, newest first, at most 100. Entry ids are built from the
 * event that made the change, so a reader never sees the same change twice.
 *
 * @example
 * const xml = buildPositionsFeed({ changes, publicUrl: 'https://example.org', t, locale: 'en', ... });
 */
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppEnv } from '../../http/env.ts';
import type { Locale, Translate } from '../../web/i18n/index.ts';
import { listStates } from '../states/repository.ts';
import { STANCE_KEYS } from './components.tsx';
import type { ChangeView } from './schemas.ts';
import { listChanges } from './service.ts';

export const FEED_LIMIT = 100;
export const FEED_PATH = '/feeds/positions.atom';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Characters XML 1.0 forbids anywhere, even escaped: C0 controls other than
 * tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding these control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML content and for attribute values (either quote), dropping forbidden characters. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** An ISO date as an RFC 3339 date-time at midnight UTC: `2019-01-08` → `2019-01-08T00:00:00Z`. */
export const atomDate = (isoDate: string) => `${isoDate}T00:00:00Z`;

/** Changes newest first (same-day changes keep their name order), at most `limit`. */
export function newestFirst<T extends { date: string }>(changes: T[], limit = FEED_LIMIT): T[] {
  // Array.prototype.sort is stable, so changes of one day stay in the order the API gives them.
  return [...changes].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, limit);
}

export type FeedInput = {
  changes: ChangeView[];
  publicUrl: string;
  t: Translate;
  locale: Locale;
  /** When the data last changed; the feed's `updated` when there is no entry. */
  changedAt: string;
  /** State names in the feed's language, by ISO3. */
  names?: Map<string, string>;
};

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${escapeXml(text)}</${name}>`;
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

function entry(c: ChangeView, input: FeedInput): string {
  const { t, publicUrl } = input;
  const state = input.names?.get(c.iso3) ?? c.name;
  const title = t('feed.entryTitle', {
    state,
    from: t(STANCE_KEYS[c.from]),
    to: t(STANCE_KEYS[c.to]),
    compact: c.compact.toUpperCase(),
  });
  const sources = c.event.sources
    .map((s) =>
      [s.title, s.symbol && !s.title.includes(s.symbol) ? `(${s.symbol})` : '', s.url ?? '']
        .filter(Boolean)
        .join(' '),
    )
    .join('; ');
  const summary = `${c.event.title}.${sources ? ` ${t('feed.sources', { list: sources })}` : ''}`;
  const when = atomDate(c.date);
  return [
    '<entry>',
    el('id', `${publicUrl}/positions#${c.event.id}`),
    el('title', title),
    el('published', when),
    el('updated', when),
    `<link${attr('rel', 'alternate')}${attr('type', 'text/html')}${attr('href', `${publicUrl}/states/${c.iso3}`)}/>`,
    `<category${attr('term', c.compact)}${attr('label', c.compact.toUpperCase())}/>`,
    el('summary', summary, attr('type', 'text')),
    '</entry>',
  ].join('\n');
}

/** The whole feed document. Pure: the same input gives the same bytes. */
export function buildPositionsFeed(input: FeedInput): string {
  const { t, publicUrl } = input;
  const entries = newestFirst(input.changes);
  const updated = entries[0] ? atomDate(entries[0].date) : input.changedAt;
  const self = `${publicUrl}${FEED_PATH}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attr('xml:lang', input.locale)}>`,
    el('id', self),
    el('title', t('feed.title')),
    el('subtitle', t('feed.subtitle')),
    el('updated', updated),
    `<link${attr('rel', 'self')}${attr('type', 'application/atom+xml')}${attr('href', self)}/>`,
    `<link${attr('rel', 'alternate')}${attr('type', 'text/html')}${attr('href', `${publicUrl}/positions`)}/>`,
    `<author>${el('name', t('site.name'))}${el('uri', publicUrl)}</author>`,
    el('rights', t('feed.rights')),
    ...entries.map((e) => entry(e, input)),
    '</feed>',
    '',
  ].join('\n');
}

async function dataChangedAt(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('data_version').select('changed_at').where('id', '=', 1).executeTakeFirst();
  return row?.changed_at ?? new Date(0).toISOString();
}

/** Registers `GET /feeds/positions.atom`. */
export function registerPositionsFeed(app: Hono<AppEnv>): void {
  app.get(FEED_PATH, async (c) => {
    const db = c.var.deps.db;
    const locale = c.get('locale');
    const [changes, states, changedAt] = await Promise.all([
      listChanges(db, {}),
      listStates(db),
      dataChangedAt(db),
    ]);
    const xml = buildPositionsFeed({
      changes,
      publicUrl: c.var.deps.config.publicUrl,
      t: c.get('t'),
      locale,
      changedAt,
      names: new Map(states.map((s) => [s.iso3, s.names[locale] || s.name])),
    });
    return c.body(xml, 200, { 'content-type': ATOM_TYPE });
  });
}
