/**
 * `compact-watch positions`: the counts of each stance on a compact as of a
 * date, the same figures as `/api/v1/positions` and the /states page, and
 * optionally every State's position as CSV.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { STANCES } from '../domain/stance.ts';
import { ValidationError } from '../errors.ts';
import { positionsColumns } from '../features/positions/datasets.ts';
import { positionsAsOf } from '../features/positions/service.ts';
import { listRegions } from '../features/states/repository.ts';
import { toCsv } from '../http/list.ts';
import { COMPACT_IDS, type CompactId, isoDateParam, todayIso } from '../http/params.ts';

export type PositionsArgs = { compact?: string; asOf?: string; region?: string; csv?: string };

export async function runPositions(
  db: Kysely<Database>,
  args: PositionsArgs,
  out: (s: string) => void,
): Promise<string | undefined> {
  const compact = args.compact;
  if (!compact || !(COMPACT_IDS as readonly string[]).includes(compact)) {
    throw new ValidationError(
      compact ? `Unknown compact "${compact}".` : 'Which compact? Give --compact gcm or --compact gcr.',
      [{ location: '--compact', message: 'must be gcm or gcr' }],
    );
  }
  const asOf = args.asOf ?? todayIso();
  const date = isoDateParam.safeParse(asOf);
  if (!date.success) {
    throw new ValidationError(`Invalid --as-of "${asOf}": ${date.error.issues[0]?.message}.`, [
      { location: '--as-of', message: date.error.issues[0]?.message ?? 'invalid date' },
    ]);
  }
  if (args.region) {
    const regions = await listRegions(db);
    if (!regions.some((r) => r.code === args.region)) {
      throw new ValidationError(`Unknown region "${args.region}".`, [
        {
          location: '--region',
          message: `must be one of ${regions.map((r) => `${r.code} (${r.name})`).join(', ')}`,
        },
      ]);
    }
  }
  const { items, counts } = await positionsAsOf(db, {
    compact: compact as CompactId,
    asOf,
    region: args.region,
  });
  const csv = args.csv ? toCsv(items, positionsColumns) : undefined;
  if (args.csv === '-') {
    out(csv!);
    return undefined;
  }
  out(
    `Positions on the ${compact.toUpperCase()} as of ${asOf}${args.region ? ` in region ${args.region}` : ''} (${items.length} States)\n`,
  );
  for (const stance of STANCES) out(`  ${stance.padEnd(12)}${String(counts[stance]).padStart(4)}\n`);
  if (args.csv) {
    fs.writeFileSync(args.csv, csv!);
    return args.csv;
  }
  return undefined;
}
