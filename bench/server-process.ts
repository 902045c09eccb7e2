/**
 * The server as a separate process (`node bin/compact-watch.js serve`), so the
 * load generator and the server do not share one event loop, and start-up is
 * timed the way an operator sees it.
 *
 * @example
 * const server = await spawnServer({ dataDir: tempDataDir() });
 * // ... server.url ...
 * await server.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'compact-watch.js');

export type ServerProcess = {
  url: string;
  /** Milliseconds from spawn until `/healthz` first answered 200. */
  readyMs: number;
  /** SIGTERM, then waits for the process to exit (and release the DATA_DIR lock). */
  stop: () => Promise<void>;
};

/** A new empty folder for an embedded database. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-'));
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `compact-watch serve` on 127.0.0.1 over the embedded SQLite database in
 * `dataDir` and resolves once `/healthz` answers 200 (polled every 10 ms).
 */
export async function spawnServer(options: { dataDir: string; timeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;

  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = started + (options.timeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (true) {
    if (exitCode !== undefined)
      throw new Error(`the server exited (${exitCode}) before answering:\n${stderr}`);
    if (performance.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(
        `the server did not answer /healthz within ${options.timeoutMs ?? 60_000} ms:\n${stderr}`,
      );
    }
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return { url, readyMs, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
