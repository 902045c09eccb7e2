#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmarks through tsx (no build step), like bin/compact-watch.js.
// `npm run bench -- pledges` runs the pledge registry benchmarks instead (bench/pledges.ts),
// `npm run bench -- analysis` the coverage analysis benchmarks (bench/analysis.ts).
import { register } from 'tsx/esm/api';

register();
const [first, ...rest] = process.argv.slice(2);
if (first === 'pledges') {
  const { runPledgeBenchmarks } = await import('./pledges.ts');
  process.exitCode = await runPledgeBenchmarks(rest);
} else if (first === 'analysis') {
  const { runAnalysisBenchmarks } = await import('./analysis.ts');
  process.exitCode = await runAnalysisBenchmarks(rest);
} else {
  const { runBenchmarks } = await import('./main.ts');
  process.exitCode = await runBenchmarks(process.argv.slice(2));
}
