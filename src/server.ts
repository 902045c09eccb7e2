/**
 * Runs the HTTP server until SIGTERM or SIGINT, then finishes in-flight
 * requests, closes the database and exits 0 (forcing connections closed after
 * a grace period).
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import type { AppEnv } from './http/env.ts';
import type { Logger } from './log.ts';
import { type Runtime, startRuntime } from './runtime.ts';
import { worldGeometry } from './web/map/geometry.ts';

export const SHUTDOWN_GRACE_MS = 8_000;

export type RunningServer = {
  url: string;
  runtime: Runtime;
  stop: () => Promise<void>;
};

export type StartServerOptions = {
  /** Adds routes to the app before it serves (tests use it to hold a request open). */
  configure?: (app: Hono<AppEnv>) => void;
};

export async function startServer(
  config: Config,
  logger: Logger,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const started = performance.now();
  const runtime = await startRuntime(config, logger);
  // Project the world map now rather than on the first visit to /states (about 100 ms).
  worldGeometry();
  const app = createApp({ db: runtime.db, engine: runtime.engine, config, logger });
  options.configure?.(app);
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
    {
      url,
      engine: runtime.engine,
      dataDir: runtime.engine === 'sqlite' ? config.dataDir : undefined,
      ms: Math.round(performance.now() - started),
    },
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
      // Keep-alive sockets become idle once their in-flight response is sent;
      // close them as they do rather than waiting for the keep-alive timeout.
      const sweep = setInterval(() => {
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }, 50);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(sweep);
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
  // Handlers go in before the server starts, so a signal that arrives while it
  // starts up still shuts it down cleanly instead of killing it mid-migration.
  let running: RunningServer | undefined;
  let requested: string | undefined;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'signal received');
    if (!running) {
      requested = signal;
      return;
    }
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  running = await startServer(config, logger);
  if (requested) shutdown(requested);
}
