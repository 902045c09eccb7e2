/**
 * A small seeded pseudo-random source for synthetic data: mulberry32, so the
 * same seed gives the same sequence on every machine and Node version (no
 * `Math.random`). Not for anything that needs to be unpredictable.
 *
 * @example
 * const r = seededRandom(1);
 * r.int(1, 6);            // a die roll, the same for seed 1 every time
 * r.pick(['a', 'b', 'c']);
 */

export type Random = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number;
  /** True with probability `p`. */
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** One of `items`, chosen with the relative `weight` of each. */
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** `count` distinct items (fewer if there are fewer), in the order drawn. */
  sample: <T>(items: readonly T[], count: number) => T[];
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(next() * items.length)]!;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    sample: (items, count) => {
      const n = Math.min(count, items.length);
      if (n * 4 <= items.length) {
        // Few from many: draw indices until enough distinct ones (no copy of a large list).
        const chosen = new Set<number>();
        while (chosen.size < n) chosen.add(Math.floor(next() * items.length));
        return [...chosen].map((i) => items[i]!);
      }
      // Otherwise a partial Fisher–Yates shuffle of a copy.
      const pool = [...items];
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, n);
    },
  };
}
