/**
 * What can be edited, one definition per kind: how its input becomes the
 * canonical record, where its published version lives, who owns it, how it
 * is checked against the database and how publishing writes it.
 *
 * Pledges, progress updates and national reviews are registry records: they
 * are checked and written by the importer (`importRegistry`), inside the
 * editor's own transaction, so a record published in the editor obeys
 * exactly the rules of one imported from a file. Position events are
 * versioned reference records: publishing closes the current version and
 * adds the next.
 *
 * @example
 * const def = EDITABLE['pledges'];
 * const parsed = await def.parse(db, body);
 * if ('problems' in parsed) throw new ValidationError('…', parsed.problems);
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { bumpDataVersion } from '../../db/data-version.ts';
import type { Database } from '../../db/schema.ts';
import type { Ownership, Resource } from '../../domain/access-policy.ts';
import { type ErrorDetail, ValidationError } from '../../errors.ts';
import { type RegistryKind, registrySchemas } from '../pledges/records.ts';
import { positionEventSchema } from '../reference/schema.ts';
import { importRegistry, recordsInput } from '../transfer/import.ts';
import { loadListOrder, loadStoredRecords, normalizeRecord } from '../transfer/stored.ts';

export const EDIT_KINDS = ['pledges', 'updates', 'national-reviews', 'position-events'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** A record as the editor holds it: the canonical shape of its kind, always with an `id`. */
export type EditRecord = { id: string } & Record<string, unknown>;
export type Owners = Omit<Ownership, 'workflow'>;
export type Parsed = { record: EditRecord } | { problems: ErrorDetail[] };

export type EditableDefinition = {
  kind: EditKind;
  /** The access-policy resource. */
  resource: Resource;
  /** Prefix of generated ids, for records created without one. */
  idPrefix: string;
  /** Input (a JSON body or a parsed form) as the canonical record, or what is wrong with it, by field. */
  parse(db: Kysely<Database>, input: unknown): Promise<Parsed>;
  loadPublished(db: Kysely<Database>, id: string): Promise<EditRecord | null>;
  owners(db: Kysely<Database>, record: EditRecord): Promise<Owners>;
  /** Problems with references to other records (unknown actor, objective, cycle, source…). */
  check(trx: Kysely<Database>, record: EditRecord): Promise<ErrorDetail[]>;
  /** Writes the record as published. Call inside the transaction that also writes its version and audit row. */
  publish(trx: Kysely<Database>, record: EditRecord): Promise<void>;
};

/** Values a client may leave out: empty lists, nulls, not synthetic. */
const DEFAULTS: Record<EditKind, Record<string, unknown>> = {
  pledges: {
    partnerIds: [],
    description: '',
    objectives: [],
    principles: [],
    places: [],
    announcedOn: null,
    targetDate: null,
    amount: null,
    currency: null,
    quantity: null,
    quantityUnit: null,
    sources: [],
    matches: [],
    synthetic: false,
  },
  updates: { narrative: '', evidence: [], synthetic: false },
  'national-reviews': { objectives: [], synthetic: false },
  'position-events': { stance: null, status: 'verified' },
};

/**
 * `PL-7K3M9Q2XWD`: 50 random bits in a readable alphabet. Position event ids
 * are lowercase kebab-case like the reference file's (`pe-7k3m9q2xwd`).
 */
export function newRecordId(prefix: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.randomBytes(10);
  const id = `${prefix}-${[...bytes].map((b) => alphabet[b % 32]).join('')}`;
  return prefix === 'PE' ? id.toLowerCase() : id;
}

function issuesOf(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    location: issue.path.map(String).join('.') || 'record',
    message: issue.message,
  }));
}

function withDefaults(kind: EditKind, input: unknown): Parsed | Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { problems: [{ location: 'record', message: 'must be a JSON object' }] };
  const value = { ...DEFAULTS[kind], ...(input as Record<string, unknown>) };
  if (value.synthetic === true)
    return {
      problems: [{ location: 'synthetic', message: 'synthetic records come only from the demo generator' }],
    };
  return value;
}

function registryKind(kind: EditKind): RegistryKind {
  return kind === 'national-reviews' ? 'nationalReviews' : (kind as 'pledges' | 'updates');
}

/** Registry records: parsed by their canonical schema, checked and written by the importer. */
function registryDefinition(
  kind: 'pledges' | 'updates' | 'national-reviews',
  resource: Resource,
  idPrefix: string,
  owners: EditableDefinition['owners'],
): EditableDefinition {
  const rk = registryKind(kind);
  const runImport = (trx: Kysely<Database>, record: EditRecord, dryRun: boolean) =>
    importRegistry(trx, recordsInput('record', { [rk]: [record] }, { firstRow: null }), {
      dryRun,
      transaction: trx,
    });
  return {
    kind,
    resource,
    idPrefix,
    async parse(db, input) {
      const value = withDefaults(kind, input);
      if ('problems' in value) return value as Parsed;
      const result = registrySchemas[rk].safeParse(value);
      if (!result.success) return { problems: issuesOf(result.error) };
      const record = normalizeRecord(rk, result.data, await loadListOrder(db));
      return { record: record as unknown as EditRecord };
    },
    async loadPublished(db, id) {
      const stored = await loadStoredRecords(db, rk, [id], await loadListOrder(db));
      return (stored.get(id)?.record as unknown as EditRecord | undefined) ?? null;
    },
    owners,
    async check(trx, record) {
      const report = await runImport(trx, record, true);
      return report.problems.map((p) => ({ location: p.column ?? 'record', message: p.message }));
    },
    async publish(trx, record) {
      const report = await runImport(trx, record, false);
      if (report.problemCount > 0)
        throw new ValidationError(
          'The record cannot be published as it is.',
          report.problems.map((p) => ({ location: p.column ?? 'record', message: p.message })),
        );
    },
  };
}

/** A pledge belongs to its pledging actor, and to that actor's State when the actor is a State. */
async function actorOwners(db: Kysely<Database>, actorId: unknown): Promise<Owners> {
  if (typeof actorId !== 'string') return { ownerStates: [], ownerActorId: null };
  const state = await db.selectFrom('states').select('iso3').where('iso3', '=', actorId).executeTakeFirst();
  return { ownerStates: state ? [state.iso3] : [], ownerActorId: actorId };
}

type PositionEventRecord = z.infer<typeof positionEventSchema>;

async function loadPositionEvent(db: Kysely<Database>, id: string): Promise<EditRecord | null> {
  const row = await db
    .selectFrom('position_events')
    .selectAll()
    .where('event_id', '=', id)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const record: PositionEventRecord = {
    id: row.event_id,
    state: row.state_iso3,
    compact: row.compact_id as PositionEventRecord['compact'],
    date: row.date,
    datePrecision: row.date_precision as PositionEventRecord['datePrecision'],
    ...(row.end_date ? { endDate: row.end_date } : {}),
    kind: row.kind as PositionEventRecord['kind'],
    stance: row.stance as PositionEventRecord['stance'],
    title: row.title,
    ...(row.note ? { note: row.note } : {}),
    status: row.status as PositionEventRecord['status'],
    sources: JSON.parse(row.sources_json),
  };
  return canonicalEvent(record);
}

/** Keys in schema order, so two equal events serialise identically. */
function canonicalEvent(e: PositionEventRecord): EditRecord {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(positionEventSchema.shape)) {
    const v = (e as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as EditRecord;
}

const positionEvents: EditableDefinition = {
  kind: 'position-events',
  resource: 'position_event',
  idPrefix: 'PE',
  async parse(_db, input) {
    const value = withDefaults('position-events', input);
    if ('problems' in value) return value as Parsed;
    const result = positionEventSchema.safeParse(value);
    if (!result.success) return { problems: issuesOf(result.error) };
    if (result.data.endDate && result.data.endDate < result.data.date)
      return { problems: [{ location: 'endDate', message: 'is before date' }] };
    return { record: canonicalEvent(result.data) };
  },
  loadPublished: loadPositionEvent,
  async owners(_db, record) {
    return { ownerStates: typeof record.state === 'string' ? [record.state] : [], ownerActorId: null };
  },
  async check(trx, record) {
    const e = record as unknown as PositionEventRecord;
    const problems: ErrorDetail[] = [];
    const state = await trx
      .selectFrom('states')
      .select('iso3')
      .where('iso3', '=', e.state)
      .executeTakeFirst();
    if (!state) problems.push({ location: 'state', message: `no State with the code "${e.state}"` });
    const ids = [...new Set(e.sources.map((s) => s.source))];
    const known = new Set(
      (await trx.selectFrom('sources').select('id').where('id', 'in', ids).execute()).map((s) => s.id),
    );
    e.sources.forEach((s, i) => {
      if (!known.has(s.source))
        problems.push({ location: `sources.${i}.source`, message: `no source with the id "${s.source}"` });
    });
    return problems;
  },
  async publish(trx, record) {
    const e = record as unknown as PositionEventRecord;
    const now = new Date().toISOString();
    const current = await trx
      .selectFrom('position_events')
      .select(['version', 'sort_key'])
      .where('event_id', '=', e.id)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    const last = await trx
      .selectFrom('position_events')
      .select((eb) => eb.fn.max<number>('version').as('v'))
      .where('event_id', '=', e.id)
      .executeTakeFirst();
    const maxSort = await trx
      .selectFrom('position_events')
      .select((eb) => eb.fn.max<number>('sort_key').as('s'))
      .executeTakeFirst();
    if (current) {
      await trx
        .updateTable('position_events')
        .set({ superseded_at: now })
        .where('event_id', '=', e.id)
        .where('version', '=', current.version)
        .execute();
    }
    await trx
      .insertInto('position_events')
      .values({
        event_id: e.id,
        version: Number(last?.v ?? 0) + 1,
        sort_key: current?.sort_key ?? Number(maxSort?.s ?? -1) + 1,
        state_iso3: e.state,
        compact_id: e.compact,
        date: e.date,
        date_precision: e.datePrecision,
        end_date: e.endDate ?? null,
        kind: e.kind,
        stance: e.stance,
        title: e.title,
        note: e.note ?? null,
        status: e.status,
        sources_json: JSON.stringify(e.sources),
        recorded_at: now,
        superseded_at: null,
        origin: 'editor',
      })
      .execute();
    await bumpDataVersion(trx);
  },
};

export const EDITABLE: Record<EditKind, EditableDefinition> = {
  pledges: registryDefinition('pledges', 'pledge', 'PL', (db, r) => actorOwners(db, r.actorId)),
  updates: registryDefinition('updates', 'update', 'UP', async (db, r) => {
    // An update belongs to whoever owns its (published) pledge.
    const pledge =
      typeof r.pledgeId === 'string'
        ? await db.selectFrom('pledges').select('actor_id').where('id', '=', r.pledgeId).executeTakeFirst()
        : undefined;
    return pledge ? actorOwners(db, pledge.actor_id) : { ownerStates: [], ownerActorId: null };
  }),
  'national-reviews': registryDefinition('national-reviews', 'national_review', 'NR', async (_db, r) => ({
    ownerStates: typeof r.iso3 === 'string' ? [r.iso3] : [],
    ownerActorId: null,
  })),
  'position-events': positionEvents,
};

export function isEditKind(value: string): value is EditKind {
  return (EDIT_KINDS as readonly string[]).includes(value);
}
