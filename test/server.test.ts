import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { startRuntime } from '../src/runtime.ts';
import { startServer } from '../src/server.ts';
import { dropSchema, ENGINES, freshDatabaseConfig } from './helpers/db.ts';
import { startServe, waitForExit } from './helpers/spawn.ts';

describe('compact-watch serve', () => {
  const fresh = freshDatabaseConfig('sqlite');

  it('creates, migrates and loads the database on first start, and answers /healthz', async () => {
    const server = await startServe(fresh.env);
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(server.logs()).toContain('reference data loaded');
      // A second server on the same data folder refuses to start, naming the folder and the holder.
      const second = await startServe(fresh.env).then(
        () => {
          throw new Error('second server started');
        },
        (err: { exitCode: number; output: string }) => err,
      );
      expect(second.exitCode).toBe(75);
      expect(second.output).toContain(fresh.dataDir);
      expect(second.output).toContain(`PID ${server.child.pid}`);
    } finally {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
    }
  });

  it('reuses the database on the next start, loading nothing', async () => {
    const server = await startServe(fresh.env);
    expect(server.logs()).not.toContain('reference data loaded');
    expect(server.logs()).not.toContain('database migrated');
    server.child.kill('SIGTERM');
    expect(await waitForExit(server.child)).toBe(0);
  });

  it('exits 0 within 10 s of SIGTERM', async () => {
    const server = await startServe(fresh.env);
    expect((await fetch(`${server.url}/api/v1/compacts/gcm/objectives`)).status).toBe(200);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await waitForExit(server.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.logs()).toContain('stopped');
  });
});

describe('graceful shutdown', () => {
  it('finishes a request that is in flight when stopping, and refuses new connections', async () => {
    const fresh = freshDatabaseConfig('sqlite');
    const config = {
      ...loadConfig({ ...fresh.env, LOG_LEVEL: 'silent', PORT: '0' }),
      database: fresh.database,
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived!: () => void;
    const hasArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await startServer(config, createLogger({ logLevel: 'silent' }), {
      configure: (app) =>
        app.get('/test/slow', async (c) => {
          arrived();
          await held;
          return c.json({ finished: true });
        }),
    });
    const inFlight = fetch(`${server.url}/test/slow`);
    await hasArrived;
    const stopped = server.stop();
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    release();
    const res = await inFlight;
    expect(await res.json()).toEqual({ finished: true });
    await stopped;
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL startup', () => {
  const fresh = freshDatabaseConfig('postgres');
  afterAll(() => dropSchema(fresh.database));

  it('lets several instances start at once: migrations and loading run once, under the advisory lock', async () => {
    const config = { ...loadConfig({ ...fresh.env, LOG_LEVEL: 'silent' }), database: fresh.database };
    const logger = createLogger({ logLevel: 'silent' });
    const runtimes = await Promise.all([1, 2, 3].map(() => startRuntime(config, logger)));
    const [first] = runtimes;
    const n = await first!.db
      .selectFrom('objectives')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(27);
    await Promise.all(runtimes.map((r) => r.close()));
  });
});
