/**
 * `npm run bench -- pledges`: the pledge registry at scale, in one run on this
 * machine, over synthetic data (`src/features/demo/generate.ts`):
 *
 * (a) import rate: N synthetic pledges through `importRegistry` against a bare
 *     insert loop of the same rows into the same kind of database;
 * (b) explorer latency with N pledges loaded: `searchPledges` in-process over
 *     varied filters, then `/api/v1/pledges` and `/pledges` under autocannon
 *     (read cache bypassed, and through it);
 * (c) page weight of `/pledges` and a pledge page in a real browser.
 *
 * Writes `bench/results/pledges.json` and prints tables.
 *
 * Options: --pledges=N (100000) --seed=S (1) --rounds=N (30) --duration=S (10)
 * --connections=N (10) --warmup=S (2) --check (exit 1 when a goal is missed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { generateRegistry } from '../src/features/demo/generate.ts';
import { searchPledges } from '../src/features/pledges/service.ts';
import { readReferenceData } from '../src/features/reference/read.ts';
import { todayIso } from '../src/http/params.ts';
import { type LoadResult, measureRoute } from './load.ts';
import { measurePagesWeight, type PageWeightResult } from './page-weight.ts';
import {
  EXPLORER_QUERIES,
  type HttpLatencyResult,
  measurePaths,
  measureServiceLatency,
  queryString,
  type ServiceLatencyResult,
} from './pledges-explorer.ts';
import { type ImportRateResult, measureImportRate } from './pledges-import.ts';
import {
  exitCode,
  gitCommit,
  kb,
  LOAD_ARGS,
  loadOptions,
  log,
  type Machine,
  machineInfo,
  pct,
  positive,
  table,
  writeResults,
} from './report.ts';
import { spawnServer, tempDataDir } from './server-process.ts';

/** The goals of the pledge registry's design. */
export const GOALS = {
  /** importRegistry's rate as a share of a bare insert loop's. */
  importRatio: 0.5,
  /** Explorer p95 in milliseconds, on SQLite. */
  explorerP95Ms: 50,
  pageKB: 100,
} as const;

type Check = { name: string; goal: string; value: string; pass: boolean };

export type PledgeBenchResults = {
  date: string;
  machine: Machine;
  commit: string | null;
  options: {
    pledges: number;
    seed: number;
    rounds: number;
    connections: number;
    durationS: number;
    warmupS: number;
  };
  generation: { ms: number; actors: number; pledges: number; updates: number; assessments: number };
  importRate: ImportRateResult;
  service: ServiceLatencyResult;
  http:
    | {
        /** The first request after start-up, which builds the search index (page, then API). */
        firstRequestMs: { page: number; api: number };
        trivial: LoadResult;
        runs: HttpLatencyResult[];
      }
    | { skipped: string };
  pageWeight: PageWeightResult[] | { skipped: string };
  checks: Check[];
};

export async function runPledgeBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pledges: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '30' },
      ...LOAD_ARGS,
    },
  });
  const options = {
    pledges: positive(values.pledges, 'pledges'),
    seed: Number(values.seed),
    rounds: positive(values.rounds, 'rounds'),
    ...loadOptions(values),
  };
  const machine = machineInfo();
  const today = todayIso();
  log(
    `Compact Watch pledge benchmarks — ${new Date().toISOString()} — ${machine.cpus} CPUs, Node ${machine.node}`,
  );

  const states = readReferenceData().data.states.map((s) => ({ iso3: s.iso3, name: s.name }));
  const started = performance.now();
  const registry = generateRegistry({ pledges: options.pledges, seed: options.seed, today, states });
  const generation = {
    ms: Math.round(performance.now() - started),
    actors: registry.actors.length,
    pledges: registry.pledges.length,
    updates: registry.updates.length,
    assessments: registry.assessments.length,
  };
  log(
    `generated ${generation.pledges} pledges, ${generation.actors} actors, ${generation.updates} updates, ` +
      `${generation.assessments} assessments in ${generation.ms} ms (seed ${options.seed})`,
  );

  const importDir = tempDataDir();
  const bareDir = tempDataDir();
  let importRate: ImportRateResult;
  let service: ServiceLatencyResult;
  let http: PledgeBenchResults['http'];
  let pageWeight: PledgeBenchResults['pageWeight'];
  try {
    log('(a) import rate: importRegistry vs a bare insert loop, SQLite, same schema and pragmas');
    importRate = await measureImportRate(registry, importDir, bareDir);
    fs.rmSync(bareDir, { recursive: true, force: true });

    log(
      `(b) explorer: searchPledges in-process, ${EXPLORER_QUERIES.length} queries × ${options.rounds} rounds`,
    );
    const database = await openDatabase({
      engine: 'sqlite',
      file: path.join(importDir, 'compact-watch.sqlite'),
    });
    let deepCursor: string | null = null;
    try {
      service = await measureServiceLatency(database.db, today, options.rounds);
      let cursor: string | undefined;
      for (let seen = 0; seen < 50_000; seen += 500) {
        const page = await searchPledges(
          database.db,
          {},
          { limit: 500, ...(cursor ? { cursor } : {}) },
          today,
        );
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      deepCursor = cursor ?? null;
    } finally {
      await database.close();
    }

    const server = await spawnServer({ dataDir: importDir, timeoutMs: 120_000 });
    try {
      log(`server: ${server.url} (SQLite, ${options.pledges} synthetic pledges), separate process`);
      const paths = EXPLORER_QUERIES.map((q) => {
        const qs = queryString(q.filter);
        if (!q.deep || !deepCursor) return qs;
        return `${qs}${qs ? '&' : '?'}cursor=${encodeURIComponent(deepCursor)}`;
      });
      const load = {
        connections: options.connections,
        durationS: options.durationS,
        warmupS: options.warmupS,
      };
      const single = { ...load, connections: 1 };
      // Any cookie makes the read cache step aside (a signed-in reader's answers are never shared).
      const bypass = { cookie: 'bench=1' };
      const api = paths.map((p) => `/api/v1/pledges${p}`);
      const pages = paths.map((p) => `/pledges${p}`);
      // The first request after start-up builds the search index: timed on its own, then every
      // path is requested once, so that no measured run waits behind the build.
      const firstRequestMs = {
        page: await timedGet(`${server.url}/pledges`, bypass),
        api: await timedGet(`${server.url}/api/v1/pledges`, bypass),
      };
      for (const p of [...api, ...pages]) await timedGet(`${server.url}${p}`, bypass);
      const trivial = await measureRoute(
        server.url,
        { name: 'trivial JSON (/api/v1)', path: '/api/v1' },
        load,
      );
      const runs: HttpLatencyResult[] = [];
      // One connection: the latency one reader sees (the goal). Several: throughput, with queueing.
      const n = options.connections;
      const plan: [string, string[], typeof load & { headers?: Record<string, string> }][] = [
        ['API, cache bypassed, 1 connection', api, { ...single, headers: bypass }],
        ['page, cache bypassed, 1 connection', pages, { ...single, headers: bypass }],
        [`API, cache bypassed, ${n} connections`, api, { ...load, headers: bypass }],
        [`page, cache bypassed, ${n} connections`, pages, { ...load, headers: bypass }],
        [`API, through the read cache, ${n} connections`, api, load],
        [`page, through the read cache, ${n} connections`, pages, load],
      ];
      for (const [name, list, opts] of plan) runs.push(await measurePaths(server.url, name, list, opts));
      http = { firstRequestMs, trivial, runs };

      pageWeight = await measurePagesWeight(
        server.url,
        ['/pledges', '/pledges?compact=gcr&region=002', '/pledges/SYN-P000001'],
        '(c) page weight',
      );
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(importDir, { recursive: true, force: true });
    fs.rmSync(bareDir, { recursive: true, force: true });
  }

  const checks = evaluate(importRate, service, http, pageWeight);
  const results: PledgeBenchResults = {
    date: new Date().toISOString(),
    machine,
    commit: gitCommit(),
    options,
    generation,
    importRate,
    service,
    http,
    pageWeight,
    checks,
  };
  printTables(results);
  writeResults('pledges.json', results);
  return exitCode(checks, 'goal', values.check);
}

function evaluate(
  importRate: ImportRateResult,
  service: ServiceLatencyResult,
  http: PledgeBenchResults['http'],
  pageWeight: PledgeBenchResults['pageWeight'],
): Check[] {
  const checks: Check[] = [
    {
      name: 'import rate / bare insert loop',
      goal: `≥ ${pct(GOALS.importRatio)}`,
      value: pct(importRate.ratio),
      pass: importRate.ratio >= GOALS.importRatio,
    },
    {
      name: 'searchPledges p95 (all queries)',
      goal: `< ${GOALS.explorerP95Ms} ms`,
      value: `${service.overall.p95Ms} ms`,
      pass: service.overall.p95Ms < GOALS.explorerP95Ms,
    },
  ];
  if ('runs' in http) {
    for (const r of http.runs.filter((x) => x.name.includes('bypassed, 1 connection'))) {
      checks.push({
        name: `${r.name}: p97.5 (bounds p95)`,
        goal: `< ${GOALS.explorerP95Ms} ms`,
        value: `${r.latencyP97_5Ms} ms`,
        pass: r.latencyP97_5Ms < GOALS.explorerP95Ms,
      });
    }
    const bad = http.runs.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0);
    checks.push({ name: 'no errors under load', goal: '0', value: String(bad), pass: bad === 0 });
  }
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

function printTables(r: PledgeBenchResults): void {
  const i = r.importRate;
  log(`\n(a) Import rate, ${i.records.pledges} pledges (${i.records.total} records, ${i.rowsWritten} rows)`);
  table(
    ['', 'ms', 'records/s', 'pledges/s'],
    [
      [
        'importRegistry',
        String(i.importer.ms),
        String(i.importer.recordsPerSecond),
        String(i.importer.pledgesPerSecond),
      ],
      [
        'bare insert loop',
        String(i.bareLoop.ms),
        String(i.bareLoop.recordsPerSecond),
        String(i.bareLoop.pledgesPerSecond),
      ],
      ['ratio', '', pct(i.ratio), ''],
    ],
  );
  const s = r.service;
  log(
    `\n(b) searchPledges, ${s.pledges} pledges, ${s.rounds} rounds (first call after a write: ${s.coldFirstCallMs} ms)`,
  );
  table(
    ['query', 'matches', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    [
      ...s.perQuery.map((q) => [
        q.name,
        String(q.total),
        String(q.p50Ms),
        String(q.p95Ms),
        String(q.p99Ms),
        String(q.maxMs),
      ]),
      [
        'all',
        '',
        String(s.overall.p50Ms),
        String(s.overall.p95Ms),
        String(s.overall.p99Ms),
        String(s.overall.maxMs),
      ],
    ],
  );
  if ('runs' in r.http) {
    log(
      '\nHTTP (autocannon, loopback, server in its own process; each connection cycles through the queries). ' +
        `First request after start-up: page ${r.http.firstRequestMs.page} ms, API ${r.http.firstRequestMs.api} ms`,
    );
    table(
      ['run', 'req/s', 'p50', 'p90', 'p97.5', 'p99', 'non-2xx', 'errors'],
      [r.http.trivial, ...r.http.runs].map((x) => [
        x.name,
        x.requestsPerSecond.toFixed(0),
        String(x.latencyP50Ms),
        'latencyP90Ms' in x ? String(x.latencyP90Ms) : '',
        'latencyP97_5Ms' in x ? String(x.latencyP97_5Ms) : '',
        String(x.latencyP99Ms),
        String(x.non2xx),
        String(x.errors + x.timeouts),
      ]),
    );
  }
  if (Array.isArray(r.pageWeight)) {
    log('\n(c) Page weight, first view (Chromium)');
    table(
      ['page', 'total KB', 'requests', 'JS KB', 'hosts'],
      r.pageWeight.map((p) => [
        p.path,
        String(p.totalKB),
        String(p.requests),
        kb(p.scriptBytes),
        p.hosts.join(' '),
      ]),
    );
  } else log(`\n(c) Page weight: skipped (${r.pageWeight.skipped})`);
  log('\nGoals');
  table(
    ['check', 'goal', 'measured', ''],
    r.checks.map((c) => [c.name, c.goal, c.value, c.pass ? 'ok' : 'MISSED']),
  );
}

/** Milliseconds for one GET, body read; throws unless it answers 200. */
async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return Math.round(performance.now() - started);
}
