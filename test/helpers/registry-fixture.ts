/**
 * A small, hand-built pledge registry for tests, loaded through the one write
 * path (`importRegistry`). Dates that must stay recent are relative to
 * `today`, so the overdue and stale flags read the same on any day.
 *
 * What it holds, and why:
 * - P-01 (Kenya, GCR): target 2021 passed, last update 2020 → overdue and stale; assessed not fulfilled.
 * - P-02 (Germany, GCR, Africa): financial, target 2099, updated a month ago → no flag; matched with P-01.
 * - P-03 (civil society, GCM, Brazil): no target, no quantity, no update since 2022 → stale.
 * - P-04 (private sector, both compacts, the world): fulfilled → never overdue nor stale.
 * - P-05 (local authority): no objective, place, target or quantity; never announced.
 * - P-06 (Brazil, GCM, Americas): planning, target 2024 passed → overdue and stale.
 * - P-07 (UN entity, GCR, Kenya and Ethiopia): target in a year, updated ten days ago → no flag.
 * - P-08 (Kenya, GCR, Asia): target today (not yet overdue), last update 400 days ago → stale.
 * - P-09 (private sector, GCM, Germany): announced 20 days ago (the newest); its description looks like a formula.
 *
 * A database holds real or synthetic records, never both: `synthetic: true` marks every record synthetic.
 *
 * @example
 * await loadRegistryFixture(db, todayIso());
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { RegistryRecords } from '../../src/features/pledges/records.ts';
import { importRegistry, recordsInput } from '../../src/features/transfer/import.ts';

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Pledge = RegistryRecords['pledges'][number];

/** A pledge with every optional field empty, for fixtures that give only what they test. */
export const pledge = (
  p: Partial<Pledge> & Pick<Pledge, 'id' | 'actorId' | 'title' | 'compacts'>,
): Pledge => ({
  partnerIds: [],
  description: '',
  type: 'policy',
  objectives: [],
  principles: [],
  places: [],
  forum: 'other',
  announcedOn: null,
  targetDate: null,
  amount: null,
  currency: null,
  quantity: null,
  quantityUnit: null,
  sources: [],
  matches: [],
  synthetic: false,
  ...p,
});

export function sampleRegistry(today: string, synthetic = false): RegistryRecords {
  const records: RegistryRecords = {
    actors: [
      {
        id: 'refugee-council',
        name: 'Refugee Council Network',
        type: 'civil_society',
        iso3: 'BRA',
        website: 'https://example.org/council',
        synthetic: false,
      },
      {
        id: 'acme-foundation',
        name: 'Acme Foundation',
        type: 'private_sector',
        iso3: null,
        website: null,
        synthetic: false,
      },
      {
        id: 'city-of-lyon',
        name: 'City of Lyon',
        type: 'local_authority',
        iso3: 'FRA',
        website: null,
        synthetic: false,
      },
      {
        id: 'un-agency',
        name: 'United Nations Agency',
        type: 'un_entity',
        iso3: null,
        website: null,
        synthetic: false,
      },
    ],
    pledges: [
      pledge({
        id: 'P-01',
        actorId: 'KEN',
        compacts: ['gcr'],
        title: 'Inclusion of refugees in national health insurance',
        description: 'Kenya will include refugees in the national hospital insurance fund.',
        objectives: ['gcr-1', 'gcr-2'],
        principles: ['gcr-gp-1'],
        places: ['KEN'],
        forum: 'grf-2019',
        announcedOn: '2019-12-17',
        targetDate: '2021-12-31',
        sources: ['https://example.org/grf/p-01'],
      }),
      pledge({
        id: 'P-02',
        actorId: 'DEU',
        compacts: ['gcr'],
        title: 'Education for refugee children in Africa',
        description: 'Funding for secondary schools hosting refugee children.',
        type: 'financial',
        objectives: ['gcr-3'],
        places: ['002'],
        forum: 'grf-2019',
        announcedOn: '2019-12-17',
        targetDate: '2099-12-31',
        amount: 1_000_000,
        currency: 'EUR',
        matches: [{ pledgeId: 'P-01', relation: 'need' }],
      }),
      pledge({
        id: 'P-03',
        actorId: 'refugee-council',
        compacts: ['gcm'],
        title: 'Legal aid for migrant workers',
        description: 'Free legal counselling in São Paulo.',
        type: 'technical',
        objectives: ['gcm-1', 'gcm-23'],
        principles: ['gcm-gp-a'],
        places: ['BRA'],
        forum: 'imrf-2022',
        announcedOn: '2022-05-20',
      }),
      pledge({
        id: 'P-04',
        actorId: 'acme-foundation',
        compacts: ['gcm', 'gcr'],
        partnerIds: ['refugee-council'],
        title: 'Global fund for remittance costs',
        description: 'Lower the cost of remittances for migrants and refugees.',
        type: 'financial',
        objectives: ['gcm-20', 'gcr-4'],
        places: ['001'],
        forum: 'grf-2023',
        announcedOn: '2023-12-13',
        targetDate: '2025-12-31',
        amount: 50_000,
        currency: 'USD',
        sources: ['https://example.org/grf/p-04', 'https://example.org/grf/p-04-annex'],
      }),
      pledge({
        id: 'P-05',
        actorId: 'city-of-lyon',
        compacts: ['gcm'],
        title: 'Welcoming city charter',
      }),
      pledge({
        id: 'P-06',
        actorId: 'BRA',
        compacts: ['gcm'],
        title: 'Humanitarian visas for people displaced by disasters',
        type: 'complementary_pathways',
        objectives: ['gcm-5'],
        places: ['BRA', '019'],
        forum: 'imrf-2022',
        announcedOn: '2022-05-20',
        targetDate: '2024-05-20',
        quantity: 500,
        quantityUnit: 'visas',
      }),
      pledge({
        id: 'P-07',
        actorId: 'un-agency',
        compacts: ['gcr'],
        title: 'Emergency shelter kits',
        description: 'Shelter kits for new arrivals.',
        type: 'material',
        objectives: ['gcr-2'],
        places: ['ETH', 'KEN'],
        forum: 'grf-2023',
        announcedOn: '2023-12-13',
        targetDate: addDays(today, 365),
        quantity: 10_000,
        quantityUnit: 'kits',
      }),
      pledge({
        id: 'P-08',
        actorId: 'KEN',
        compacts: ['gcr'],
        title: 'Refugee registration in urban areas',
        objectives: ['gcr-1'],
        places: ['142'],
        forum: 'grf-2023',
        announcedOn: '2023-12-14',
        targetDate: today,
      }),
      pledge({
        id: 'P-09',
        actorId: 'acme-foundation',
        compacts: ['gcm'],
        title: 'Skills partnership',
        description: '=SUM(A1:A2) is not a formula here',
        objectives: ['gcm-2'],
        places: ['DEU'],
        forum: 'imrf-2026',
        announcedOn: addDays(today, -20),
        targetDate: '2099-01-01',
      }),
    ],
    updates: [
      {
        id: 'U-01',
        pledgeId: 'P-01',
        reportedOn: '2020-06-01',
        status: 'in_progress',
        narrative: 'Registration started.',
        evidence: ['https://example.org/report/u-01'],
        synthetic: false,
      },
      {
        id: 'U-02',
        pledgeId: 'P-02',
        reportedOn: addDays(today, -30),
        status: 'in_progress',
        narrative: 'First schools funded.',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-03',
        pledgeId: 'P-04',
        reportedOn: '2024-06-01',
        status: 'fulfilled',
        narrative: 'Fund fully disbursed.',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-04',
        pledgeId: 'P-06',
        reportedOn: '2023-01-10',
        status: 'planning',
        narrative: 'Regulation drafted.',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-05',
        pledgeId: 'P-07',
        reportedOn: addDays(today, -10),
        status: 'in_progress',
        narrative: 'Half the kits delivered.',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-06',
        pledgeId: 'P-08',
        reportedOn: addDays(today, -400),
        status: 'planning',
        narrative: 'Offices identified.',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-07',
        pledgeId: 'P-04',
        reportedOn: '2024-01-15',
        status: 'in_progress',
        narrative: 'Fund set up.',
        evidence: [],
        synthetic: false,
      },
    ],
    assessments: [
      {
        id: 'A-01',
        pledgeId: 'P-04',
        assessedOn: '2024-09-01',
        assessor: 'Independent Monitor',
        status: 'fulfilled',
        narrative: 'Disbursement confirmed.',
        evidence: ['https://example.org/monitor/a-01'],
        synthetic: false,
      },
      {
        id: 'A-02',
        pledgeId: 'P-01',
        assessedOn: '2022-01-15',
        assessor: 'Independent Monitor',
        status: 'not_fulfilled',
        narrative: 'Not in place by the target date.',
        evidence: [],
        synthetic: false,
      },
    ],
    nationalReviews: [],
  };
  if (!synthetic) return records;
  const mark = <T extends { synthetic: boolean }>(xs: T[]) => xs.map((x) => ({ ...x, synthetic: true }));
  return {
    actors: mark(records.actors),
    pledges: mark(records.pledges),
    updates: mark(records.updates),
    assessments: mark(records.assessments),
    nationalReviews: [],
  };
}

/** Imports records through `importRegistry`; throws with the problems if any record is refused. */
export async function loadRegistry(db: Kysely<Database>, records: Partial<RegistryRecords>): Promise<void> {
  const report = await importRegistry(db, recordsInput('test fixture', records, { firstRow: null }));
  if (report.problemCount > 0) {
    throw new Error(
      `The test fixture was refused:\n${report.problems.map((p) => `${p.source}:${p.row ?? ''} ${p.column ?? ''} ${p.message}`).join('\n')}`,
    );
  }
}

/** Loads `sampleRegistry(today, synthetic)`. */
export async function loadRegistryFixture(
  db: Kysely<Database>,
  today: string,
  synthetic = false,
): Promise<RegistryRecords> {
  const records = sampleRegistry(today, synthetic);
  await loadRegistry(db, records);
  return records;
}
