/**
 * The stance of every State on a date must read the same wherever it is
 * shown: the API, its CSV twin, the /states page and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from './helpers/db.ts';
import { openTestApp, type TestApp } from './helpers/http.ts';
import { runCli } from './helpers/spawn.ts';

const CASES = [
  ['gcm', '2018-12-18'],
  ['gcm', '2019-06-30'],
  ['gcm', '2023-01-05'],
  ['gcr', '2018-12-17'],
  ['gcr', '2021-12-31'],
] as const;

forEachEngine((engine) => {
  describe('one answer on every surface', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    it.each(CASES)('%s on %s: API, CSV, page and CLI agree State by State', async (compact, asOf) => {
      const q = `compact=${compact}&asOf=${asOf}&limit=500`;
      const api = (
        await app.json<{
          data: { iso3: string; stance: string }[];
          meta: { counts: Record<string, number> };
        }>(`/api/v1/positions?${q}`)
      ).body;
      const byApi = new Map(api.data.map((p) => [p.iso3, p.stance]));

      const csv = (await (await app.request(`/api/v1/positions?${q}&format=csv`)).text())
        .trim()
        .split('\n')
        .slice(1);
      const byCsv = new Map(csv.map((line) => line.split(',')).map((cells) => [cells[0]!, cells[4]!]));
      expect(byCsv).toEqual(byApi);

      const html = await (await app.request(`/states?compact=${compact}&asOf=${asOf}`)).text();
      // The page's table alternative: one row per State, its stance in the first cell.
      const rows = [
        ...html.matchAll(
          /<tr><th scope="row"><a href="\/states\/([A-Z]{3})">[^<]*<\/a><\/th><td>([^<]+)<\/td>/g,
        ),
      ];
      const byPage = new Map(rows.map((m) => [m[1]!, m[2]!.toLowerCase()]));
      expect(byPage).toEqual(byApi);

      const cli = runCli(
        ['positions', '--compact', compact, '--as-of', asOf, '--csv', '-'],
        app.config.database.engine === 'postgres' ? cliEnv(app) : { DATA_DIR: app.dataDir },
      );
      const byCli = new Map(
        cli.stdout
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(','))
          .map((cells) => [cells[0]!, cells[4]!]),
      );
      expect(byCli).toEqual(byApi);
    });
  });
});

function cliEnv(app: TestApp): Record<string, string> {
  const db = app.config.database as { url: string; schema?: string };
  return {
    DATA_DIR: app.dataDir,
    DATABASE_URL: db.url,
    ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
  };
}
