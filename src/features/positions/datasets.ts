import type { CsvColumn } from '../../http/list.ts';
import { todayIso } from '../../http/params.ts';
import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { listResolutions } from './repository.ts';
import type { ChangeView, PositionView, ResolutionView, VoteView } from './schemas.ts';
import { listChanges, positionsAsOf } from './service.ts';

export const positionsColumns: CsvColumn<PositionView>[] = [
  { header: 'iso3', value: (p) => p.iso3 },
  { header: 'name', value: (p) => p.name },
  { header: 'compact', value: (p) => p.compact },
  { header: 'region', value: (p) => p.region },
  { header: 'stance', value: (p) => p.stance },
  { header: 'since', value: (p) => p.since },
  { header: 'sincePrecision', value: (p) => p.sincePrecision },
  { header: 'eventId', value: (p) => p.eventId },
  { header: 'conflict', value: (p) => p.conflict?.id },
];

export const votesColumns: CsvColumn<VoteView>[] = [
  { header: 'iso3', value: (v) => v.iso3 },
  { header: 'name', value: (v) => v.name },
  { header: 'vote', value: (v) => v.vote },
  { header: 'conflict', value: (v) => v.conflict?.id },
];

export const changesDataset: Dataset<ChangeView> = {
  name: 'position-changes',
  description: 'Every change of stance of a State on a compact, with its event and sources',
  list: async (db) => (await listChanges(db, {})).map(({ sort_key: _, ...c }) => c),
  columns: [
    { header: 'date', value: (c) => c.date },
    { header: 'datePrecision', value: (c) => c.datePrecision },
    { header: 'iso3', value: (c) => c.iso3 },
    { header: 'name', value: (c) => c.name },
    { header: 'compact', value: (c) => c.compact },
    { header: 'from', value: (c) => c.from },
    { header: 'to', value: (c) => c.to },
    { header: 'eventId', value: (c) => c.event.id },
    { header: 'kind', value: (c) => c.event.kind },
    { header: 'title', value: (c) => c.event.title },
    { header: 'sources', value: (c) => sourcesCell(c.event) },
  ],
};

/** Positions on both compacts today, for the export. */
export const positionsDataset: Dataset<PositionView> = {
  name: 'positions',
  description: "Every State's stance on each compact as of the export date",
  list: async (db) => {
    const asOf = todayIso();
    const [gcm, gcr] = await Promise.all([
      positionsAsOf(db, { compact: 'gcm', asOf }),
      positionsAsOf(db, { compact: 'gcr', asOf }),
    ]);
    return [...gcm.items, ...gcr.items].map(({ sort_key: _, ...p }) => p);
  },
  columns: positionsColumns,
};

export const resolutionsDataset: Dataset<ResolutionView> = {
  name: 'resolutions',
  description: 'Resolutions with recorded votes and their official totals',
  list: listResolutions,
  columns: [
    { header: 'id', value: (r) => r.id },
    { header: 'symbol', value: (r) => r.symbol },
    { header: 'compact', value: (r) => r.compact },
    { header: 'date', value: (r) => r.date },
    { header: 'title', value: (r) => r.title },
    { header: 'impliesStance', value: (r) => r.impliesStance },
    { header: 'yes', value: (r) => r.official.yes },
    { header: 'no', value: (r) => r.official.no },
    { header: 'abstain', value: (r) => r.official.abstain },
    { header: 'notVoting', value: (r) => r.official.notVoting },
    { header: 'recorded', value: (r) => r.recorded },
    { header: 'conflicts', value: (r) => r.conflicts.map((c) => c.id).join(' ') },
    { header: 'sources', value: sourcesCell },
  ],
};
