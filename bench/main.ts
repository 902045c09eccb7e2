/**
 * `npm run bench`: measures, in one run on this machine, the HTTP read path
 * against a trivial route, start-up time, and the home page's weight in a real
 * browser; prints a table and writes `bench/results/latest.json`.
 *
 * Options: --duration=S (10) --connections=N (10) --warmup=S (2) --runs=N (3)
 * --check (exit 1 when a design bar is missed).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type LoadResult, type LoadTarget, measureRoute } from './load.ts';
import { measurePagesWeight, type PageWeightResult } from './page-weight.ts';
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
import { measureStartup, type StartupResult } from './startup.ts';

/** The quality bars of the project's design brief. */
export const BARS = {
  /** Read API throughput as a share of the trivial JSON route's, same server, same run. */
  readApiRatio: 0.5,
  pageKB: 100,
  pageScriptKB: 30,
  thirdPartyHosts: 0,
} as const;

const TRIVIAL: LoadTarget = {
  name: 'trivial JSON (/api/v1)',
  path: '/api/v1',
  note: 'the API index: a small static JSON body built without the database (the read cache still checks the data version)',
};
const UNCACHED_NOTE =
  'reads are served from the read cache, valid for one data version; each request still checks the version (one query)';
const READ_API: LoadTarget = {
  name: 'read API (identity)',
  path: '/api/v1/compacts/gcm/objectives',
  note: `all 23 GCM objectives in one page (default limit 50), no Accept-Encoding: uncompressed JSON; ${UNCACHED_NOTE}`,
};
const READ_API_GZIP: LoadTarget = {
  name: 'read API (gzip)',
  path: '/api/v1/compacts/gcm/objectives',
  headers: { 'accept-encoding': 'gzip' },
  note: 'the same request with Accept-Encoding: gzip, as browsers and most clients send it',
};
const READ_API_UNCACHED: LoadTarget = {
  name: 'read API (cache bypassed)',
  path: '/api/v1/compacts/gcm/objectives',
  headers: { cookie: 'bench=1' },
  note: 'the same request with a cookie, which the read cache never serves: every request runs the queries',
};
const POSITIONS: LoadTarget = {
  name: 'positions as of a date',
  path: '/api/v1/positions?compact=gcm&asOf=2020-01-01&limit=500',
  note: "every State's stance on the GCM on one date (195 items, derived from the events and votes)",
};
const POSITIONS_UNCACHED: LoadTarget = {
  name: 'positions as of a date (cache bypassed)',
  path: '/api/v1/positions?compact=gcm&asOf=2020-01-01&limit=500',
  headers: { cookie: 'bench=1' },
  note: 'the same request, which the read cache never serves: every request derives all 195 stances again',
};
/** Measured one after the other against the same server; each is compared with TRIVIAL. */
const ROUTES: { key: string; target: LoadTarget; gated: boolean }[] = [
  { key: 'readApi', target: READ_API, gated: true },
  { key: 'readApiGzip', target: READ_API_GZIP, gated: false },
  { key: 'readApiUncached', target: READ_API_UNCACHED, gated: false },
  { key: 'positions', target: POSITIONS, gated: true },
  { key: 'positionsUncached', target: POSITIONS_UNCACHED, gated: false },
];
const PAGES = ['/', '/compacts/gcm', '/states', '/states/BRA', '/positions'];

type Check = { name: string; bar: string; value: string; pass: boolean };

export type BenchResults = {
  date: string;
  machine: Machine;
  commit: string | null;
  options: { connections: number; durationS: number; warmupS: number; startupRuns: number };
  load: {
    trivial: LoadResult;
    /** Each route's result and its throughput as a share of the trivial route's. */
    routes: { key: string; gated: boolean; result: LoadResult; ratio: number }[];
  };
  startup: StartupResult;
  pageWeight: PageWeightResult[] | { skipped: string };
  checks: Check[];
};

/** Runs every benchmark and returns the process exit code. */
export async function runBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...LOAD_ARGS, runs: { type: 'string', default: '3' } },
  });
  const options = { ...loadOptions(values), startupRuns: positive(values.runs, 'runs') };

  const machine = machineInfo();
  log(
    `Compact Watch benchmarks — ${new Date().toISOString()} — ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}`,
  );
  log('Single runs on this machine: compare ratios, not absolutes.\n');

  const dataDir = tempDataDir();
  let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
  let load: BenchResults['load'];
  let pageWeight: BenchResults['pageWeight'];
  try {
    server = await spawnServer({ dataDir });
    log(`server: ${server.url} (SQLite in ${dataDir}), separate process`);

    pageWeight = await measurePagesWeight(server.url, PAGES, 'page weight');
    if (!Array.isArray(pageWeight)) log(`page weight: skipped (${pageWeight.skipped})`);

    const loadOptions = {
      connections: options.connections,
      durationS: options.durationS,
      warmupS: options.warmupS,
    };
    log(
      `load: autocannon, ${options.connections} connections, ${options.warmupS} s warm-up + ${options.durationS} s per route`,
    );
    const trivial = await measureRoute(server.url, TRIVIAL, loadOptions);
    const routes: BenchResults['load']['routes'] = [];
    for (const r of ROUTES) {
      const result = await measureRoute(server.url, r.target, loadOptions);
      routes.push({
        key: r.key,
        gated: r.gated,
        result,
        ratio: result.requestsPerSecond / trivial.requestsPerSecond,
      });
    }
    load = { trivial, routes };
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  log(
    `start-up: ${options.startupRuns} cold starts (fresh DATA_DIR) and ${options.startupRuns} warm restarts`,
  );
  const startup = await measureStartup(options.startupRuns);

  const checks = evaluate(load, pageWeight);
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    commit: gitCommit(),
    options,
    load,
    startup,
    pageWeight,
    checks,
  };
  printTables(results);

  writeResults('latest.json', results);
  return exitCode(checks, 'bar', values.check);
}

function evaluate(load: BenchResults['load'], pageWeight: BenchResults['pageWeight']): Check[] {
  const all = [load.trivial, ...load.routes.map((r) => r.result)];
  const checks: Check[] = [
    ...load.routes
      .filter((r) => r.gated)
      .map((r) => ({
        name: `${r.result.name} / trivial route`,
        bar: `≥ ${pct(BARS.readApiRatio)}`,
        value: pct(r.ratio),
        pass: r.ratio >= BARS.readApiRatio,
      })),
    {
      name: 'no errors under load',
      bar: '0 errors, 0 non-2xx, 0 timeouts',
      value: String(all.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0)),
      pass: all.every((r) => r.errors + r.non2xx + r.timeouts === 0),
    },
  ];
  if (Array.isArray(pageWeight)) {
    for (const p of pageWeight) {
      checks.push(
        {
          name: `${p.path} weight`,
          bar: `≤ ${BARS.pageKB} KB`,
          value: `${p.totalKB} KB`,
          pass: p.totalKB <= BARS.pageKB,
        },
        {
          name: `${p.path} JavaScript`,
          bar: `≤ ${BARS.pageScriptKB} KB`,
          value: `${kb(p.scriptBytes)} KB`,
          pass: p.scriptBytes / 1024 <= BARS.pageScriptKB,
        },
        {
          name: `${p.path} third-party hosts`,
          bar: String(BARS.thirdPartyHosts),
          value: String(p.thirdPartyHosts.length),
          pass: p.thirdPartyHosts.length <= BARS.thirdPartyHosts,
        },
      );
    }
  }
  return checks;
}

function printTables(r: BenchResults): void {
  log('\nHTTP (loopback, server in its own process)');
  table(
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'KB/s', 'requests', 'non-2xx', 'errors', '/ trivial'],
    [r.load.trivial, ...r.load.routes.map((x) => x.result)].map((x, i) => [
      `${x.name} ${x.path}`,
      x.requestsPerSecond.toFixed(0),
      String(x.latencyP50Ms),
      String(x.latencyP99Ms),
      (x.bytesPerSecond / 1024).toFixed(0),
      String(x.requests),
      String(x.non2xx),
      String(x.errors + x.timeouts),
      i === 0 ? '' : pct(r.load.routes[i - 1]!.ratio),
    ]),
  );

  log('\nStart-up (spawn → /healthz 200)');
  table(
    ['', 'median ms', 'runs ms'],
    [
      [
        'cold (fresh DATA_DIR)',
        r.startup.coldMedianMs.toFixed(0),
        r.startup.coldMs.map((x) => x.toFixed(0)).join(', '),
      ],
      [
        'warm (same DATA_DIR)',
        r.startup.warmMedianMs.toFixed(0),
        r.startup.warmMs.map((x) => x.toFixed(0)).join(', '),
      ],
    ],
  );

  if (Array.isArray(r.pageWeight)) {
    log('\nPage weight, first view (Chromium, CDP encodedDataLength until network idle)');
    table(
      ['page', 'total KB', 'requests', 'JS KB', 'hosts', 'Accept-Encoding', 'resources'],
      r.pageWeight.map((p) => [
        p.path,
        String(p.totalKB),
        String(p.requests),
        kb(p.scriptBytes),
        p.hosts.join(' '),
        p.acceptEncoding ?? '?',
        p.resources
          .map(
            (x) =>
              `${new URL(x.url).pathname} ${x.status} ${x.contentEncoding ?? 'identity'} ${kb(x.encodedBytes)}KB`,
          )
          .join('; '),
      ]),
    );
  } else {
    log(`\nPage weight: skipped (${r.pageWeight.skipped})`);
  }

  log('\nBars');
  table(
    ['check', 'bar', 'measured', ''],
    r.checks.map((c) => [c.name, c.bar, c.value, c.pass ? 'ok' : 'MISSED']),
  );
}
