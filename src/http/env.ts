import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Engine } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { User } from '../features/accounts/service.ts';
import type { SyntheticSummary } from '../features/demo/synthetic.ts';
import type { Logger } from '../log.ts';
import type { Locale, Translate } from '../web/i18n/index.ts';

/** What every request handler may use: the database and the resolved config. */
export type Deps = {
  db: Kysely<Database>;
  engine: Engine;
  config: Config;
  logger: Logger;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    locale: Locale;
    /** True when the locale came from `?lang=`, so links carry it on. */
    explicitLocale: boolean;
    t: Translate;
    /** Set for page requests: the synthetic data loaded, if any (the layout shows a notice). */
    synthetic: SyntheticSummary | null;
    /** The caller: a signed-in user or a token's user; null for the public. */
    user: User | null;
    /** The session's CSRF token, for forms; null without a session. */
    csrfToken: string | null;
    /** The session id from the cookie, when signed in by session. */
    sessionId: string;
  };
};
