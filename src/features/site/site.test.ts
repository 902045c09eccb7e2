import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../../test/helpers/http.ts';
import { readReferenceData } from '../reference/read.ts';

forEachEngine((engine) => {
  describe('home, about and API reference pages', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());
    const html = async (path: string) => (await app.request(path)).text();

    it('shows the headline figures from the data', async () => {
      const page = await html('/');
      expect(page).toMatch(/<strong>23<\/strong> objectives of the migration compact/);
      expect(page).toMatch(/<strong>4<\/strong> objectives of the refugee compact/);
      expect(page).toMatch(
        /<strong>152<\/strong> States voted for A\/RES\/73\/195 \(GCM\), 5 against, 12 abstained/,
      );
      expect(page).toMatch(
        /<strong>181<\/strong> States voted for A\/RES\/73\/151 \(GCR\), 2 against, 3 abstained/,
      );
    });

    it('lists every source on /about, each cited by at least one record', async () => {
      const page = await html('/about');
      const { data } = readReferenceData();
      for (const s of data.sources) expect(page, s.id).toContain(`id="source-${s.id}"`);
      expect(page).not.toMatch(/cited by 0 records/);
      expect(page).toContain('CC BY 4.0');
      expect(page).toContain('id="cite"');
    });

    it('lists every API route and every error code on /api', async () => {
      const page = await html('/api');
      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
        paths: Record<string, object>;
      };
      for (const path of Object.keys(doc.paths)) expect(page).toContain(`/api/v1${path}`);
      expect(page).toContain('id="problem-not_found"');
      expect(page).toContain('id="problem-invalid_input"');
    });
  });
});
