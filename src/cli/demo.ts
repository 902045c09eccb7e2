/**
 * `compact-watch demo`: loads generated, clearly marked synthetic pledges for
 * demonstrations and benchmarks, or (`--clear`) removes every synthetic record.
 *
 * @example
 * await runDemo({ pledges: '50', seed: '1' }, io); // prints what was loaded
 * await runDemo({ clear: true }, io);
 */
import { loadConfig } from '../config.ts';
import { ValidationError } from '../errors.ts';
import { MAX_SYNTHETIC_PLEDGES } from '../features/demo/generate.ts';
import { clearSyntheticData, loadDemoData } from '../features/demo/service.ts';
import type { ImportPhase } from '../features/transfer/import.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type Values = Record<string, string | boolean | undefined>;

export const DEMO_OPTIONS = {
  pledges: { type: 'string', description: `how many pledges to generate, 1–${MAX_SYNTHETIC_PLEDGES} (1000)` },
  seed: { type: 'string', description: 'any whole number; the same seed gives the same data (1)' },
  clear: { type: 'boolean', description: 'remove every synthetic record instead' },
} as const;

export async function runDemo(
  values: Values,
  io: Io,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const clear = Boolean(values.clear);
  if (clear && (values.pledges !== undefined || values.seed !== undefined)) {
    throw new ValidationError('--clear removes synthetic data; it takes no --pledges or --seed.', [
      { location: '--clear', message: 'cannot be combined with --pledges or --seed' },
    ]);
  }
  const pledges = wholeNumber(values.pledges, '--pledges', 1000, 1, MAX_SYNTHETIC_PLEDGES);
  const seed = wholeNumber(values.seed, '--seed', 1, -(2 ** 31), 2 ** 32 - 1);

  const runtime = await startRuntime(loadConfig(), createLogger({ logLevel: 'warn' }));
  try {
    if (clear) {
      const { deleted, total } = await clearSyntheticData(runtime.db);
      if (total === 0) io.out('No synthetic data was loaded; nothing to remove.\n');
      else {
        const main = ['pledges', 'actors', 'pledge_updates', 'pledge_assessments', 'national_reviews']
          .filter((t) => (deleted[t] ?? 0) > 0)
          .map((t) => `${deleted[t]} ${t.replace('pledge_', '').replace('_', ' ')}`);
        io.out(`Removed every synthetic record: ${main.join(', ')} (${total} rows with their links).\n`);
      }
      return 0;
    }

    const progress = stderr.isTTY ? progressBar(stderr) : undefined;
    const started = performance.now();
    const result = await loadDemoData(runtime.db, {
      pledges,
      seed,
      today: new Date().toISOString().slice(0, 10),
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.done();
    const seconds = (performance.now() - started) / 1000;
    const { counts } = result.report;
    if (result.replaced > 0) io.out(`Removed the ${result.replaced} synthetic pledges loaded before.\n`);
    const line = (kind: keyof typeof counts, label: string) =>
      `  ${label.padEnd(12)}${String(counts[kind].inserted).padStart(8)} new ${String(counts[kind].updated).padStart(8)} updated ${String(counts[kind].unchanged).padStart(8)} unchanged\n`;
    io.out(
      `Generated ${result.generated.pledges} synthetic pledges (seed ${seed}) with ${result.generated.actors} actors, ` +
        `${result.generated.updates} progress updates and ${result.generated.assessments} assessments, in ${seconds.toFixed(1)} s:\n`,
    );
    io.out(line('actors', 'actors'));
    io.out(line('pledges', 'pledges'));
    io.out(line('updates', 'updates'));
    io.out(line('assessments', 'assessments'));
    io.out(
      `${result.syntheticPledges} synthetic pledges are now loaded; every page says so. ` +
        'Remove them with `compact-watch demo --clear`.\n',
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

function wholeNumber(
  text: string | boolean | undefined,
  option: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (typeof text !== 'string' || !/^-?\d+$/.test(text.trim()) || n < min || n > max) {
    throw new ValidationError(
      `${option} must be a whole number from ${min} to ${max}, got "${String(text)}".`,
      [{ location: option, message: `a whole number from ${min} to ${max}` }],
    );
  }
  return n;
}

/** A one-line progress bar on a terminal, redrawn at most ten times a second. */
function progressBar(stream: NodeJS.WriteStream): {
  /** `total` counts every record twice: once checked, once written (or found unchanged). */
  update: (done: number, total: number, phase: ImportPhase) => void;
  done: () => void;
} {
  const started = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update: (done, total, phase) => {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const share = total > 0 ? done / total : 1;
      const width = 30;
      const filled = Math.round(share * width);
      const seconds = ((now - started) / 1000).toFixed(0);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
          `${phase === 'write' ? 'writing  ' : 'checking'} ${seconds} s `,
      );
      drawn = true;
    },
    done: () => {
      if (drawn) stream.write('\n');
    },
  };
}
