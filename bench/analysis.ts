/**
 * `npm run bench -- analysis`: the coverage analysis at scale, in one run on
 * this machine, over synthetic data (`compact-watch demo`'s generator):
 *
 * (a) in-process, on the same database: the plain query
 *     `select count(*) from pledge_objectives` against `coverageAnalysis`
 *     (the service behind `/api/v1/analysis/coverage`) for each `by`, with
 *     and without a filter, and the same cells counted by one SQL GROUP BY
 *     (`sqlCoverageCells`), the path the service does not take;
 * (b) over HTTP against `compact-watch serve` in its own process: the
 *     coverage endpoint for each `by`, one request at a time, read cache
 *     bypassed (every request counts again), against the trivial route
 *     `/api/v1` requested the same way;
 * (c) the weight of the analysis pages with the data loaded.
 *
 * Latencies are timed per request (no sampling), so p95 is exact.
 * Writes `bench/results/analysis.json` and prints tables.
 *
 * Options: --pledges=N (100000) --seed=S (1) --rounds=N (50) --requests=N (200)
 * --check (exit 1 when a goal is missed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { type AnalysisFilter, COVERAGE_DIMENSIONS } from '../src/domain/coverage.ts';
import { countPledgeObjectives, sqlCoverageCells } from '../src/features/analysis/repository.ts';
import { coverageAnalysis } from '../src/features/analysis/service.ts';
import { loadDemoData } from '../src/features/demo/service.ts';
import { loadReferenceData } from '../src/features/reference/sync.ts';
import { todayIso } from '../src/http/params.ts';
import { measurePagesWeight, type PageWeightResult } from './page-weight.ts';
import { percentile } from './pledges-explorer.ts';
import {
  exitCode,
  gitCommit,
  log,
  type Machine,
  machineInfo,
  positive,
  table,
  writeResults,
} from './report.ts';
import { spawnServer, tempDataDir } from './server-process.ts';

/** The goals of the analysis: coverage answers in p95 < 200 ms on SQLite with 100,000 pledges. */
export const GOALS = { coverageP95Ms: 200, pageKB: 100 } as const;

/** A filter a reader would choose: a date range and a region. */
const FILTER: AnalysisFilter = { from: '2019-01-01', to: '2023-12-31', region: '142' };
const FILTER_QS = 'from=2019-01-01&to=2023-12-31&region=142';

export type Latency = { name: string; samples: number; p50Ms: number; p95Ms: number; maxMs: number };
type Check = { name: string; goal: string; value: string; pass: boolean };

export type AnalysisBenchResults = {
  date: string;
  machine: Machine;
  commit: string | null;
  options: { pledges: number; seed: number; rounds: number; requests: number };
  load: { ms: number; pledges: number; pledgeObjectives: number };
  inProcess: {
    /** The first coverage call after the load: builds the explorer's index, which the analysis counts over. */
    firstCallMs: number;
    plainCount: Latency;
    coverage: Latency[];
    sqlGroupBy: Latency[];
  };
  http: { firstRequestMs: number; trivial: Latency; coverage: Latency[] };
  pageWeight: PageWeightResult[] | { skipped: string };
  checks: Check[];
};

const round2 = (x: number) => Math.round(x * 100) / 100;

function summarise(name: string, samples: number[]): Latency {
  return {
    name,
    samples: samples.length,
    p50Ms: round2(percentile(samples, 0.5)),
    p95Ms: round2(percentile(samples, 0.95)),
    maxMs: round2(Math.max(...samples)),
  };
}

/** Runs `fn` once to warm up, then `rounds` times, timing each call. */
async function timed(name: string, rounds: number, fn: () => Promise<unknown>): Promise<Latency> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summarise(name, samples);
}

/** One GET at a time; throws unless every answer is 200. */
async function timedGets(base: string, name: string, pathName: string, requests: number): Promise<Latency> {
  // Any cookie makes the read cache step aside: every request runs the handler.
  const headers = { cookie: 'bench=1', 'accept-encoding': 'gzip' };
  const get = async () => {
    const res = await fetch(`${base}${pathName}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${pathName} answered ${res.status}`);
  };
  await get();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await get();
    samples.push(performance.now() - started);
  }
  return summarise(name, samples);
}

async function inProcess(db: Kysely<Database>, today: string, rounds: number) {
  let started = performance.now();
  await coverageAnalysis(db, 'region', {}, today);
  const firstCallMs = Math.round(performance.now() - started);
  const plainCount = await timed('select count(*) from pledge_objectives', rounds, () =>
    countPledgeObjectives(db),
  );
  const coverage: Latency[] = [];
  for (const by of COVERAGE_DIMENSIONS) {
    coverage.push(
      await timed(`coverageAnalysis by=${by}`, rounds, () => coverageAnalysis(db, by, {}, today)),
    );
    coverage.push(
      await timed(`coverageAnalysis by=${by}, ${FILTER_QS}`, rounds, () =>
        coverageAnalysis(db, by, FILTER, today),
      ),
    );
  }
  // The database's own GROUP BY is slow: a few rounds say enough.
  const sqlRounds = Math.min(rounds, 5);
  const sqlGroupBy: Latency[] = [];
  started = performance.now();
  for (const by of COVERAGE_DIMENSIONS) {
    sqlGroupBy.push(
      await timed(`SQL GROUP BY by=${by}`, sqlRounds, () => sqlCoverageCells(db, by, {}, today)),
    );
  }
  log(`  SQL GROUP BY runs took ${Math.round(performance.now() - started)} ms in all`);
  return { firstCallMs, plainCount, coverage, sqlGroupBy };
}

export async function runAnalysisBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pledges: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '50' },
      requests: { type: 'string', default: '200' },
      check: { type: 'boolean', default: false },
    },
  });
  const options = {
    pledges: positive(values.pledges, 'pledges'),
    seed: Number(values.seed),
    rounds: positive(values.rounds, 'rounds'),
    requests: positive(values.requests, 'requests'),
  };
  const machine = machineInfo();
  const today = todayIso();
  log(
    `Compact Watch analysis benchmarks — ${new Date().toISOString()} — ${machine.cpus} CPUs, Node ${machine.node}`,
  );
  const dataDir = tempDataDir();
  try {
    const file = path.join(dataDir, 'compact-watch.sqlite');
    const database = await openDatabase({ engine: 'sqlite', file });
    let load: AnalysisBenchResults['load'];
    let measured: AnalysisBenchResults['inProcess'];
    try {
      await migrateToLatest(database.db, database.engine);
      await loadReferenceData(database.db, database.engine);
      const started = performance.now();
      const demo = await loadDemoData(database.db, { pledges: options.pledges, seed: options.seed, today });
      load = {
        ms: Math.round(performance.now() - started),
        pledges: demo.syntheticPledges,
        pledgeObjectives: await countPledgeObjectives(database.db),
      };
      log(
        `loaded ${load.pledges} synthetic pledges (${load.pledgeObjectives} pledge–objective links) in ${load.ms} ms (seed ${options.seed})`,
      );
      log(`(a) in-process, ${options.rounds} rounds each`);
      measured = await inProcess(database.db, today, options.rounds);
    } finally {
      await database.close();
    }

    const server = await spawnServer({ dataDir, timeoutMs: 120_000 });
    let http: AnalysisBenchResults['http'];
    let pageWeight: AnalysisBenchResults['pageWeight'];
    try {
      log(
        `(b) HTTP: ${server.url} (SQLite, separate process), ${options.requests} requests each, one at a time`,
      );
      const started = performance.now();
      const first = await fetch(`${server.url}/api/v1/analysis/coverage?limit=500`, {
        headers: { cookie: 'bench=1' },
      });
      await first.arrayBuffer();
      const firstRequestMs = Math.round(performance.now() - started);
      const trivial = await timedGets(server.url, 'trivial route /api/v1', '/api/v1', options.requests);
      const coverage: Latency[] = [];
      for (const by of COVERAGE_DIMENSIONS) {
        for (const qs of [`by=${by}`, `by=${by}&${FILTER_QS}`]) {
          const p = `/api/v1/analysis/coverage?${qs}&limit=500`;
          coverage.push(await timedGets(server.url, p, p, options.requests));
        }
      }
      http = { firstRequestMs, trivial, coverage };
      pageWeight = await measurePagesWeight(
        server.url,
        ['/analysis', '/analysis?by=actorType', '/analysis/categories', '/analysis/support'],
        '(c) page weight',
      );
    } finally {
      await server.stop();
    }

    const checks = evaluate(measured, http, pageWeight);
    const results: AnalysisBenchResults = {
      date: new Date().toISOString(),
      machine,
      commit: gitCommit(),
      options,
      load,
      inProcess: measured,
      http,
      pageWeight,
      checks,
    };
    printTables(results);
    writeResults('analysis.json', results);
    return exitCode(checks, 'goal', values.check);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function evaluate(
  inProc: AnalysisBenchResults['inProcess'],
  http: AnalysisBenchResults['http'],
  pageWeight: AnalysisBenchResults['pageWeight'],
): Check[] {
  const worst = (xs: Latency[]) => xs.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
  const service = worst(inProc.coverage);
  const endpoint = worst(http.coverage);
  const checks: Check[] = [
    {
      name: `coverageAnalysis, worst p95 (${service.name})`,
      goal: `< ${GOALS.coverageP95Ms} ms`,
      value: `${service.p95Ms} ms`,
      pass: service.p95Ms < GOALS.coverageP95Ms,
    },
    {
      name: `coverage endpoint, worst p95 (${endpoint.name})`,
      goal: `< ${GOALS.coverageP95Ms} ms`,
      value: `${endpoint.p95Ms} ms`,
      pass: endpoint.p95Ms < GOALS.coverageP95Ms,
    },
  ];
  if (Array.isArray(pageWeight)) {
    for (const p of pageWeight) {
      checks.push({
        name: `${p.path} weight`,
        goal: `≤ ${GOALS.pageKB} KB`,
        value: `${p.totalKB} KB`,
        pass: p.totalKB <= GOALS.pageKB,
      });
    }
  }
  return checks;
}

function printTables(r: AnalysisBenchResults): void {
  const row = (x: Latency, base?: Latency) => [
    x.name,
    String(x.p50Ms),
    String(x.p95Ms),
    String(x.maxMs),
    base ? `${round2(x.p50Ms / base.p50Ms)}×` : '',
  ];
  const head = ['', 'p50 ms', 'p95 ms', 'max ms', 'p50 / baseline'];
  const i = r.inProcess;
  log(
    `\n(a) In-process, ${r.options.rounds} rounds (first coverage call after the load: ${i.firstCallMs} ms)`,
  );
  table(head, [
    row(i.plainCount),
    ...i.coverage.map((x) => row(x, i.plainCount)),
    ...i.sqlGroupBy.map((x) => row(x, i.plainCount)),
  ]);
  log(
    `\n(b) HTTP, ${r.options.requests} requests each, one at a time, read cache bypassed (first request: ${r.http.firstRequestMs} ms)`,
  );
  table(head, [row(r.http.trivial), ...r.http.coverage.map((x) => row(x, r.http.trivial))]);
  if (Array.isArray(r.pageWeight)) {
    log('\n(c) Page weight, first view (Chromium)');
    table(
      ['page', 'total KB', 'requests', 'hosts'],
      r.pageWeight.map((p) => [p.path, String(p.totalKB), String(p.requests), p.hosts.join(' ')]),
    );
  } else log(`\n(c) Page weight: skipped (${r.pageWeight.skipped})`);
  log('\nGoals');
  table(
    ['check', 'goal', 'measured', ''],
    r.checks.map((c) => [c.name, c.goal, c.value, c.pass ? 'ok' : 'MISSED']),
  );
}
