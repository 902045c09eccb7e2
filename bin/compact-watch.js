#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own compiler settings (JSX included), wherever the command is run from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
// A reader that stops early (`compact-watch import x.csv | head`) closes the
// pipe; that is not an error of ours, so end quietly as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
if (code !== undefined) process.exitCode = code;
