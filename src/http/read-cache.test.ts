import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine } from '../../test/helpers/db.ts';
import { openTestApp, type TestApp } from '../../test/helpers/http.ts';
import { bumpDataVersion, readDataVersion } from '../db/data-version.ts';

forEachEngine((engine) => {
  describe('read cache', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await openTestApp(engine);
    });
    afterAll(() => app.close());

    const path = '/api/v1/objectives/gcm-1';

    it('serves a repeated read from the cache, byte for byte', async () => {
      const first = await app.request(path);
      expect(first.headers.get('x-cache')).toBeNull();
      const body = await first.text();
      const second = await app.request(path);
      expect(second.headers.get('x-cache')).toBe('hit');
      expect(await second.text()).toBe(body);
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    });

    it('answers If-None-Match from the cache with 304', async () => {
      const { headers } = await app.request(path);
      const res = await app.request(path, { headers: { 'if-none-match': headers.get('etag')! } });
      expect(res.status).toBe(304);
      expect(res.headers.get('x-cache')).toBe('hit');
    });

    it('shows a change as soon as the data version moves', async () => {
      await app.request(path);
      await app.db
        .updateTable('objectives')
        .set({ short_label: 'Changed label' })
        .where('id', '=', 'gcm-1')
        .execute();
      // Without a version bump the cached copy stands (writes must bump in their transaction).
      expect(await (await app.request(path)).text()).not.toContain('Changed label');
      const before = await readDataVersion(app.db);
      await bumpDataVersion(app.db);
      expect(await readDataVersion(app.db)).toBe(before + 1);
      const fresh = await app.request(path);
      expect(fresh.headers.get('x-cache')).toBeNull();
      expect(await fresh.text()).toContain('Changed label');
    });

    it('keeps separate copies per language and per content encoding', async () => {
      const en = await (await app.request('/compacts/gcm')).text();
      const fr = await (await app.request('/compacts/gcm', { headers: { 'accept-language': 'fr' } })).text();
      expect(en).toContain('lang="en"');
      expect(fr).toContain('lang="fr"');
      const gz = await app.request('/compacts/gcm', { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const plain = await app.request('/compacts/gcm');
      expect(plain.headers.get('content-encoding')).toBeNull();
    });

    it('never caches errors, health checks or requests with credentials', async () => {
      await app.request('/api/v1/objectives/gcm-99');
      expect((await app.request('/api/v1/objectives/gcm-99')).headers.get('x-cache')).toBeNull();
      await app.request('/healthz');
      expect((await app.request('/healthz')).headers.get('x-cache')).toBeNull();
      const auth = { headers: { authorization: 'Bearer x' } };
      await app.request('/api/v1/compacts', auth);
      expect((await app.request('/api/v1/compacts', auth)).headers.get('x-cache')).toBeNull();
    });
  });
});
