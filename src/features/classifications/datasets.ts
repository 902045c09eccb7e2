import type { Dataset } from '../datasets.ts';
import { listClassifications } from './repository.ts';
import type { ClassificationView } from './schemas.ts';

/** One flat row per scheme × category × objective: the shape of the CSV twin and the export. */
export type ClassificationRow = {
  scheme: string;
  categoryId: string;
  categoryPosition: number;
  categoryName: string;
  objective: string;
  number: number;
  title: string;
  label: string | null;
};

/**
 * Flattens schemes into rows, keeping category and member order.
 *
 * @example
 * classificationRows([wmr2020])[0]; // { scheme: 'wmr2020', categoryId: 'wmr2020-1', objective: 'gcm-1', … }
 */
export function classificationRows(schemes: ClassificationView[]): ClassificationRow[] {
  return schemes.flatMap((s) =>
    s.categories.flatMap((c) =>
      c.members.map((m) => ({
        scheme: s.id,
        categoryId: c.id,
        categoryPosition: c.position,
        categoryName: c.name,
        objective: m.objective,
        number: m.number,
        title: m.title,
        label: m.label,
      })),
    ),
  );
}

export const classificationsDataset: Dataset<ClassificationRow> = {
  name: 'classifications',
  description: 'Classification schemes of objectives: one row per scheme, category and objective',
  list: async (db) => classificationRows(await listClassifications(db)),
  records: listClassifications,
  columns: [
    { header: 'scheme', value: (r) => r.scheme },
    { header: 'categoryId', value: (r) => r.categoryId },
    { header: 'categoryPosition', value: (r) => r.categoryPosition },
    { header: 'categoryName', value: (r) => r.categoryName },
    { header: 'objective', value: (r) => r.objective },
    { header: 'number', value: (r) => r.number },
    { header: 'title', value: (r) => r.title },
    { header: 'label', value: (r) => r.label },
  ],
};
