/**
 * Explorer latency over a loaded registry: the service function
 * (`searchPledges`) called in-process over a varied set of filters, and the
 * `/pledges` page and `/api/v1/pledges` route under autocannon against a
 * server in its own process.
 */
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { type PledgeQuery, searchPledges } from '../src/features/pledges/service.ts';

export type ExplorerQuery = { name: string; filter: PledgeQuery; deep?: boolean };

/** What a reader does in the explorer: no filter, one facet, several, text, and a page deep in the list. */
export const EXPLORER_QUERIES: ExplorerQuery[] = [
  { name: 'no filter', filter: {} },
  { name: 'one facet: compact=gcr', filter: { compact: ['gcr'] } },
  { name: 'one facet: region=002', filter: { region: ['002'] } },
  { name: 'one facet: objective=gcm-5', filter: { objective: ['gcm-5'] } },
  { name: 'one flag: overdue', filter: { flag: ['overdue'] } },
  {
    name: 'several facets: gcm, civil society, overdue',
    filter: { compact: ['gcm'], actorType: ['civil_society'], flag: ['overdue'] },
  },
  {
    name: 'several facets: Asia or Europe, in progress, GRF 2023, financial',
    filter: { region: ['142', '150'], status: ['in_progress'], forum: ['grf-2023'], type: ['financial'] },
  },
  { name: 'text: education', filter: { q: 'education' } },
  { name: 'text + facet: resettlement, gcr', filter: { q: 'resettlement', compact: ['gcr'] } },
  { name: 'text, three words: fair recruitment migrant', filter: { q: 'fair recruitment migrant' } },
  { name: 'deep page: items 50,001–50,050, no filter', filter: {}, deep: true },
];

export type LatencySummary = { samples: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };

export type ServiceLatencyResult = {
  pledges: number;
  /** First call after a write: loads the rows and builds the in-memory index. */
  coldFirstCallMs: number;
  rounds: number;
  overall: LatencySummary;
  perQuery: ({ name: string; total: number } & LatencySummary)[];
};

/** The value at quantile `q` (0–1) of the samples, nearest rank. */
export function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

function summarise(samples: number[]): LatencySummary {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    samples: samples.length,
    p50Ms: round(percentile(samples, 0.5)),
    p95Ms: round(percentile(samples, 0.95)),
    p99Ms: round(percentile(samples, 0.99)),
    maxMs: round(Math.max(...samples)),
  };
}

/** A cursor that starts after item `offset` of an unfiltered list, found by paging through. */
async function cursorAt(db: Kysely<Database>, offset: number, today: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let seen = 0; seen < offset; seen += 500) {
    const page = await searchPledges(db, {}, { limit: 500, ...(cursor ? { cursor } : {}) }, today);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return cursor;
}

/**
 * Calls `searchPledges` for every query, `rounds` times, and returns the
 * latency percentiles (50 items a page, facets included, as the page asks).
 */
export async function measureServiceLatency(
  db: Kysely<Database>,
  today: string,
  rounds: number,
): Promise<ServiceLatencyResult> {
  let started = performance.now();
  const first = await searchPledges(db, {}, { limit: 50 }, today);
  const coldFirstCallMs = performance.now() - started;
  const deepCursor = await cursorAt(db, 50_000, today);

  const perQuery = new Map<string, { samples: number[]; total: number }>();
  const all: number[] = [];
  // One warm-up round, not counted.
  for (let round = -1; round < rounds; round++) {
    for (const q of EXPLORER_QUERIES) {
      const page = { limit: 50, ...(q.deep && deepCursor ? { cursor: deepCursor } : {}) };
      started = performance.now();
      const result = await searchPledges(db, q.filter, page, today);
      const ms = performance.now() - started;
      if (round < 0) continue;
      all.push(ms);
      const entry = perQuery.get(q.name) ?? { samples: [], total: result.total };
      entry.samples.push(ms);
      perQuery.set(q.name, entry);
    }
  }
  return {
    pledges: first.total,
    coldFirstCallMs: Math.round(coldFirstCallMs),
    rounds,
    overall: summarise(all),
    perQuery: [...perQuery].map(([name, e]) => ({ name, total: e.total, ...summarise(e.samples) })),
  };
}

/** The explorer's filters as a query string, as the page's form and the API take them. */
export function queryString(filter: PledgeQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (value !== undefined) params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export type HttpLatencyResult = {
  name: string;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP90Ms: number;
  /** autocannon reports no p95: p97.5 bounds it from above. */
  latencyP97_5Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** autocannon over several paths in turn (each connection cycles through them). */
export async function measurePaths(
  baseUrl: string,
  name: string,
  paths: string[],
  options: { connections: number; durationS: number; warmupS: number; headers?: Record<string, string> },
): Promise<HttpLatencyResult> {
  if (!baseUrl.startsWith('http://127.0.0.1:'))
    throw new Error(`load tests run on loopback only, not ${baseUrl}`);
  const headers = options.headers ?? {};
  const requests = paths.map((p) => ({ method: 'GET' as const, path: p, headers }));
  if (options.warmupS > 0)
    await autocannon({ url: baseUrl, requests, connections: options.connections, duration: options.warmupS });
  const r = await autocannon({
    url: baseUrl,
    requests,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
  });
  return {
    name,
    paths,
    headers,
    connections: options.connections,
    durationS: options.durationS,
    requestsPerSecond: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP90Ms: r.latency.p90,
    latencyP97_5Ms: r.latency.p97_5,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
