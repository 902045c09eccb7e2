/**
 * Registry records for tests of the import and export: every kind, and the
 * values that break naive code (formula-like text, quotes and new lines,
 * non-Latin scripts and emoji, empty lists, nulls, amounts like 0.1 and 1e21,
 * lists given out of canonical order).
 *
 * @example
 * await importRegistry(db, toInput(await registryFixture(db)));
 */
import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { readDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import { REGISTRY_KINDS, type RegistryKind, type RegistryRecords } from '../pledges/records.ts';
import { type RegistryInput, recordsInput } from './import.ts';
import { REGISTRY_TABLES, streamRecords } from './stored.ts';

/** A review cycle id to file national reviews under (one is created if the reference data has none). */
export async function anyReviewCycle(db: Kysely<Database>): Promise<string> {
  const found = await db.selectFrom('review_cycles').select('id').orderBy('sort_key').executeTakeFirst();
  if (found) return found.id;
  await db
    .insertInto('review_cycles')
    .values({
      id: 'imrf-2022',
      sort_key: 0,
      status: 'verified',
      notes: null,
      name: 'International Migration Review Forum 2022',
      kind: 'imrf',
      compact_id: 'gcm',
      start_date: '2022-05-17',
      end_date: '2022-05-20',
      date_precision: 'day',
      milestone_id: null,
      description: 'Test cycle',
    })
    .execute();
  return 'imrf-2022';
}

export async function registryFixture(db: Kysely<Database>): Promise<RegistryRecords> {
  const cycleId = await anyReviewCycle(db);
  return {
    actors: [
      {
        id: 'ngo-alpha',
        name: '=HYPERLINK("https://evil.example","click")',
        type: 'civil_society',
        iso3: 'KEN',
        website: 'https://example.org/alpha',
        synthetic: false,
      },
      {
        id: 'uni-beta',
        name: 'Université — 難民研究所 😀, "Beta"',
        type: 'academia',
        iso3: null,
        website: null,
        synthetic: false,
      },
    ],
    pledges: [
      {
        id: 'P-001',
        compacts: ['gcr'],
        actorId: 'ngo-alpha',
        partnerIds: ['uni-beta', 'BRA'],
        title: '+Education for all',
        description: '-starts with a minus\nand runs over two lines, with "quotes", commas; and semicolons',
        type: 'financial',
        objectives: ['gcr-2', 'gcr-1'],
        principles: ['gcr-gp-3', 'gcr-gp-1'],
        places: ['KEN', '002', '001'],
        forum: 'grf-2019',
        announcedOn: '2019-12-17',
        targetDate: '2023-12-31',
        amount: 1234567.89,
        currency: 'USD',
        quantity: null,
        quantityUnit: null,
        sources: ['https://example.org/p1?a=1&b=2', 'https://example.org/p0'],
        matches: [{ pledgeId: 'P-002', relation: 'offer' }],
        synthetic: false,
      },
      {
        id: 'P-002',
        compacts: ['gcr', 'gcm'],
        actorId: 'BRA',
        partnerIds: [],
        title: '@mention pledge',
        description: '',
        type: 'financial',
        objectives: ['gcm-10', 'gcm-2', 'gcr-4'],
        principles: [],
        places: [],
        forum: 'imrf-2022',
        announcedOn: '2022-05-20',
        targetDate: null,
        amount: 1e21,
        currency: 'EUR',
        quantity: null,
        quantityUnit: null,
        sources: [],
        matches: [],
        synthetic: false,
      },
      {
        id: 'P-003',
        compacts: ['gcm'],
        actorId: 'uni-beta',
        partnerIds: [],
        title: "'already quoted",
        description: '\t=tab first, then\r\nWindows line ends',
        type: 'resettlement_places',
        objectives: [],
        principles: ['gcm-gp-a'],
        places: ['150'],
        forum: 'other',
        announcedOn: null,
        targetDate: null,
        amount: null,
        currency: null,
        quantity: 500,
        quantityUnit: 'places',
        sources: [],
        matches: [{ pledgeId: 'P-001', relation: 'need' }],
        synthetic: false,
      },
    ],
    updates: [
      {
        id: 'U-1',
        pledgeId: 'P-001',
        reportedOn: '2020-06-01',
        status: 'planning',
        narrative: '=1+1',
        evidence: [],
        synthetic: false,
      },
      {
        id: 'U-2',
        pledgeId: 'P-001',
        reportedOn: '2021-06-01',
        status: 'in_progress',
        narrative: 'Half done — 50 %',
        evidence: ['https://example.org/e1', 'https://example.org/e0'],
        synthetic: false,
      },
      {
        id: 'U-3',
        pledgeId: 'P-002',
        reportedOn: '2023-01-01',
        status: 'fulfilled',
        narrative: '',
        evidence: [],
        synthetic: false,
      },
    ],
    assessments: [
      {
        id: 'X-1',
        pledgeId: 'P-001',
        assessedOn: '2022-01-01',
        assessor: 'Independent panel',
        status: 'in_progress',
        narrative: '',
        evidence: [],
        synthetic: false,
      },
    ],
    nationalReviews: [
      {
        id: 'NR-1',
        iso3: 'KEN',
        cycleId,
        submittedOn: '2022-03-01',
        title: 'Voluntary national review',
        documentUrl: 'https://example.org/nr',
        objectives: ['gcm-3', 'gcm-1'],
        synthetic: false,
      },
    ],
  };
}

/**
 * Records as an import input numbered as the data lines of a CSV file (the
 * first record is row 2): the rows the import tests' expected problems name.
 */
export function toInput(records: Partial<RegistryRecords>, source = 'fixture'): RegistryInput {
  return recordsInput(source, records, { firstRow: 2 });
}

/**
 * A digest of everything an import may write: every registry record in
 * canonical form, the derived pledge columns, the row count of every table
 * and the data version. Equal digests mean the import changed nothing.
 */
export async function registryDigest(db: Kysely<Database>): Promise<string> {
  const hash = crypto.createHash('sha256');
  const counts = await sql<Record<string, unknown>>`select ${sql.join(
    REGISTRY_TABLES.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`),
  )}`.execute(db);
  hash.update(JSON.stringify(Object.entries(counts.rows[0] ?? {}).map(([k, v]) => [k, Number(v)])));
  for (const kind of REGISTRY_KINDS as readonly RegistryKind[]) {
    for await (const record of streamRecords(db, kind)) hash.update(`${JSON.stringify(record)}\n`);
  }
  const derived = await db
    .selectFrom('pledges')
    .select(['id', 'latest_status', 'last_reported_on', 'assessment_status'])
    .orderBy('id')
    .execute();
  hash.update(JSON.stringify(derived));
  hash.update(`version:${await readDataVersion(db)}`);
  return hash.digest('hex');
}
