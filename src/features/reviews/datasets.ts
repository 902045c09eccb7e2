/**
 * The CSV forms of review cycles (an export dataset and the API's CSV twin)
 * and of national reviews (the registry's column list plus the derived names,
 * so a downloaded file can be imported again).
 */
import type { CsvColumn } from '../../http/list.ts';
import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { DERIVED_HEADERS, registryColumns } from '../pledges/csv-records.ts';
import { listReviewCycles } from './repository.ts';
import type { NationalReviewView, ReviewCycleView } from './schemas.ts';

export const reviewCyclesDataset: Dataset<ReviewCycleView> = {
  name: 'review-cycles',
  description: 'Review and pledging cycles of both compacts (IMRF, GRF, HLOM, progress and regional reviews)',
  list: async (db) => (await listReviewCycles(db)).map(({ sort_key: _, ...r }) => r),
  columns: [
    { header: 'id', value: (r) => r.id },
    { header: 'name', value: (r) => r.name },
    { header: 'kind', value: (r) => r.kind },
    { header: 'compact', value: (r) => r.compact },
    { header: 'startDate', value: (r) => r.startDate },
    { header: 'endDate', value: (r) => r.endDate },
    { header: 'datePrecision', value: (r) => r.datePrecision },
    { header: 'milestone', value: (r) => r.milestone },
    { header: 'description', value: (r) => r.description },
    { header: 'status', value: (r) => r.status },
    { header: 'notes', value: (r) => r.notes },
    { header: 'sources', value: sourcesCell },
    { header: 'nationalReviewCount', value: (r) => r.nationalReviewCount },
    { header: 'pledgeCount', value: (r) => r.pledgeCount },
  ],
};

const derived: Record<string, (r: NationalReviewView) => string> = {
  stateName: (r) => r.stateName,
  cycleName: (r) => r.cycleName,
};

/** The registry's national review columns, then the derived ones (`DERIVED_HEADERS.nationalReviews`). */
export const nationalReviewColumns: CsvColumn<NationalReviewView>[] = [
  ...registryColumns.nationalReviews.map(
    (c): CsvColumn<NationalReviewView> => ({ header: c.header, value: (r) => c.encode(r) }),
  ),
  ...DERIVED_HEADERS.nationalReviews.map((header): CsvColumn<NationalReviewView> => {
    const value = derived[header];
    if (!value) throw new Error(`No value for the derived national review column "${header}"`);
    return { header, value };
  }),
];
