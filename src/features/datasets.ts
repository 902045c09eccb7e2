/**
 * The datasets the CLI exports: each is a whole list with its CSV columns,
 * the same columns as the API's CSV twin.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CsvColumn } from '../http/list.ts';
import { compactsDataset, objectivesDataset, principlesDataset } from './compacts/datasets.ts';

export type Dataset<T = never> = {
  name: string;
  description: string;
  list: (db: Kysely<Database>) => Promise<T[]>;
  columns: CsvColumn<T>[];
};

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous registry; each entry is typed where it is defined
export const datasets: Dataset<any>[] = [compactsDataset, objectivesDataset, principlesDataset];
