/**
 * A small registry for the analysis tests, with every expected figure worked
 * out by hand below. Loaded through the registry importer, the one way
 * records get in. Dates that must stay recent are relative to `today`; the
 * others are fixed and far enough in the past that the flags read the same
 * on any day from 2025-09-01 on. Test-only; nothing in the application imports it.
 *
 * The pledges (today = T; "od" overdue, "st" stale, "f" fulfilled):
 *
 * | id  | actor (type)            | compacts | objectives (WMR 2020 category) | places → regions          | announced  | target     | updates (status)                  | f od st |
 * |-----|-------------------------|----------|--------------------------------|---------------------------|------------|------------|-----------------------------------|---------|
 * | A1  | KEN (state)             | gcr      | gcr-1, gcr-2                   | KEN → 002                 | 2019-12-17 | 2021-12-31 | 2020-06-01 in progress            | 0  1  1 |
 * | A2  | DEU (state)             | gcr      | gcr-3                          | 002 → 002                 | 2019-12-17 | 2099-12-31 | T−10 in progress                  | 0  0  0 |
 * | A3  | ngo-a (civil society)   | gcm      | gcm-1 (1), gcm-6 (1)           | BRA → 019                 | 2022-05-20 | —          | 2022-11-01 fulfilled              | 1  0  0 |
 * | A4  | firm-b (private sector) | gcm, gcr | gcm-20 (1), gcr-4              | 001 → global              | 2023-12-13 | 2025-12-31 | 2024-01-15 in progress, 2024-06-01 fulfilled | 1 0 0 |
 * | A5  | city-c (local auth.)    | gcm      | —                              | — → none                  | —          | —          | —                                 | 0  0  0 |
 * | A6  | BRA (state)             | gcm      | gcm-5 (2)                      | BRA, 019 → 019            | 2022-05-20 | 2024-05-20 | 2023-01-10 planning               | 0  1  1 |
 * | A7  | ngo-a (civil society)   | gcm      | gcm-5 (2), gcm-11 (2)          | DEU, KEN → 150, 002       | 2020-12-10 | 2099-01-01 | T−10 in progress                  | 0  0  0 |
 * | A8  | FRA (state)             | gcm      | gcm-2 (3), gcm-16 (3)          | FRA → 150                 | 2021-03-01 | 2022-12-31 | —  (last activity: announced)     | 0  1  1 |
 * | A9  | firm-b (private sector) | gcm      | gcm-17 (3)                     | 142 → 142                 | —          | —          | —                                 | 0  0  0 |
 * | A10 | KEN (state)             | gcr      | gcr-1                          | ETH → 002                 | 2023-12-14 | 2099-12-31 | 2024-09-01 in progress            | 0  0  1 |
 *
 * Worked out from the table (no filter):
 * - 10 pledges, 2 fulfilled (A3, A4), 3 overdue (A1, A6, A8), 4 stale (A1, A6, A8, A10); shares 0.2, 0.3, 0.4.
 *   9 list an objective (all but A5); 2 have no announcement date (A5, A9).
 * - Regions, each pledge once: 002 → A1, A2, A7, A10 = 4 (od 1, st 2); 009 → 0 (an orphan region);
 *   019 → A3, A6 = 2 (f 1, od 1, st 1); 142 → A9 = 1; 150 → A7, A8 = 2 (od 1, st 1); global → A4 = 1; none → A5 = 1.
 * - Objectives: gcm-5 → A6, A7 = 2 (od 1, st 1); gcr-1 → A1, A10 = 2 (od 1, st 2); gcm-1, gcm-2, gcm-6, gcm-11,
 *   gcm-16, gcm-17, gcm-20, gcr-2, gcr-3, gcr-4 → 1 each; the 15 other GCM objectives → 0 (orphans).
 * - Cells by region: gcm-5 × 002 = 1 (A7), gcm-5 × 019 = 1 (A6), gcm-5 × 150 = 1 (A7); gcr-1 × 002 = 2;
 *   gcm-20 × global = 1; gcm-1 × 019 = 1; every other cell of gcm-5 and gcr-1 is 0. gcm-5 adds up to 3 > its 2
 *   pledges: A7 has places in two regions.
 * - Category medians of the objectives' counts: 1 → eleven objectives, eight at 0 → 0; 2 → [0,0,0,0,1,2] → 0;
 *   3 → [0,0,0,1,1,1] → 0.5, so gcm-7, gcm-19 and gcm-23 (0 < 0.25) are far below, ratio 0. Categories 1 and 2:
 *   median 0, nothing is far below.
 * - Categories, each pledge once: 1 → A3, A4 = 2 (f 2); 2 → A6, A7 = 2 (od 1, st 1); 3 → A8, A9 = 2 (od 1, st 1).
 *   With by=category, `none` (an objective outside the scheme) → A1, A2, A4, A10 = 4.
 * - Actor types: state → A1, A2, A6, A8, A10 = 5; civil society → A3, A7 = 2; private sector → A4, A9 = 2;
 *   local authority → A5 = 1. Compacts: gcm → A3–A9 = 7; gcr → A1, A2, A4, A10 = 4; gcm-20 × gcr = 1 (A4).
 *
 * With from=2020-01-01, to=2023-12-31: A3, A4, A6, A7, A8, A10 = 6 (A1, A2 announced in 2019; A5, A9 undated,
 * left out: 2); fulfilled 2 (A3, A4), overdue 2 (A6, A8), stale 3 (A6, A8, A10); orphan regions 009 and 142.
 * With region=002: A1, A2, A7, A10 = 4; overdue 1, stale 2.
 *
 * Category lens (no filter): the years run 2020 (A7, the first dated pledge with a categorised objective) to
 * T's year; A9 is undated (1).
 * - Category 1 (A3 2022, A4 2023): 2022 announced 1, cumulative 1, updates 1, reporting 1, fulfilled 1;
 *   2023 announced 1, cumulative 2, fulfilled 1 (share 0.5); 2024 updates 2, reporting 1, fulfilled 2 (share 1).
 * - Category 2 (A7 2020, A6 2022): 2020 cumulative 1; 2022 cumulative 2; 2023 updates 1 (A6), fulfilled 0;
 *   the year of T−10: updates 1, reporting 1 (A7).
 * - Category 3 (A8 2021): cumulative 1 from 2021, no update, fulfilled 0.
 *
 * @example
 * await loadAnalysisFixture(db, todayIso());
 */
import type { Kysely } from 'kysely';
import { pledge as basePledge } from '../../../test/helpers/registry-fixture.ts';
import type { Database } from '../../db/schema.ts';
import type { RegistryRecords } from '../pledges/records.ts';
import { importRegistry, recordsInput } from '../transfer/import.ts';
import { formatProblem } from '../transfer/problems.ts';

/** The date `days` after `iso` (negative: before). */
export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Pledge = RegistryRecords['pledges'][number];
type Update = RegistryRecords['updates'][number];

const pledge = (p: Partial<Pledge> & Pick<Pledge, 'id' | 'actorId' | 'compacts'>): Pledge =>
  basePledge({ title: `Analysis test pledge ${p.id}`, ...p });

const update = (id: string, pledgeId: string, reportedOn: string, status: Update['status']): Update => ({
  id,
  pledgeId,
  reportedOn,
  status,
  narrative: `Update ${id}.`,
  evidence: [],
  synthetic: false,
});

export function analysisRegistry(today: string): RegistryRecords {
  const recent = shiftDays(today, -10);
  return {
    actors: [
      { id: 'ngo-a', name: 'NGO A', type: 'civil_society', iso3: null, website: null, synthetic: false },
      { id: 'firm-b', name: 'Firm B', type: 'private_sector', iso3: null, website: null, synthetic: false },
      { id: 'city-c', name: 'City C', type: 'local_authority', iso3: null, website: null, synthetic: false },
    ],
    pledges: [
      pledge({
        id: 'A1',
        actorId: 'KEN',
        compacts: ['gcr'],
        objectives: ['gcr-1', 'gcr-2'],
        places: ['KEN'],
        announcedOn: '2019-12-17',
        targetDate: '2021-12-31',
      }),
      pledge({
        id: 'A2',
        actorId: 'DEU',
        compacts: ['gcr'],
        objectives: ['gcr-3'],
        places: ['002'],
        announcedOn: '2019-12-17',
        targetDate: '2099-12-31',
      }),
      pledge({
        id: 'A3',
        actorId: 'ngo-a',
        compacts: ['gcm'],
        objectives: ['gcm-1', 'gcm-6'],
        places: ['BRA'],
        announcedOn: '2022-05-20',
      }),
      pledge({
        id: 'A4',
        actorId: 'firm-b',
        compacts: ['gcm', 'gcr'],
        objectives: ['gcm-20', 'gcr-4'],
        places: ['001'],
        announcedOn: '2023-12-13',
        targetDate: '2025-12-31',
      }),
      pledge({ id: 'A5', actorId: 'city-c', compacts: ['gcm'] }),
      pledge({
        id: 'A6',
        actorId: 'BRA',
        compacts: ['gcm'],
        objectives: ['gcm-5'],
        places: ['BRA', '019'],
        announcedOn: '2022-05-20',
        targetDate: '2024-05-20',
      }),
      pledge({
        id: 'A7',
        actorId: 'ngo-a',
        compacts: ['gcm'],
        objectives: ['gcm-5', 'gcm-11'],
        places: ['DEU', 'KEN'],
        announcedOn: '2020-12-10',
        targetDate: '2099-01-01',
      }),
      pledge({
        id: 'A8',
        actorId: 'FRA',
        compacts: ['gcm'],
        objectives: ['gcm-2', 'gcm-16'],
        places: ['FRA'],
        announcedOn: '2021-03-01',
        targetDate: '2022-12-31',
      }),
      pledge({ id: 'A9', actorId: 'firm-b', compacts: ['gcm'], objectives: ['gcm-17'], places: ['142'] }),
      pledge({
        id: 'A10',
        actorId: 'KEN',
        compacts: ['gcr'],
        objectives: ['gcr-1'],
        places: ['ETH'],
        announcedOn: '2023-12-14',
        targetDate: '2099-12-31',
      }),
    ],
    updates: [
      update('AU1', 'A1', '2020-06-01', 'in_progress'),
      update('AU2', 'A2', recent, 'in_progress'),
      update('AU3', 'A3', '2022-11-01', 'fulfilled'),
      update('AU4', 'A4', '2024-01-15', 'in_progress'),
      update('AU5', 'A4', '2024-06-01', 'fulfilled'),
      update('AU6', 'A6', '2023-01-10', 'planning'),
      update('AU7', 'A7', recent, 'in_progress'),
      update('AU8', 'A10', '2024-09-01', 'in_progress'),
    ],
    assessments: [],
    nationalReviews: [],
  };
}

/** Imports `analysisRegistry(today)`; throws with the problems when the importer refuses it. */
export async function loadAnalysisFixture(db: Kysely<Database>, today: string): Promise<void> {
  const report = await importRegistry(
    db,
    recordsInput('analysis fixture', analysisRegistry(today), { firstRow: null }),
  );
  if (!report.applied) {
    throw new Error(`The analysis fixture was refused: ${report.problems.map(formatProblem).join('; ')}`);
  }
}
