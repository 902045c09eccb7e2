import { isCI, missingPrerequisites } from './environment.ts';

/** Says plainly what this run skips and why; under CI a missing prerequisite fails the run. */
export default function setup(): void {
  const missing = missingPrerequisites();
  if (missing.length === 0) return;
  if (isCI) throw new Error(`CI=true but prerequisites are missing:\n  ${missing.join('\n  ')}`);
  console.warn(`\nSkipping (not a failure outside CI):\n  ${missing.join('\n  ')}\n`);
}
