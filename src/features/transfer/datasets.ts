/**
 * The registry as export datasets: one per record kind, in canonical form,
 * sorted by id, with the shared CSV columns (src/features/pledges/csv-records.ts).
 * `stream` reads a page at a time, so exporting 100,000 pledges does not hold
 * them all in memory.
 */

import type { Dataset } from '../datasets.ts';
import { registryColumns } from '../pledges/csv-records.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../pledges/records.ts';
import { type AnyRecord, streamRecords } from './stored.ts';

/** CSV file names (the dataset names) of the registry kinds. */
export const REGISTRY_FILE_NAMES: Record<RegistryKind, string> = {
  actors: 'actors',
  pledges: 'pledges',
  updates: 'updates',
  assessments: 'assessments',
  nationalReviews: 'national-reviews',
};

const DESCRIPTIONS: Record<RegistryKind, string> = {
  actors: 'Actors that make pledges, other than States (States are actors by their ISO3 code)',
  pledges: 'Pledges to the compacts, in their canonical form',
  updates: 'Progress updates reported on pledges',
  assessments: 'Independent assessments of pledges',
  nationalReviews: 'National reviews submitted by States for a review cycle',
};

export const registryDatasets: Dataset<AnyRecord>[] = REGISTRY_KINDS.map((kind) => ({
  name: REGISTRY_FILE_NAMES[kind],
  kind,
  description: DESCRIPTIONS[kind],
  list: async (db) => {
    const all: AnyRecord[] = [];
    for await (const r of streamRecords(db, kind)) all.push(r);
    return all;
  },
  stream: (db) => streamRecords(db, kind),
  columns: (registryColumns[kind] as { header: string; encode: (r: AnyRecord) => string }[]).map((c) => ({
    header: c.header,
    value: (r: AnyRecord) => c.encode(r),
  })),
}));
