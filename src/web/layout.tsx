/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { stylesheet } from './assets.ts';
import { LOCALE_NAMES, LOCALES, type MessageKey } from './i18n/index.ts';
import type { PageCtx } from './page.ts';

const NAV: { key: MessageKey; path: string }[] = [
  { key: 'nav.home', path: '/' },
  { key: 'nav.gcm', path: '/compacts/gcm' },
  { key: 'nav.gcr', path: '/compacts/gcr' },
  { key: 'nav.states', path: '/states' },
  { key: 'nav.positions', path: '/positions' },
  { key: 'nav.pledges', path: '/pledges' },
  { key: 'nav.analysis', path: '/analysis' },
  { key: 'nav.categories', path: '/classifications/wmr2020' },
  { key: 'nav.timeline', path: '/timeline' },
  { key: 'nav.reviews', path: '/reviews' },
  { key: 'nav.architecture', path: '/architecture' },
  { key: 'nav.about', path: '/about' },
  { key: 'nav.api', path: '/api' },
];

export type LayoutProps = {
  ctx: PageCtx;
  title: string;
  description?: string;
  /** Alternate machine-readable forms of this page. */
  alternates?: { json?: string; csv?: string; atom?: { href: string; title: string } };
  children: Child;
};

/** The page shell: skip link, header with navigation and languages, main, footer. */
export function Layout({ ctx, title, description, alternates, children }: LayoutProps) {
  const { t } = ctx;
  const isCurrent = (path: string) =>
    path === '/' ? ctx.path === '/' : ctx.path === path || ctx.path.startsWith(`${path}/`);
  return (
    <html lang={ctx.locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === t('site.name') ? title : `${title} · ${t('site.name')}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        {/* No favicon: saves a request on every first visit. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={stylesheet.url} />
        {alternates?.json ? <link rel="alternate" type="application/json" href={alternates.json} /> : null}
        {alternates?.csv ? <link rel="alternate" type="text/csv" href={alternates.csv} /> : null}
        {alternates?.atom ? (
          <link
            rel="alternate"
            type="application/atom+xml"
            href={alternates.atom.href}
            title={alternates.atom.title}
          />
        ) : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip.main')}
        </a>
        {ctx.synthetic ? <SyntheticNotice ctx={ctx} pledges={ctx.synthetic.pledges} /> : null}
        <header class="site">
          <div class="wrap">
            <a class="brand" href={ctx.href('/')}>
              {t('site.name')}
              <span>{t('site.tagline')}</span>
            </a>
            <nav class="main" aria-label={t('nav.label')}>
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={ctx.href(item.path)} aria-current={isCurrent(item.path) ? 'page' : undefined}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
                <li>
                  {ctx.signedIn ? (
                    <a href={ctx.href('/editor')} aria-current={isCurrent('/editor') ? 'page' : undefined}>
                      {t('nav.editor')}
                    </a>
                  ) : (
                    <a href={ctx.href('/sign-in')} aria-current={isCurrent('/sign-in') ? 'page' : undefined}>
                      {t('nav.signIn')}
                    </a>
                  )}
                </li>
              </ul>
            </nav>
            <nav class="lang" aria-label={t('nav.language')}>
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={ctx.hrefInLocale(l)}
                      lang={l}
                      hreflang={l}
                      aria-current={l === ctx.locale ? 'true' : undefined}
                    >
                      {LOCALE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{children}</div>
        </main>
        <footer class="site">
          <div class="wrap">
            <p>
              {t('footer.licence')} <a href={ctx.href('/about#cite')}>{t('footer.cite')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * Shown at the top of every page while generated records are loaded, so
 * synthetic data is never taken for real (see `compact-watch demo`).
 */
function SyntheticNotice({ ctx, pledges }: { ctx: PageCtx; pledges: number }) {
  const { t } = ctx;
  const count = new Intl.NumberFormat(ctx.locale).format(pledges);
  const text =
    pledges === 0
      ? t('site.synthetic.other')
      : t(pledges === 1 ? 'site.synthetic.one' : 'site.synthetic.many', { count });
  return (
    <section class="synthetic-notice" aria-label={t('site.synthetic.label')}>
      <p class="wrap">
        <strong>{text}</strong> <a href={ctx.href('/about#synthetic-data')}>{t('site.synthetic.more')}</a>
      </p>
    </section>
  );
}
