/**
 * HTTP throughput and latency with autocannon (programmatic API), loopback
 * only, bounded in time, against a server in another process.
 */
import autocannon from 'autocannon';

export type LoadTarget = { name: string; path: string; headers?: Record<string, string>; note?: string };

export type LoadResult = {
  name: string;
  path: string;
  headers: Record<string, string>;
  note?: string;
  connections: number;
  durationS: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Mean response bytes per second, as autocannon counts them (headers and body). */
  bytesPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

export type LoadOptions = { connections: number; durationS: number; warmupS: number };

/** Warms the route up (result discarded), then measures it for `durationS` seconds. */
export async function measureRoute(
  baseUrl: string,
  target: LoadTarget,
  options: LoadOptions,
): Promise<LoadResult> {
  const url = `${baseUrl}${target.path}`;
  const headers = target.headers ?? {};
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`load tests run on loopback only, not ${url}`);
  if (options.warmupS > 0) {
    await autocannon({ url, headers, connections: options.connections, duration: options.warmupS });
  }
  const r = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
  });
  return {
    name: target.name,
    path: target.path,
    headers,
    ...(target.note ? { note: target.note } : {}),
    connections: options.connections,
    durationS: options.durationS,
    requestsPerSecond: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    bytesPerSecond: r.throughput.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
