import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { listMilestones } from './repository.ts';
import type { MilestoneView } from './schemas.ts';

export const milestonesDataset: Dataset<MilestoneView> = {
  name: 'milestones',
  description: 'Dated milestones of both compacts, in chronological order',
  list: (db) => listMilestones(db),
  columns: [
    { header: 'id', value: (m) => m.id },
    { header: 'date', value: (m) => m.date },
    { header: 'datePrecision', value: (m) => m.datePrecision },
    { header: 'endDate', value: (m) => m.endDate },
    { header: 'title', value: (m) => m.title },
    { header: 'description', value: (m) => m.description },
    { header: 'kind', value: (m) => m.kind },
    { header: 'compacts', value: (m) => m.compacts.join(' ') },
    { header: 'symbol', value: (m) => m.symbol },
    { header: 'status', value: (m) => m.status },
    { header: 'notes', value: (m) => m.notes },
    { header: 'sources', value: sourcesCell },
  ],
};
