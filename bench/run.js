#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmarks through tsx (no build step), like bin/compact-watch.js.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('./main.ts');
process.exitCode = await runBenchmarks(process.argv.slice(2));
