/**
 * Start-up time: spawn `compact-watch serve` and time until `/healthz`
 * answers 200. Cold = a fresh DATA_DIR (create, migrate, load reference data);
 * warm = a restart on the same DATA_DIR.
 */
import fs from 'node:fs';
import { spawnServer, tempDataDir } from './server-process.ts';

export type StartupResult = {
  coldMs: number[];
  warmMs: number[];
  coldMedianMs: number;
  warmMedianMs: number;
};

/** The middle value (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `runs` cold starts, each followed by one warm restart on the same folder. */
export async function measureStartup(runs = 3): Promise<StartupResult> {
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = tempDataDir();
    try {
      const cold = await spawnServer({ dataDir });
      coldMs.push(Math.round(cold.readyMs));
      await cold.stop();
      const warm = await spawnServer({ dataDir });
      warmMs.push(Math.round(warm.readyMs));
      await warm.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { coldMs, warmMs, coldMedianMs: median(coldMs), warmMedianMs: median(warmMs) };
}
