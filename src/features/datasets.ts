/**
 * The datasets the CLI exports: each is a whole list with its CSV columns,
 * the same columns as the API's CSV twin.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CsvColumn } from '../http/list.ts';
import { classificationsDataset } from './classifications/datasets.ts';
import { compactsDataset, objectivesDataset, principlesDataset } from './compacts/datasets.ts';
import { crosswalkLinksDataset, crosswalkNodesDataset, themesDataset } from './crosswalk/datasets.ts';
import { institutionsDataset, relationsDataset } from './institutions/datasets.ts';
import { milestonesDataset } from './milestones/datasets.ts';
import type { RegistryKind } from './pledges/records.ts';
import { changesDataset, positionsDataset, resolutionsDataset } from './positions/datasets.ts';
import { reviewCyclesDataset } from './reviews/datasets.ts';
import { statesDataset } from './states/datasets.ts';
import { registryDatasets } from './transfer/datasets.ts';

export type Dataset<T = never> = {
  name: string;
  description: string;
  list: (db: Kysely<Database>) => Promise<T[]>;
  columns: CsvColumn<T>[];
  /** The nested form for the JSON export, where CSV rows flatten it (default: `list`). */
  records?: (db: Kysely<Database>) => Promise<unknown[]>;
  /** Registry datasets: the record kind, which is also the JSON key and XLSX sheet name. */
  kind?: RegistryKind;
  /** Reads the records a page at a time, for tables too large to hold (the export prefers it to `list`). */
  stream?: (db: Kysely<Database>) => AsyncIterable<T>;
};

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous registry; each entry is typed where it is defined
export const datasets: Dataset<any>[] = [
  compactsDataset,
  objectivesDataset,
  principlesDataset,
  classificationsDataset,
  milestonesDataset,
  institutionsDataset,
  relationsDataset,
  statesDataset,
  resolutionsDataset,
  positionsDataset,
  changesDataset,
  reviewCyclesDataset,
  crosswalkNodesDataset,
  crosswalkLinksDataset,
  themesDataset,
  ...registryDatasets,
];
