/**
 * Validation of an import, in two steps that both collect every problem
 * instead of stopping at the first:
 *
 * 1. `parseRecords` (no database): each record against its zod schema, text
 *    the engines cannot store (NUL characters, broken Unicode), numbers out of
 *    the columns' range, and ids given twice in the file.
 * 2. `checkAgainstDatabase`: what the records refer to must exist in the file
 *    or the database (actors, pledges, objectives, principles, places, States,
 *    review cycles); an update cannot be reported before its pledge was
 *    announced; synthetic and real records are never mixed.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import {
  type PledgeRecord,
  REGISTRY_KINDS,
  type RegistryKind,
  type RegistryRecords,
  registrySchemas,
} from '../pledges/records.ts';
import { chunks, ID_CHUNK, idIn } from '../pledges/writer.ts';
import type { ProblemList } from './problems.ts';
import { type ListOrder, loadListOrder, TABLES } from './stored.ts';

/** One record as a reader found it: where it is, its raw value, and cells that could not be read. */
export type RawRecord = {
  row: number | null;
  value: unknown;
  /** Cells the reader could not turn into a value (e.g. "yes" in a true/false column). */
  problems?: { column: string; message: string }[];
};

export type Parsed<K extends RegistryKind> = { row: number | null; record: RegistryRecords[K][number] };
export type ParsedRecords = { [K in RegistryKind]: Parsed<K>[] };
/**
 * Records that failed their schema, keeping the fields that are valid on
 * their own: their references are still checked, so one pass over a file
 * reports a bad date and an unknown actor in the same row.
 */
export type PartialRecords = {
  [K in RegistryKind]: { row: number | null; record: Partial<RegistryRecords[K][number]> }[];
};
/** What `parseRecords` found: the valid records, and what is usable of the others. */
export type ParseResult = { valid: ParsedRecords; partial: PartialRecords };

const emptyKinds = () => ({ actors: [], pledges: [], updates: [], assessments: [], nationalReviews: [] });

/** The largest values the columns hold on both engines (PostgreSQL `integer` and `real`). */
const MAX_QUANTITY = 2_147_483_647;
const MAX_AMOUNT = 1e38;
/** A quick test for what needs a closer look: NUL or any surrogate. */
const SUSPECT = /[\0\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const KIND_NAMES: Record<RegistryKind, string> = {
  actors: 'actor',
  pledges: 'pledge',
  updates: 'update',
  assessments: 'assessment',
  nationalReviews: 'national review',
};

export type Located = { source: (kind: RegistryKind) => string };

/**
 * Checks every record on its own and ids within the file. Returns the
 * records that passed, and the valid fields of those that did not (their
 * problems are reported). `onRecord` is called per record.
 */
export function parseRecords(
  input: { [K in RegistryKind]?: unknown },
  where: Located,
  problems: ProblemList,
  onRecord: () => void = () => {},
): ParseResult {
  const parsed: ParsedRecords = emptyKinds();
  const partial: PartialRecords = emptyKinds();
  for (const kind of REGISTRY_KINDS) {
    const source = where.source(kind);
    const items = input[kind];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      problems.add({ source, row: null, column: null, message: `${kind} must be a list of records` });
      continue;
    }
    const seen = new Map<string, number | null>();
    for (const item of items as unknown[]) {
      onRecord();
      if (typeof item !== 'object' || item === null || !('value' in item)) {
        problems.add({
          source,
          row: null,
          column: null,
          message: 'a record must be given as { row, value }',
        });
        continue;
      }
      const raw = item as RawRecord;
      const row = typeof raw.row === 'number' ? raw.row : null;
      const record = parseOne(kind, raw, source, row, problems);
      if (!record) {
        const usable = validFields(kind, raw.value);
        if (usable) (partial[kind] as { row: number | null; record: object }[]).push({ row, record: usable });
        continue;
      }
      const first = seen.get(record.id);
      if (first !== undefined) {
        problems.add({
          source,
          row,
          column: 'id',
          message: `the ${KIND_NAMES[kind]} id "${record.id}" is given twice${first === null ? '' : ` (first in row ${first})`}`,
        });
        continue;
      }
      seen.set(record.id, row);
      (parsed[kind] as Parsed<typeof kind>[]).push({ row, record });
    }
  }
  return { valid: parsed, partial };
}

/** The fields of a record that pass their own schema (null when the value is not an object). */
function validFields<K extends RegistryKind>(
  kind: K,
  value: unknown,
): Partial<RegistryRecords[K][number]> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const shape = (registrySchemas[kind] as unknown as z.ZodObject).shape;
  const out: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    const result = (schema as z.ZodType).safeParse((value as Record<string, unknown>)[field]);
    if (result.success) out[field] = result.data;
  }
  return out as Partial<RegistryRecords[K][number]>;
}

/** Valid records and the usable part of the others, for the reference checks. */
function everything<K extends RegistryKind>(
  r: ParseResult,
  kind: K,
): { row: number | null; record: Partial<RegistryRecords[K][number]> }[] {
  return [...r.valid[kind], ...r.partial[kind]] as {
    row: number | null;
    record: Partial<RegistryRecords[K][number]>;
  }[];
}

function parseOne<K extends RegistryKind>(
  kind: K,
  raw: RawRecord,
  source: string,
  row: number | null,
  problems: ProblemList,
): RegistryRecords[K][number] | null {
  const cellColumns = new Set<string>();
  for (const p of raw.problems ?? []) {
    cellColumns.add(p.column);
    problems.add({ source, row, column: p.column, message: p.message });
  }
  const result = (registrySchemas[kind] as z.ZodType).safeParse(raw.value);
  if (!result.success) {
    if (typeof raw.value !== 'object' || raw.value === null || Array.isArray(raw.value)) {
      problems.add({ source, row, column: null, message: `a ${KIND_NAMES[kind]} record must be an object` });
      return null;
    }
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.add({
            source,
            row,
            column: key,
            message: `is not a field of a ${KIND_NAMES[kind]} record`,
          });
        }
        continue;
      }
      const [field, ...rest] = issue.path;
      const column = field === undefined ? null : String(field);
      // A cell the reader could not read is reported once, by the reader.
      if (column !== null && cellColumns.has(column)) continue;
      const missing = column !== null && rest.length === 0 && !(column in (raw.value as object));
      const at = rest.length
        ? `${rest.map((p) => (typeof p === 'number' ? `item ${p + 1}` : String(p))).join(', ')}: `
        : '';
      problems.add({ source, row, column, message: missing ? 'is missing' : `${at}${issue.message}` });
    }
    return null;
  }
  if (cellColumns.size > 0) return null;
  const record = result.data as RegistryRecords[K][number];
  let ok = true;
  for (const [column, message] of unstorable(record)) {
    ok = false;
    problems.add({ source, row, column, message });
  }
  return ok ? record : null;
}

/** Values that the schema accepts but a database column cannot hold faithfully. */
function* unstorable(record: object): Generator<[string, string]> {
  for (const [field, value] of Object.entries(record)) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(textsOf) : [];
    for (const t of texts) {
      if (!SUSPECT.test(t)) continue;
      if (t.includes('\0')) yield [field, 'contains a NUL character, which cannot be stored'];
      else if (LONE_SURROGATE.test(t)) yield [field, 'contains broken Unicode (a lone surrogate)'];
      else continue;
      break;
    }
  }
  const p = record as Partial<PledgeRecord>;
  if (typeof p.quantity === 'number' && p.quantity > MAX_QUANTITY)
    yield ['quantity', `is too large (at most ${MAX_QUANTITY})`];
  if (typeof p.amount === 'number' && p.amount > MAX_AMOUNT) yield ['amount', 'is too large (at most 1e38)'];
}

function textsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'object' && v !== null) return Object.values(v).filter((x) => typeof x === 'string');
  return [];
}

/** What the database holds that the checks need. */
export type DatabaseContext = {
  order: ListOrder;
  states: Set<string>;
  regions: Set<string>;
  cycles: Set<string>;
  /** Actors referred to but not in the file, that exist. */
  actors: Set<string>;
  /** Pledges referred to but not in the file, with their announcement date. */
  pledges: Map<string, string | null>;
};

async function existing<T>(ids: Set<string>, load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunks([...ids], ID_CHUNK)) out.push(...(await load(chunk)));
  return out;
}

export async function loadContext(db: Kysely<Database>, parsed: ParseResult): Promise<DatabaseContext> {
  const [order, states, cycles] = await Promise.all([
    loadListOrder(db),
    db.selectFrom('states').select(['iso3', 'region_code']).execute(),
    db.selectFrom('review_cycles').select('id').execute(),
  ]);
  const fileActors = idsOf(everything(parsed, 'actors'));
  const filePledges = idsOf(everything(parsed, 'pledges'));
  const actorRefs = new Set<string>();
  const pledgeRefs = new Set<string>();
  for (const { record: p } of everything(parsed, 'pledges')) {
    for (const id of [p.actorId, ...(p.partnerIds ?? [])]) if (id && !fileActors.has(id)) actorRefs.add(id);
    for (const m of p.matches ?? []) if (!filePledges.has(m.pledgeId)) pledgeRefs.add(m.pledgeId);
  }
  for (const { record } of [...everything(parsed, 'updates'), ...everything(parsed, 'assessments')])
    if (record.pledgeId && !filePledges.has(record.pledgeId)) pledgeRefs.add(record.pledgeId);

  const actors = await existing(actorRefs, (chunk) =>
    db
      .selectFrom('actors')
      .select('id')
      .where(idIn(db, 'id', chunk))
      .execute(),
  );
  const pledges = await existing(pledgeRefs, (chunk) =>
    db
      .selectFrom('pledges')
      .select(['id', 'announced_on'])
      .where(idIn(db, 'id', chunk))
      .execute(),
  );
  return {
    order,
    states: new Set(states.map((s) => s.iso3)),
    // '001' is the world; the regions are those of the reference States.
    regions: new Set(['001', ...states.map((s) => s.region_code)]),
    cycles: new Set(cycles.map((c) => c.id)),
    actors: new Set(actors.map((a) => a.id)),
    pledges: new Map(pledges.map((p) => [p.id, p.announced_on])),
  };
}

function idsOf(items: { record: { id?: string } }[]): Set<string> {
  const ids = new Set<string>();
  for (const { record } of items) if (record.id) ids.add(record.id);
  return ids;
}

/**
 * Checks references, dates across records and the synthetic rule. The
 * references of records that failed their schema are checked too (as far as
 * their fields are valid); the other rules look at valid records only.
 */
export async function checkAgainstDatabase(
  db: Kysely<Database>,
  result: ParseResult,
  ctx: DatabaseContext,
  where: Located,
  problems: ProblemList,
): Promise<void> {
  const parsed = result.valid;
  const fileActors = idsOf(everything(result, 'actors'));
  const filePledges = new Map<string, string | null | undefined>(
    everything(result, 'pledges')
      .filter((p) => p.record.id)
      .map((p) => [p.record.id!, p.record.announcedOn]),
  );
  const actorExists = (id: string) => fileActors.has(id) || ctx.actors.has(id);
  const pledgeExists = (id: string) => filePledges.has(id) || ctx.pledges.has(id);

  for (const { row, record: a } of everything(result, 'actors')) {
    const source = where.source('actors');
    if (a.id && ctx.states.has(a.id))
      problems.add({
        source,
        row,
        column: 'id',
        message: `"${a.id}" is the id of a State's actor, which comes from the reference data; choose another id`,
      });
    if (a.iso3 && !ctx.states.has(a.iso3))
      problems.add({ source, row, column: 'iso3', message: `unknown State "${a.iso3}"` });
  }

  for (const { row, record: p } of everything(result, 'pledges')) {
    const add = (column: string, message: string) =>
      problems.add({ source: where.source('pledges'), row, column, message });
    if (p.actorId && !actorExists(p.actorId))
      add('actorId', `unknown actor "${p.actorId}": not in the file nor in the database`);
    for (const id of p.partnerIds ?? [])
      if (!actorExists(id)) add('partnerIds', `unknown actor "${id}": not in the file nor in the database`);
    for (const o of p.objectives ?? [])
      if (!ctx.order.objectives.has(o)) add('objectives', `unknown objective "${o}"`);
    for (const o of p.principles ?? [])
      if (!ctx.order.principles.has(o)) add('principles', `unknown principle "${o}"`);
    for (const place of p.places ?? []) {
      if (/^\d{3}$/.test(place) ? !ctx.regions.has(place) : !ctx.states.has(place))
        add(
          'places',
          /^\d{3}$/.test(place)
            ? `unknown region "${place}" (use 001 for the world or a UN M49 region: ${[...ctx.regions]
                .filter((r) => r !== '001')
                .sort()
                .join(', ')})`
            : `unknown State "${place}"`,
        );
    }
    for (const m of p.matches ?? [])
      if (!pledgeExists(m.pledgeId))
        add('matches', `unknown pledge "${m.pledgeId}": not in the file nor in the database`);
  }

  for (const kind of ['updates', 'assessments'] as const) {
    for (const { row, record } of everything(result, kind)) {
      const source = where.source(kind);
      if (!record.pledgeId) continue;
      if (!pledgeExists(record.pledgeId)) {
        problems.add({
          source,
          row,
          column: 'pledgeId',
          message: `unknown pledge "${record.pledgeId}": not in the file nor in the database`,
        });
        continue;
      }
      if (kind !== 'updates') continue;
      const u = record as Partial<RegistryRecords['updates'][number]>;
      const announced = filePledges.has(record.pledgeId)
        ? filePledges.get(record.pledgeId)
        : ctx.pledges.get(record.pledgeId);
      if (announced && u.reportedOn && u.reportedOn < announced)
        problems.add({
          source,
          row,
          column: 'reportedOn',
          message: `${u.reportedOn} is before the pledge ${u.pledgeId} was announced (${announced})`,
        });
    }
  }
  await checkStoredUpdates(db, parsed, where, problems);

  for (const { row, record: r } of everything(result, 'nationalReviews')) {
    const add = (column: string, message: string) =>
      problems.add({ source: where.source('nationalReviews'), row, column, message });
    if (r.iso3 && !ctx.states.has(r.iso3)) add('iso3', `unknown State "${r.iso3}"`);
    if (r.cycleId && !ctx.cycles.has(r.cycleId))
      add(
        'cycleId',
        `unknown review cycle "${r.cycleId}"${ctx.cycles.size === 0 ? ' (no review cycles are loaded yet)' : ''}`,
      );
    for (const o of r.objectives ?? [])
      if (!ctx.order.objectives.has(o)) add('objectives', `unknown objective "${o}"`);
  }

  await checkSynthetic(db, parsed, where, problems);
}

/**
 * A pledge in the file whose announcement moves after an update already in
 * the database (and not replaced by the file) would break the same rule.
 */
async function checkStoredUpdates(
  db: Kysely<Database>,
  parsed: ParsedRecords,
  where: Located,
  problems: ProblemList,
): Promise<void> {
  const announced = new Map<string, { row: number | null; on: string }>();
  for (const { row, record: p } of parsed.pledges)
    if (p.announcedOn) announced.set(p.id, { row, on: p.announcedOn });
  if (announced.size === 0) return;
  const fileUpdates = new Set(parsed.updates.map((u) => u.record.id));
  const early = await existing(new Set(announced.keys()), (chunk) =>
    db
      .selectFrom('pledge_updates')
      .select(['pledge_id', (eb) => eb.fn.min('reported_on').as('first')])
      .where(idIn(db, 'pledge_id', chunk))
      .groupBy('pledge_id')
      .execute(),
  );
  for (const { pledge_id, first } of early) {
    const a = announced.get(pledge_id);
    if (!a || String(first) >= a.on) continue;
    const clash = await db
      .selectFrom('pledge_updates')
      .select(['id', 'reported_on'])
      .where('pledge_id', '=', pledge_id)
      .where('reported_on', '<', a.on)
      .orderBy('reported_on')
      .execute();
    const kept = clash.find((u) => !fileUpdates.has(u.id));
    if (kept)
      problems.add({
        source: where.source('pledges'),
        row: a.row,
        column: 'announcedOn',
        message: `${a.on} is after the update ${kept.id} (reported on ${kept.reported_on}) already in the database`,
      });
  }
}

async function checkSynthetic(
  db: Kysely<Database>,
  parsed: ParsedRecords,
  where: Located,
  problems: ProblemList,
): Promise<void> {
  let firstSynthetic: { kind: RegistryKind; row: number | null } | null = null;
  let firstReal: { kind: RegistryKind; row: number | null } | null = null;
  for (const kind of REGISTRY_KINDS) {
    for (const { row, record } of parsed[kind]) {
      if (record.synthetic) firstSynthetic ??= { kind, row };
      else firstReal ??= { kind, row };
    }
  }
  const at = (x: { kind: RegistryKind; row: number | null }) =>
    `${where.source(x.kind)}${x.row === null ? '' : `:${x.row}`}`;
  if (firstSynthetic && firstReal) {
    problems.add({
      source: where.source(firstSynthetic.kind),
      row: firstSynthetic.row,
      column: 'synthetic',
      message: `the file mixes synthetic records (first at ${at(firstSynthetic)}) with real ones (first at ${at(firstReal)}); import them separately, into different databases`,
    });
    return;
  }
  const incoming = firstSynthetic ?? firstReal;
  if (!incoming) return;
  const wantSynthetic = incoming === firstSynthetic;
  const other = wantSynthetic ? 0 : 1;
  for (const kind of REGISTRY_KINDS) {
    let q = db
      .selectFrom(TABLES[kind] as 'pledges')
      .select('id')
      .where('synthetic', '=', other);
    if (kind === 'actors') q = q.where('origin' as 'id', '=', 'registry');
    const found = await q.limit(1).executeTakeFirst();
    if (!found) continue;
    problems.add({
      source: where.source(incoming.kind),
      row: incoming.row,
      column: 'synthetic',
      message: wantSynthetic
        ? `the database holds real ${kind} (e.g. "${found.id}"); synthetic records are never mixed with real ones: load demo data into another DATA_DIR or DATABASE_SCHEMA`
        : `the database holds synthetic (demo) ${kind} (e.g. "${found.id}"); real records are never mixed with them: remove them with \`compact-watch demo --clear\`, or use another DATA_DIR or DATABASE_SCHEMA`,
    });
    return;
  }
}
