/**
 * Runs the HTTP server until SIGTERM or SIGINT, then finishes in-flight
 * requests, closes the database and exits 0 (forcing connections closed after
 * a grace period).
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import type { Logger } from './log.ts';
import { type Runtime, startRuntime } from './runtime.ts';

export const SHUTDOWN_GRACE_MS = 8_000;

export type RunningServer = {
  url: string;
  runtime: Runtime;
  stop: () => Promise<void>;
};

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const started = performance.now();
  const runtime = await startRuntime(config, logger);
  const app = createApp({ db: runtime.db, engine: runtime.engine, config, logger });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (err) => {
    await runtime.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    { url, engine: runtime.engine, dataDir: runtime.engine === 'sqlite' ? config.dataDir : undefined, ms: Math.round(performance.now() - started) },
    'Compact Watch is serving',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      const force = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      await new Promise<void>((resolve) => {
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        server.close(() => resolve());
      });
      clearTimeout(force);
      await runtime.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { url, runtime, stop };
}

/** Serves until a termination signal, then exits 0. */
export async function serveUntilSignal(config: Config, logger: Logger): Promise<void> {
  const running = await startServer(config, logger);
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
