/**
 * `compact-watch brief ISO3 [--pdf FILE] [--html FILE|-] [--lang en|fr|es]`:
 * a State's country brief as an A4 PDF (printed by headless Chromium at
 * CHROMIUM_PATH) and/or a self-contained HTML file. The page is rendered
 * in-process, exactly as the site serves `/states/{ISO3}/brief`; no server is
 * needed, and a running server's data folder is read alongside it.
 */
import { loadConfig } from '../config.ts';
import { ValidationError } from '../errors.ts';
import {
  briefDocument,
  checkChromium,
  checkOutputPath,
  DEFAULT_CHROMIUM_PATH,
  pdfPageCount,
  printPdf,
  writeFileAtomic,
} from '../features/briefs/print.ts';
import { getState } from '../features/states/repository.ts';
import { createApp } from '../http/app.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';
import { isLocale, LOCALES, type Locale } from '../web/i18n/index.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

export const BRIEF_USAGE = 'compact-watch brief ISO3 [--pdf FILE] [--html FILE|-] [--lang en|fr|es]';

export const BRIEF_OPTIONS = {
  pdf: { type: 'string', description: 'write the brief as an A4 PDF to FILE (needs Chromium)' },
  html: {
    type: 'string',
    description: 'write the brief as one self-contained HTML file (- for standard output)',
  },
  lang: { type: 'string', description: 'language of the brief: en (default), fr or es' },
} as const;

export type BriefArgs = { pdf?: string; html?: string; lang?: string };

/** Checks the arguments before anything is opened; returns the ISO3 code (upper case) and the language. */
function parseBriefArgs(positionals: string[], args: BriefArgs): { iso3: string; locale: Locale } {
  const [code, ...extra] = positionals;
  if (!code || extra.length > 0) {
    throw new ValidationError(
      `Give one State as its ISO 3166-1 alpha-3 code, e.g. BRA. Usage: ${BRIEF_USAGE}`,
      [{ location: 'ISO3', message: code ? `one code expected, got ${positionals.length}` : 'required' }],
    );
  }
  if (!/^[A-Za-z]{3}$/.test(code)) {
    throw new ValidationError(`"${code}" is not an ISO 3166-1 alpha-3 code such as BRA.`, [
      { location: 'ISO3', message: 'must be three letters' },
    ]);
  }
  const lang = args.lang ?? 'en';
  if (!isLocale(lang)) {
    throw new ValidationError(`Unknown language "${lang}".`, [
      { location: '--lang', message: `must be one of ${LOCALES.join(', ')}` },
    ]);
  }
  if (!args.pdf && !args.html) {
    throw new ValidationError(
      'Nothing to write: give --pdf FILE, --html FILE (or --html - for standard output), or both.',
      [{ location: '--pdf', message: 'or --html is required' }],
    );
  }
  if (args.pdf) checkOutputPath(args.pdf, '--pdf');
  if (args.html && args.html !== '-') checkOutputPath(args.html, '--html');
  return { iso3: code.toUpperCase(), locale: lang };
}

export async function runBrief(positionals: string[], args: BriefArgs, io: Io): Promise<number> {
  const { iso3, locale } = parseBriefArgs(positionals, args);
  const config = loadConfig();
  const executablePath = config.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  // Before the database is opened: a missing browser is named at once.
  if (args.pdf) checkChromium(executablePath);
  const logger = createLogger({ logLevel: 'warn' });
  const runtime = await startRuntime(config, logger, { readOnly: true });
  try {
    await getState(runtime.db, iso3); // NotFoundError (exit 3) for an unknown State
    const app = createApp({ db: runtime.db, engine: runtime.engine, config, logger });
    const html = await briefDocument(app, iso3, { locale, publicUrl: config.publicUrl });
    if (args.html === '-') io.out(html);
    else if (args.html) {
      writeFileAtomic(args.html, html, '--html');
      io.err(`wrote ${args.html}\n`);
    }
    if (args.pdf) {
      const pdf = await printPdf(html, { executablePath });
      writeFileAtomic(args.pdf, pdf, '--pdf');
      const pages = pdfPageCount(pdf);
      io.err(`wrote ${args.pdf} (${pages} A4 page${pages === 1 ? '' : 's'})\n`);
    }
  } finally {
    await runtime.close();
  }
  return 0;
}
