import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { listStates } from './repository.ts';
import type { StateView } from './schemas.ts';

export const statesDataset: Dataset<StateView> = {
  name: 'states',
  description: 'UN Member States and observer States with ISO codes and UN M49 regions',
  list: async (db) => (await listStates(db)).map(({ sort_key: _, ...s }) => s),
  columns: [
    { header: 'iso3', value: (s) => s.iso3 },
    { header: 'iso2', value: (s) => s.iso2 },
    { header: 'numeric', value: (s) => s.numeric },
    { header: 'name', value: (s) => s.name },
    { header: 'membership', value: (s) => s.membership },
    { header: 'regionCode', value: (s) => s.region.code },
    { header: 'region', value: (s) => s.region.name },
    { header: 'subregionCode', value: (s) => s.subregion.code },
    { header: 'subregion', value: (s) => s.subregion.name },
    { header: 'intermediateRegionCode', value: (s) => s.intermediateRegion?.code },
    { header: 'intermediateRegion', value: (s) => s.intermediateRegion?.name },
    { header: 'sources', value: sourcesCell },
  ],
};
