/**
 * A seeded generator of synthetic registry records, for demonstrations and
 * benchmarks. Pure: the same options give the same records, byte for byte
 * (no clock, no `Math.random`; "today" and the States are passed in).
 *
 * Every record is marked `synthetic: true`, every id starts with `SYN-` and
 * every title or name with "[Synthetic]", so generated data can never be read
 * as real. Links point at example.org, a domain reserved for examples.
 *
 * The shape follows the real registry: about one registry actor per 20
 * pledges (plus the real States as pledging actors), one or both compacts,
 * a forum per compact with announcements around the forum's date, target
 * dates one to five years later (some missing), 0–4 progress updates whose
 * status only moves forward, a few independent assessments, amounts only on
 * financial pledges, places as real States or M49 regions, and some pledges
 * without a place, an objective, an amount or a target date, so the quality
 * flags vary.
 *
 * @example
 * const registry = generateRegistry({ pledges: 1000, seed: 1, today: '2026-11-28', states });
 * registry.pledges[0].id; // 'SYN-P000001'
 */
import type {
  ActorRecord,
  AssessmentRecord,
  AssessmentStatus,
  PledgeForum,
  PledgeRecord,
  UpdateRecord,
} from '../pledges/records.ts';
import { type Random, seededRandom } from './random.ts';
import {
  ACTOR_ADJECTIVES,
  ACTOR_NOUNS,
  ACTOR_TYPE_WEIGHTS,
  ASSESSMENT_NARRATIVES,
  ASSESSORS,
  PLEDGE_TYPE_WEIGHTS,
  REGIONS,
  THEMES,
  UPDATE_NARRATIVES,
  VERBS,
} from './vocabulary.ts';

/** A real State, as the generator needs it (from the reference data). */
export type GeneratorState = { iso3: string; name: string };

export type GenerateOptions = {
  /** How many pledges (1 to MAX_SYNTHETIC_PLEDGES). */
  pledges: number;
  /** Any integer; the same seed gives the same records. */
  seed: number;
  /** YYYY-MM-DD: no date is generated after it. */
  today: string;
  /** The reference States: pledging actors, actors' home States and places. */
  states: readonly GeneratorState[];
};

export type SyntheticRegistry = {
  actors: ActorRecord[];
  pledges: PledgeRecord[];
  updates: UpdateRecord[];
  assessments: AssessmentRecord[];
};

export const MAX_SYNTHETIC_PLEDGES = 999_999;
export const SYNTHETIC_ID_PREFIX = 'SYN-';
const PLEDGES_PER_ACTOR = 20;

/** The objectives of each compact, by id (gcm-1 … gcm-23, gcr-1 … gcr-4). */
export const OBJECTIVES = {
  gcm: Array.from({ length: 23 }, (_, i) => `gcm-${i + 1}`),
  gcr: Array.from({ length: 4 }, (_, i) => `gcr-${i + 1}`),
} as const;
/** The guiding principles of each compact, by id (GCM para. 15 a–j; GCR para. 5). */
export const PRINCIPLES = {
  gcm: 'abcdefghij'.split('').map((l) => `gcm-gp-${l}`),
  gcr: Array.from({ length: 7 }, (_, i) => `gcr-gp-${i + 1}`),
} as const;

type Compact = 'gcm' | 'gcr';
/**
 * The day pledges cluster around, per forum. The 2026 IMRF's dates are not
 * known; the middle of the year stands in for them, which is fine for data
 * that is synthetic anyway.
 */
const FORUM_DAYS: Record<Exclude<PledgeForum, 'other'>, string> = {
  'grf-2019': '2019-12-17',
  'grf-2023': '2023-12-13',
  'imrf-2022': '2022-05-17',
  'imrf-2026': '2026-05-15',
};
const FORUMS_OF: Record<Compact, readonly (readonly [Exclude<PledgeForum, 'other'>, number])[]> = {
  gcr: [
    ['grf-2019', 45],
    ['grf-2023', 55],
  ],
  gcm: [
    ['imrf-2022', 65],
    ['imrf-2026', 35],
  ],
};
const FORUM_DAY_NUMBERS = Object.fromEntries(
  Object.entries(FORUM_DAYS).map(([f, d]) => [f, dayOf(d)]),
) as Record<Exclude<PledgeForum, 'other'>, number>;
const THEMES_OF = {
  gcm: THEMES.filter((t) => t.compacts.includes('gcm')),
  gcr: THEMES.filter((t) => t.compacts.includes('gcr')),
};
/** Pledges not tied to a forum are spread from the first year of the compacts until today. */
const FIRST_OTHER_DAY = '2019-01-01';

export function generateRegistry(options: GenerateOptions): SyntheticRegistry {
  const { pledges: count, seed, today, states } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SYNTHETIC_PLEDGES)
    throw new RangeError(`pledges must be a whole number from 1 to ${MAX_SYNTHETIC_PLEDGES}, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  if (states.length === 0) throw new RangeError('states must name at least one State');

  const r = seededRandom(seed);
  const todayDay = dayOf(today);
  // A forum is open to pledges from 60 days before its date; later forums are left out.
  const openForums = {
    gcr: FORUMS_OF.gcr.filter(([f]) => dayOf(FORUM_DAYS[f]) - 60 <= todayDay),
    gcm: FORUMS_OF.gcm.filter(([f]) => dayOf(FORUM_DAYS[f]) - 60 <= todayDay),
  };
  const stateName = new Map(states.map((s) => [s.iso3, s.name]));

  const actors = generateActors(r, Math.max(1, Math.round(count / PLEDGES_PER_ACTOR)), states);
  const actorNames = new Map<string, string>([
    ...states.map((s) => [s.iso3, s.name] as const),
    ...actors.map((a) => [a.id, a.name] as const),
  ]);

  const pledges: PledgeRecord[] = [];
  const updates: UpdateRecord[] = [];
  const assessments: AssessmentRecord[] = [];
  for (let i = 1; i <= count; i++) {
    const pledge = generatePledge(r, i, {
      actors,
      states,
      stateName,
      actorNames,
      todayDay,
      openForums,
      pledges,
    });
    pledges.push(pledge);
    const history = generateHistory(r, pledge, todayDay, updates.length, assessments.length);
    updates.push(...history.updates);
    assessments.push(...history.assessments);
  }
  return { actors, pledges, updates, assessments };
}

function generateActors(r: Random, count: number, states: readonly GeneratorState[]): ActorRecord[] {
  const actors: ActorRecord[] = [];
  for (let i = 1; i <= count; i++) {
    const type = r.weighted(ACTOR_TYPE_WEIGHTS);
    const id = `${SYNTHETIC_ID_PREFIX}A${pad(i, 5)}`;
    // UN entities and IGOs mostly work across borders; the others are based somewhere.
    const global = type === 'un_entity' || type === 'igo' ? r.chance(0.7) : r.chance(0.1);
    actors.push({
      id,
      name: `[Synthetic] ${r.pick(ACTOR_ADJECTIVES)} ${r.pick(ACTOR_NOUNS[type])} ${i}`,
      type,
      iso3: global ? null : r.pick(states).iso3,
      website: r.chance(0.6) ? `https://example.org/synthetic/actors/${id}` : null,
      synthetic: true,
    });
  }
  return actors;
}

type PledgeContext = {
  actors: ActorRecord[];
  states: readonly GeneratorState[];
  stateName: Map<string, string>;
  actorNames: Map<string, string>;
  todayDay: number;
  openForums: Record<Compact, readonly (readonly [Exclude<PledgeForum, 'other'>, number])[]>;
  /** The pledges generated so far (matches point back at them). */
  pledges: PledgeRecord[];
};

function generatePledge(r: Random, index: number, ctx: PledgeContext): PledgeRecord {
  const id = `${SYNTHETIC_ID_PREFIX}P${pad(index, 6)}`;
  const compacts: Compact[] = r.weighted<Compact[]>([
    [['gcr'], 55],
    [['gcm'], 35],
    [['gcm', 'gcr'], 10],
  ]);
  const primary = compacts.length === 1 ? compacts[0]! : r.pick(compacts);

  // The forum: one of the primary compact's that has already begun to gather pledges, else none.
  const open = ctx.openForums[primary];
  const forum: PledgeForum = open.length > 0 && !r.chance(0.04) ? r.weighted(open) : 'other';
  const anchor =
    forum === 'other'
      ? r.int(Math.min(dayOf(FIRST_OTHER_DAY), ctx.todayDay), ctx.todayDay)
      : FORUM_DAY_NUMBERS[forum];
  // Most pledges are announced in the weeks around the forum, a few later.
  const spread = Math.round((r.next() + r.next() - 1) * 60);
  const announcedDay = Math.min(anchor + spread, ctx.todayDay);
  const announcedOn = r.chance(0.04) ? null : isoOf(announcedDay);
  const targetDate = r.chance(0.15) ? null : isoOf(announcedDay + r.int(365, 5 * 365 + 1));

  const byState = r.chance(0.35);
  const actorId = byState ? r.pick(ctx.states).iso3 : r.pick(ctx.actors).id;
  const partnerIds = r.chance(0.25)
    ? r
        .sample(ctx.actors, r.int(1, 2))
        .map((a) => a.id)
        .filter((a) => a !== actorId)
        .sort()
    : [];

  const type = r.weighted(PLEDGE_TYPE_WEIGHTS);
  const theme = r.pick(THEMES_OF[primary]);

  const pool = compacts.flatMap((c) => OBJECTIVES[c]);
  const objectives = r.chance(0.08) ? [] : sortIds(r.sample(pool, r.int(1, 3)));
  const principles = r.chance(0.5)
    ? []
    : sortIds(
        r.sample(
          compacts.flatMap((c) => PRINCIPLES[c]),
          r.int(1, 2),
        ),
      );

  const places = new Set<string>();
  if (!r.chance(0.1)) {
    if (byState && type === 'policy') places.add(actorId);
    for (let n = r.int(1, 3); n > 0; n--) {
      const kind = r.weighted([
        ['state', 65],
        ['region', 28],
        ['world', 7],
      ] as const);
      if (kind === 'state') places.add(r.pick(ctx.states).iso3);
      else if (kind === 'region') places.add(r.pick(['002', '019', '142', '150', '009']));
      else places.add('001');
    }
  }
  const placeList = [...places].sort();

  let amount: number | null = null;
  let currency: string | null = null;
  let quantity: number | null = null;
  let quantityUnit: string | null = null;
  if (type === 'financial' && r.chance(0.9)) {
    // Log-uniform from 10 thousand to 50 million, in whole thousands.
    amount = Math.round(10 ** (4 + r.next() * 3.7) / 1000) * 1000;
    currency = r.chance(0.7) ? 'USD' : 'EUR';
  } else if ((type === 'resettlement_places' || type === 'complementary_pathways') && r.chance(0.85)) {
    quantity = r.int(20, 3000);
    quantityUnit = 'places';
  } else if (type === 'material' && r.chance(0.6)) {
    quantity = r.int(100, 50_000);
    quantityUnit = 'kits';
  } else if (type === 'technical' && r.chance(0.4)) {
    quantity = r.int(10, 500);
    quantityUnit = 'people trained';
  }

  const verb = r.pick(VERBS[type]);
  const where = placeList.length > 0 ? placeName(placeList[0]!, ctx.stateName) : null;
  const title = `[Synthetic] ${verb} ${theme.topic} for ${theme.group}${where ? ` in ${where}` : ''}`;
  const description =
    `Synthetic record generated for demonstration; it describes no real commitment. ` +
    `${ctx.actorNames.get(actorId) ?? actorId} pledges to ${verb.toLowerCase()} ${theme.topic} ` +
    `for ${theme.group}${where ? ` in ${where}` : ''}` +
    `${amount !== null ? `, with ${amount} ${currency}` : ''}` +
    `${quantity !== null ? `, for ${quantity} ${quantityUnit}` : ''}.`;

  const matches: PledgeRecord['matches'] = [];
  if (ctx.pledges.length > 0 && r.chance(0.02)) {
    matches.push({ pledgeId: r.pick(ctx.pledges).id, relation: r.chance(0.5) ? 'offer' : 'need' });
  }

  return {
    id,
    compacts,
    actorId,
    partnerIds,
    title,
    description,
    type,
    objectives,
    principles,
    places: placeList,
    forum,
    announcedOn,
    targetDate,
    amount,
    currency,
    quantity,
    quantityUnit,
    sources: [`https://example.org/synthetic/pledges/${id}`],
    matches,
    synthetic: true,
  };
}

const STATUSES = ['planning', 'in_progress', 'fulfilled'] as const;

/**
 * Progress updates (0–4, dated after the announcement and not after today,
 * status never going back) and now and then an independent assessment.
 */
function generateHistory(
  r: Random,
  pledge: PledgeRecord,
  todayDay: number,
  updatesSoFar: number,
  assessmentsSoFar: number,
): { updates: UpdateRecord[]; assessments: AssessmentRecord[] } {
  const updates: UpdateRecord[] = [];
  const assessments: AssessmentRecord[] = [];
  if (!pledge.announcedOn) return { updates, assessments };
  const start = dayOf(pledge.announcedOn) + 30;

  const wanted = r.weighted([
    [0, 30],
    [1, 25],
    [2, 20],
    [3, 15],
    [4, 10],
  ] as const);
  const days = new Set<number>();
  if (start <= todayDay) for (let n = 0; n < wanted; n++) days.add(r.int(start, todayDay));
  let status = r.chance(0.6) ? 0 : 1;
  for (const day of [...days].sort((a, b) => a - b)) {
    const id = `${SYNTHETIC_ID_PREFIX}U${pad(updatesSoFar + updates.length + 1, 7)}`;
    const name = STATUSES[status]!;
    updates.push({
      id,
      pledgeId: pledge.id,
      reportedOn: isoOf(day),
      status: name,
      narrative: UPDATE_NARRATIVES[name],
      evidence: r.chance(0.4) ? [`https://example.org/synthetic/updates/${id}`] : [],
      synthetic: true,
    });
    if (status < 2 && r.chance(0.45)) status++;
  }

  const latest = updates.at(-1)?.status ?? null;
  const assessmentCount = r.weighted([
    [0, 93],
    [1, 6],
    [2, 1],
  ] as const);
  const from = dayOf(pledge.announcedOn) + 180;
  const assessedDays = new Set<number>();
  if (from <= todayDay) for (let n = 0; n < assessmentCount; n++) assessedDays.add(r.int(from, todayDay));
  for (const day of [...assessedDays].sort((a, b) => a - b)) {
    const id = `${SYNTHETIC_ID_PREFIX}X${pad(assessmentsSoFar + assessments.length + 1, 6)}`;
    const overdue = pledge.targetDate !== null && dayOf(pledge.targetDate) < day;
    const status: AssessmentStatus =
      latest === 'fulfilled'
        ? r.weighted([
            ['fulfilled', 70],
            ['in_progress', 20],
            ['cannot_assess', 10],
          ] as const)
        : overdue
          ? r.weighted([
              ['not_fulfilled', 60],
              ['in_progress', 25],
              ['cannot_assess', 15],
            ] as const)
          : r.weighted([
              ['in_progress', 50],
              ['not_started', 30],
              ['cannot_assess', 20],
            ] as const);
    assessments.push({
      id,
      pledgeId: pledge.id,
      assessedOn: isoOf(day),
      assessor: r.pick(ASSESSORS),
      status,
      narrative: ASSESSMENT_NARRATIVES[status],
      evidence: r.chance(0.5) ? [`https://example.org/synthetic/assessments/${id}`] : [],
      synthetic: true,
    });
  }
  return { updates, assessments };
}

function placeName(code: string, stateName: Map<string, string>): string {
  return REGIONS[code] ?? stateName.get(code) ?? code;
}

/** Objective and principle ids in their natural order: by compact, then number or letter. */
function sortIds(ids: string[]): string[] {
  const key = (id: string) => {
    const [compact = '', ...rest] = id.split('-');
    const last = rest.at(-1) ?? '';
    return `${compact}-${rest.length}-${/^\d+$/.test(last) ? last.padStart(3, '0') : last}`;
  };
  return ids.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Days since 1970-01-01 of an ISO date (proleptic Gregorian calendar). */
function dayOf(iso: string): number {
  return Math.round(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000,
  );
}
/**
 * The ISO date of a day number, by arithmetic rather than through `Date`
 * (H. Hinnant's civil-from-days), which is several times faster over
 * hundreds of thousands of dates.
 */
function isoOf(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');
