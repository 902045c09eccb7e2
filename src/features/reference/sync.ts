/**
 * Loads reference data into the database idempotently: every table is brought
 * to exactly the rows of the files, writing only the rows that differ, in one
 * transaction. Loading the same files twice writes nothing.
 *
 * @example
 * const report = await loadReferenceData(db, engine);
 * report.changed; // false on the second call
 */
import type { Kysely, Transaction } from 'kysely';
import { bumpDataVersion } from '../../db/data-version.ts';
import type { Engine } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { linkId } from '../../domain/crosswalk.ts';
import { DataFileError } from '../../errors.ts';
import { syncPositionEvents } from './position-events-sync.ts';
import { type ReferenceBundle, readReferenceData } from './read.ts';
import type { Citation, ReferenceData } from './schema.ts';

type TableName = keyof Database;
type Row = Record<string, string | number | null>;
/**
 * One table's wanted rows. With `scope`, only rows matching it belong to the
 * reference data (the State actors share the actors table with registry actors).
 */
type TablePlan = { table: TableName; key: string[]; rows: Row[]; scope?: { column: string; value: string } };

export type TableCounts = { inserted: number; updated: number; deleted: number };
export type LoadReport = {
  /** False when the files were unchanged since the last load and nothing was compared. */
  checked: boolean;
  changed: boolean;
  tables: Partial<Record<TableName, TableCounts>>;
};

export async function loadReferenceData(
  db: Kysely<Database>,
  _engine: Engine,
  options: { dir?: string; force?: boolean; bundle?: ReferenceBundle } = {},
): Promise<LoadReport> {
  const { data, hashes } = options.bundle ?? readReferenceData(options.dir);
  const stored = await db.selectFrom('reference_files').select(['name', 'sha256']).execute();
  const storedMap = new Map(stored.map((r) => [r.name, r.sha256]));
  const unchanged =
    stored.length === Object.keys(hashes).length &&
    Object.entries(hashes).every(([name, sha]) => storedMap.get(name) === sha);
  if (unchanged && !options.force) return { checked: false, changed: false, tables: {} };

  return db.transaction().execute(async (trx) => {
    await refuseOrphanedReviews(trx, data);
    const plans = planTables(data);
    const tables: LoadReport['tables'] = {};
    // Parents before children on the way in, children before parents on the way out.
    const deletions: Array<() => Promise<void>> = [];
    for (const plan of plans) {
      const { counts, deleteStale } = await syncTable(trx, plan);
      tables[plan.table] = counts;
      deletions.unshift(deleteStale);
    }
    for (const del of deletions) await del();
    tables.position_events = await syncPositionEvents(trx, data.positionEvents, new Date().toISOString());
    const now = new Date().toISOString();
    const fileRows = Object.entries(hashes).map(([name, sha256]) => ({ name, sha256, loaded_at: now }));
    const fileCounts = await syncTable(
      trx,
      {
        table: 'reference_files',
        key: ['name'],
        rows: fileRows,
      },
      ['loaded_at'],
    );
    await fileCounts.deleteStale();
    const changed = Object.values(tables).some((c) => c.inserted + c.updated + c.deleted > 0);
    if (changed) await bumpDataVersion(trx);
    return { checked: true, changed, tables };
  });
}

/**
 * National reviews (registry records) name a review cycle; a cycle removed
 * from the file while reviews still name it is refused with the file named,
 * rather than failing on the foreign key.
 */
async function refuseOrphanedReviews(trx: Transaction<Database>, data: ReferenceData): Promise<void> {
  const kept = data.reviewCycles.map((r) => r.id);
  let q = trx
    .selectFrom('national_reviews')
    .select((eb) => ['cycle_id', eb.fn.countAll<number | string>().as('n')])
    .groupBy('cycle_id');
  if (kept.length > 0) q = q.where('cycle_id', 'not in', kept);
  const orphans = await q.execute();
  if (orphans.length === 0) return;
  const details = orphans.map((o) => ({
    location: 'review-cycles.json',
    message: `review cycle "${o.cycle_id}" is missing but ${Number(o.n)} national review(s) refer to it`,
  }));
  throw new DataFileError(
    `The reference data cannot be loaded; nothing was loaded:\n${details.map((d) => `  ${d.location}: ${d.message}`).join('\n')}`,
    details,
  );
}

async function syncTable(
  trx: Transaction<Database>,
  plan: TablePlan,
  ignoreInComparison: string[] = [],
): Promise<{ counts: TableCounts; deleteStale: () => Promise<void> }> {
  const keyOf = (row: Row) => plan.key.map((k) => String(row[k])).join('\u0000');
  // biome-ignore lint/suspicious/noExplicitAny: the table is chosen at run time
  const t = trx as Transaction<any>;
  let select = t.selectFrom(plan.table).selectAll();
  if (plan.scope) select = select.where(plan.scope.column, '=', plan.scope.value);
  const existing = (await select.execute()) as Row[];
  const byKey = new Map(existing.map((r) => [keyOf(r), r]));
  const counts: TableCounts = { inserted: 0, updated: 0, deleted: 0 };
  const wanted = new Set<string>();

  for (const row of plan.rows) {
    const key = keyOf(row);
    wanted.add(key);
    const current = byKey.get(key);
    if (!current) {
      await t.insertInto(plan.table).values(row).execute();
      counts.inserted++;
    } else if (differs(current, row, ignoreInComparison)) {
      let q = t.updateTable(plan.table).set(row);
      for (const k of plan.key) q = q.where(k, '=', row[k]);
      await q.execute();
      counts.updated++;
    }
  }
  const stale = existing.filter((r) => !wanted.has(keyOf(r)));
  counts.deleted = stale.length;
  return {
    counts,
    deleteStale: async () => {
      for (const row of stale) {
        let q = t.deleteFrom(plan.table);
        for (const k of plan.key) q = q.where(k, '=', row[k]);
        await q.execute();
      }
    },
  };
}

function differs(current: Row, wanted: Row, ignore: string[]): boolean {
  return Object.keys(wanted).some(
    (k) => !ignore.includes(k) && normalize(current[k]) !== normalize(wanted[k]),
  );
}

function normalize(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Turns the parsed files into table rows, in dependency order. */
export function planTables(data: ReferenceData): TablePlan[] {
  const citations: Row[] = [];
  const cite = (recordType: string, recordId: string, sources: Citation[]) => {
    sources.forEach((c, position) => {
      citations.push({
        record_type: recordType,
        record_id: recordId,
        position,
        source_id: c.source,
        locator: opt(c.locator),
      });
    });
  };
  const curated = (sortKey: number, r: { status: string; notes?: string | undefined }) => ({
    sort_key: sortKey,
    status: r.status,
    notes: opt(r.notes),
  });

  const compacts = data.compacts.map((c, i): Row => {
    cite('compact', c.id, c.sources);
    return {
      id: c.id,
      ...curated(i, c),
      name: c.name,
      short_name: c.shortName,
      acronym: c.acronym,
      legally_binding: c.legallyBinding ? 1 : 0,
      legal_nature: c.legalNature,
      summary: c.summary,
      adoption_json: JSON.stringify(c.adoption),
      endorsement_json: JSON.stringify(c.endorsement),
      structure_json: JSON.stringify(c.structure),
    };
  });
  let followUpKey = 0;
  const followUps = data.compacts.flatMap((c) =>
    c.followUp.map((f): Row => {
      cite('follow_up', f.id, f.sources);
      return {
        id: f.id,
        compact_id: c.id,
        ...curated(followUpKey++, f),
        name: f.name,
        description: f.description,
        frequency: opt(f.frequency),
        paragraph: opt(f.paragraph),
      };
    }),
  );
  const objectives = data.objectives.map((o, i): Row => {
    cite('objective', o.id, o.sources);
    return {
      id: o.id,
      compact_id: o.compact,
      ...curated(i, o),
      number: o.number,
      title: o.title,
      short_label: o.shortLabel,
      paragraph: opt(o.paragraph),
      action_count: opt(o.actionCount),
      action_count_note: opt(o.actionCountNote),
    };
  });
  const principles = data.principles.map((p, i): Row => {
    cite('principle', p.id, p.sources);
    return {
      id: p.id,
      compact_id: p.compact,
      ...curated(i, p),
      position: p.position,
      code: opt(p.code),
      title: p.title,
      description: opt(p.description),
    };
  });
  const schemes = data.classifications.map((s, i): Row => {
    cite('classification', s.id, s.sources);
    return { id: s.id, compact_id: s.compact, ...curated(i, s), name: s.name, description: s.description };
  });
  let categoryKey = 0;
  const categories: Row[] = [];
  const members: Row[] = [];
  for (const s of data.classifications) {
    for (const cat of s.categories) {
      categories.push({
        id: cat.id,
        scheme_id: s.id,
        sort_key: categoryKey++,
        position: cat.position,
        name: cat.name,
        description: opt(cat.description),
      });
      cat.members.forEach((m, position) => {
        members.push({ category_id: cat.id, objective_id: m.objective, position, label: opt(m.label) });
      });
    }
  }
  const milestones = data.milestones.map((m, i): Row => {
    cite('milestone', m.id, m.sources);
    return {
      id: m.id,
      ...curated(i, m),
      date: m.date,
      date_precision: m.datePrecision,
      end_date: opt(m.endDate),
      title: m.title,
      description: m.description,
      kind: m.kind,
      compacts: m.compacts.join(','),
      symbol: opt(m.symbol),
    };
  });
  const reviewCycles = data.reviewCycles.map((r, i): Row => {
    cite('review_cycle', r.id, r.sources);
    return {
      id: r.id,
      ...curated(i, r),
      name: r.name,
      kind: r.kind,
      compact_id: r.compact,
      start_date: r.startDate,
      end_date: opt(r.endDate),
      date_precision: r.datePrecision,
      milestone_id: opt(r.milestone),
      description: r.description,
    };
  });
  const institutions = data.institutions.map((inst, i): Row => {
    cite('institution', inst.id, inst.sources);
    return {
      id: inst.id,
      ...curated(i, inst),
      name: inst.name,
      short_name: opt(inst.shortName),
      kind: inst.kind,
      compacts: inst.compacts.join(','),
      description: inst.description,
      established: opt(inst.established),
    };
  });
  const relations = data.relations.map((r, i): Row => {
    cite('relation', r.id, r.sources);
    return { id: r.id, sort_key: i, from_id: r.from, to_id: r.to, type: r.type, note: opt(r.note) };
  });
  const states = data.states.map((st, i): Row => {
    cite('state', st.iso3, st.sources);
    return {
      iso3: st.iso3,
      sort_key: i,
      iso2: st.iso2,
      numeric: st.numeric,
      name: st.name,
      name_fr: st.names.fr,
      name_es: st.names.es,
      membership: st.membership,
      region_code: st.region.code,
      region_name: st.region.name,
      subregion_code: st.subregion.code,
      subregion_name: st.subregion.name,
      intermediate_code: st.intermediateRegion?.code ?? null,
      intermediate_name: st.intermediateRegion?.name ?? null,
    };
  });
  // Every State is also an actor that can pledge; its actor id is its ISO3 code.
  const stateActors = data.states.map(
    (st, i): Row => ({
      id: st.iso3,
      sort_key: i,
      name: st.name,
      type: 'state',
      iso3: st.iso3,
      website: null,
      origin: 'reference',
      synthetic: 0,
    }),
  );
  const resolutions = data.resolutions.map((r, i): Row => {
    cite('resolution', r.id, r.sources);
    return {
      id: r.id,
      ...curated(i, r),
      symbol: r.symbol,
      compact_id: r.compact,
      date: r.date,
      title: r.title,
      subject: r.subject,
      implies_stance: r.impliesStance ? 1 : 0,
      official_yes: r.official.yes,
      official_no: r.official.no,
      official_abstain: r.official.abstain,
      official_not_voting: opt(r.official.notVoting),
      recorded: r.recorded,
    };
  });
  const votes = data.resolutions.flatMap((r) =>
    Object.entries(r.votes).flatMap(([vote, list]) =>
      (list ?? []).map((iso3): Row => ({ resolution_id: r.id, iso3, vote })),
    ),
  );
  const conflicts = data.conflicts.map((c, i): Row => {
    cite('conflict', c.id, c.sources);
    return {
      id: c.id,
      sort_key: i,
      resolution_id: c.resolution,
      description: c.description,
      readings_json: JSON.stringify(c.readings),
    };
  });
  const conflictStates = data.conflicts.flatMap((c) =>
    c.states.map((iso3): Row => ({ conflict_id: c.id, iso3 })),
  );
  const crosswalkNodes = data.crosswalkNodes.map((n, i): Row => {
    cite('crosswalk_node', n.id, n.sources);
    return {
      id: n.id,
      ...curated(i, n),
      kind: n.kind,
      node_group: n.group,
      code: n.code,
      title: n.title,
      short_label: n.shortLabel,
      paragraphs: opt(n.paragraphs),
    };
  });
  const crosswalkLinks = data.crosswalkLinks.map((l, i): Row => {
    const id = linkId(l.from, l.to);
    cite('crosswalk_link', id, l.sources);
    return {
      id,
      ...curated(i, l),
      from_id: l.from,
      to_id: l.to,
      type: l.type,
      basis: l.basis,
      rationale: opt(l.rationale),
    };
  });
  const themes = data.themes.map((t, i): Row => {
    cite('theme', t.id, t.sources);
    const coverage = (prefix: 'gcm' | 'gcr') => ({
      [`${prefix}_level`]: t[prefix].level,
      [`${prefix}_objectives`]: (t[prefix].objectives ?? []).join(','),
      [`${prefix}_areas`]: (t[prefix].areas ?? []).join(','),
      [`${prefix}_locator`]: opt(t[prefix].locator),
      [`${prefix}_rationale`]: t[prefix].rationale,
    });
    return {
      id: t.id,
      ...curated(i, t),
      name: t.name,
      description: t.description,
      ...coverage('gcm'),
      ...coverage('gcr'),
    };
  });
  const sources = data.sources.map(
    (s, i): Row => ({
      id: s.id,
      sort_key: i,
      title: s.title,
      symbol: opt(s.symbol),
      url: opt(s.url),
      publisher: opt(s.publisher),
      date: opt(s.date),
    }),
  );

  return [
    { table: 'sources', key: ['id'], rows: sources },
    { table: 'compacts', key: ['id'], rows: compacts },
    { table: 'follow_up_mechanisms', key: ['id'], rows: followUps },
    { table: 'objectives', key: ['id'], rows: objectives },
    { table: 'principles', key: ['id'], rows: principles },
    { table: 'classification_schemes', key: ['id'], rows: schemes },
    { table: 'classification_categories', key: ['id'], rows: categories },
    { table: 'classification_members', key: ['category_id', 'objective_id'], rows: members },
    { table: 'milestones', key: ['id'], rows: milestones },
    { table: 'review_cycles', key: ['id'], rows: reviewCycles },
    { table: 'institutions', key: ['id'], rows: institutions },
    { table: 'institution_relations', key: ['id'], rows: relations },
    { table: 'states', key: ['iso3'], rows: states },
    { table: 'actors', key: ['id'], rows: stateActors, scope: { column: 'origin', value: 'reference' } },
    { table: 'resolutions', key: ['id'], rows: resolutions },
    { table: 'votes', key: ['resolution_id', 'iso3'], rows: votes },
    { table: 'source_conflicts', key: ['id'], rows: conflicts },
    { table: 'conflict_states', key: ['conflict_id', 'iso3'], rows: conflictStates },
    { table: 'crosswalk_nodes', key: ['id'], rows: crosswalkNodes },
    { table: 'crosswalk_links', key: ['id'], rows: crosswalkLinks },
    { table: 'themes', key: ['id'], rows: themes },
    { table: 'record_sources', key: ['record_type', 'record_id', 'position'], rows: citations },
  ];
}
