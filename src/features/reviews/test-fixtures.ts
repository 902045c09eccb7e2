/**
 * National review records for tests: a few synthetic reviews in canonical
 * form, loaded through the registry importer, the one way records get in.
 * Test-only; nothing in the application imports it.
 *
 * @example
 * await addNationalReviews(db, SAMPLE_REVIEWS);
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NationalReviewRecord } from '../pledges/records.ts';
import { importRegistry, recordsInput } from '../transfer/import.ts';
import { formatProblem } from '../transfer/problems.ts';

/** Synthetic reviews over three cycles and three States; one title starts like a spreadsheet formula. */
export const SAMPLE_REVIEWS: NationalReviewRecord[] = [
  {
    id: 'NR-BRA-IMRF-2022',
    iso3: 'BRA',
    cycleId: 'imrf-2022',
    submittedOn: '2022-03-15',
    title: 'Brazil: voluntary GCM review (test record)',
    documentUrl: 'https://example.org/reviews/bra-2022.pdf',
    // Out of order on purpose: the API lists objectives in the compacts' order.
    objectives: ['gcm-23', 'gcm-1'],
    synthetic: true,
  },
  {
    id: 'NR-FRA-IMRF-2022',
    iso3: 'FRA',
    cycleId: 'imrf-2022',
    submittedOn: '2022-04-01',
    title: '=France: review whose title looks like a formula',
    documentUrl: 'https://example.org/reviews/fra-2022.pdf',
    objectives: [],
    synthetic: true,
  },
  {
    id: 'NR-BRA-REGIONAL-2020',
    iso3: 'BRA',
    cycleId: 'gcm-regional-reviews-2020',
    submittedOn: '2020-11-10',
    title: 'Brazil: contribution to the regional review (test record)',
    documentUrl: 'https://example.org/reviews/bra-2020.pdf',
    objectives: ['gcm-5'],
    synthetic: true,
  },
  {
    id: 'NR-COL-GRF-2023',
    iso3: 'COL',
    cycleId: 'grf-2023',
    submittedOn: '2023-11-30',
    title: 'Colombia: report ahead of the Forum (test record)',
    documentUrl: 'https://example.org/reviews/col-2023.pdf',
    objectives: ['gcr-2', 'gcr-1'],
    synthetic: true,
  },
];

/** Imports national reviews through the registry importer; throws with the problems when it refuses them. */
export async function addNationalReviews(
  db: Kysely<Database>,
  records: NationalReviewRecord[],
): Promise<void> {
  const report = await importRegistry(
    db,
    recordsInput('test fixture', { nationalReviews: records }, { firstRow: null }),
  );
  if (!report.applied) {
    throw new Error(
      `The national review fixture was refused: ${report.problems.map(formatProblem).join('; ')}`,
    );
  }
}
