import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTOR_TYPES,
  actorRecordSchema,
  assessmentRecordSchema,
  pledgeRecordSchema,
  updateRecordSchema,
} from '../pledges/records.ts';
import { type GeneratorState, generateRegistry, OBJECTIVES, PRINCIPLES } from './generate.ts';
import { seededRandom } from './random.ts';

const REFERENCE = path.resolve(import.meta.dirname, '../../../data/reference');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(REFERENCE, file), 'utf8')) as T;
const states = readJson<{ iso3: string; name: string; region: { code: string } }[]>('states.json');
const STATES: GeneratorState[] = states.map((s) => ({ iso3: s.iso3, name: s.name }));
const TODAY = '2026-11-28';

describe('seededRandom', () => {
  it('gives the same sequence for a seed and another for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const r = seededRandom(3);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 4)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('samples distinct items', () => {
    const r = seededRandom(5);
    for (let i = 0; i < 50; i++) {
      const s = r.sample(['a', 'b', 'c', 'd'], 3);
      expect(new Set(s).size).toBe(3);
    }
    expect(r.sample(['a'], 3)).toEqual(['a']);
  });
});

describe('generateRegistry', () => {
  const registry = generateRegistry({ pledges: 2000, seed: 1, today: TODAY, states: STATES });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateRegistry({ pledges: 2000, seed: 1, today: TODAY, states: STATES });
    expect(JSON.stringify(again)).toBe(JSON.stringify(registry));
    const other = generateRegistry({ pledges: 2000, seed: 2, today: TODAY, states: STATES });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(registry));
  });

  it('makes exactly the number of pledges asked, with SYN- ids in order', () => {
    expect(registry.pledges).toHaveLength(2000);
    expect(registry.pledges[0]!.id).toBe('SYN-P000001');
    expect(registry.pledges[1999]!.id).toBe('SYN-P002000');
    expect(generateRegistry({ pledges: 1, seed: 9, today: TODAY, states: STATES }).pledges).toHaveLength(1);
    expect(() => generateRegistry({ pledges: 0, seed: 1, today: TODAY, states: STATES })).toThrow(/pledges/);
  });

  it('produces records that every canonical schema accepts, all marked synthetic', () => {
    const check = <T extends { synthetic: boolean; id: string }>(
      records: T[],
      schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
    ) => {
      for (const r of records) {
        const res = schema.safeParse(r);
        expect(res.success, `${r.id}: ${String(res.error)}`).toBe(true);
        expect(r.synthetic).toBe(true);
        expect(r.id.startsWith('SYN-')).toBe(true);
      }
    };
    check(registry.actors, actorRecordSchema);
    check(registry.pledges, pledgeRecordSchema);
    check(registry.updates, updateRecordSchema);
    check(registry.assessments, assessmentRecordSchema);
    expect(registry.pledges.every((p) => p.title.startsWith('[Synthetic] '))).toBe(true);
    expect(registry.actors.every((a) => a.name.startsWith('[Synthetic] '))).toBe(true);
    expect(new Set(registry.updates.map((u) => u.id)).size).toBe(registry.updates.length);
    expect(new Set(registry.assessments.map((a) => a.id)).size).toBe(registry.assessments.length);
  });

  it('only refers to things that exist: actors, States, objectives, principles, regions, earlier pledges', () => {
    const iso3 = new Set(states.map((s) => s.iso3));
    const regions = new Set(['001', ...states.map((s) => s.region.code)]);
    const actorIds = new Set([...iso3, ...registry.actors.map((a) => a.id)]);
    const objectives = new Set(readJson<{ id: string }[]>('objectives.json').map((o) => o.id));
    const principles = new Set(readJson<{ id: string }[]>('principles.json').map((p) => p.id));
    expect(new Set([...OBJECTIVES.gcm, ...OBJECTIVES.gcr])).toEqual(objectives);
    expect(new Set([...PRINCIPLES.gcm, ...PRINCIPLES.gcr])).toEqual(principles);
    const seen = new Set<string>();
    for (const p of registry.pledges) {
      expect(actorIds.has(p.actorId), p.id).toBe(true);
      for (const a of p.partnerIds) expect(actorIds.has(a) && a !== p.actorId, p.id).toBe(true);
      for (const o of p.objectives) expect(objectives.has(o), o).toBe(true);
      for (const g of p.principles) {
        expect(principles.has(g), g).toBe(true);
        expect(p.compacts).toContain(g.slice(0, 3));
      }
      for (const place of p.places) expect(iso3.has(place) || regions.has(place), place).toBe(true);
      for (const m of p.matches) expect(seen.has(m.pledgeId), m.pledgeId).toBe(true);
      seen.add(p.id);
    }
    for (const a of registry.actors) if (a.iso3) expect(iso3.has(a.iso3)).toBe(true);
  });

  it('spreads over actor types, compacts, forums and quality gaps', () => {
    expect(registry.actors.length).toBe(100); // one per 20 pledges
    expect(new Set(registry.actors.map((a) => a.type))).toEqual(
      new Set(ACTOR_TYPES.filter((t) => t !== 'state')),
    );
    const byState = registry.pledges.filter((p) => /^[A-Z]{3}$/.test(p.actorId)).length;
    expect(byState).toBeGreaterThan(400);
    expect(byState).toBeLessThan(1000);
    const compacts = (c: string) => registry.pledges.filter((p) => p.compacts.join() === c).length;
    expect(compacts('gcr')).toBeGreaterThan(compacts('gcm'));
    expect(compacts('gcm,gcr')).toBeGreaterThan(100);
    expect(new Set(registry.pledges.map((p) => p.forum))).toEqual(
      new Set(['grf-2019', 'grf-2023', 'imrf-2022', 'imrf-2026', 'other']),
    );
    for (const p of registry.pledges) {
      if (p.forum.startsWith('grf')) expect(p.compacts).toContain('gcr');
      if (p.forum.startsWith('imrf')) expect(p.compacts).toContain('gcm');
      expect(p.objectives.length).toBeLessThanOrEqual(3);
    }
    const share = (f: (p: (typeof registry.pledges)[number]) => boolean) =>
      registry.pledges.filter(f).length / registry.pledges.length;
    expect(share((p) => p.objectives.length === 0)).toBeGreaterThan(0.03);
    expect(share((p) => p.places.length === 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.targetDate === null)).toBeGreaterThan(0.1);
    expect(share((p) => p.announcedOn === null)).toBeGreaterThan(0.01);
    expect(share((p) => p.places.some((x) => /^\d{3}$/.test(x)))).toBeGreaterThan(0.2);
    expect(share((p) => p.amount !== null)).toBeGreaterThan(0.15);
    expect(share((p) => p.matches.length > 0)).toBeGreaterThan(0.005);
  });

  it('puts amounts only on financial pledges, in USD or EUR', () => {
    const withAmount = registry.pledges.filter((p) => p.amount !== null);
    expect(withAmount.length).toBeGreaterThan(0);
    for (const p of withAmount) {
      expect(p.type).toBe('financial');
      expect(['USD', 'EUR']).toContain(p.currency);
    }
    expect(new Set(withAmount.map((p) => p.currency))).toEqual(new Set(['USD', 'EUR']));
  });

  it('dates announcements around the forums, targets 1–5 years later, nothing after today', () => {
    const forumYear: Record<string, number> = {
      'grf-2019': 2019,
      'grf-2023': 2023,
      'imrf-2022': 2022,
      'imrf-2026': 2026,
    };
    for (const p of registry.pledges) {
      if (p.announcedOn) {
        expect(p.announcedOn <= TODAY).toBe(true);
        const year = forumYear[p.forum];
        if (year) expect(Math.abs(Number(p.announcedOn.slice(0, 4)) - year)).toBeLessThanOrEqual(1);
      }
      if (p.announcedOn && p.targetDate) {
        const years = (Date.parse(p.targetDate) - Date.parse(p.announcedOn)) / (365.25 * 86_400_000);
        expect(years).toBeGreaterThanOrEqual(0.99);
        expect(years).toBeLessThanOrEqual(5.01);
      }
    }
  });

  it('gives 0–4 updates per pledge, after the announcement, not after today, status only moving forward', () => {
    const byPledge = new Map<string, typeof registry.updates>();
    for (const u of registry.updates) byPledge.set(u.pledgeId, [...(byPledge.get(u.pledgeId) ?? []), u]);
    const pledges = new Map(registry.pledges.map((p) => [p.id, p]));
    const order = ['planning', 'in_progress', 'fulfilled'];
    const counts = new Set<number>();
    for (const p of registry.pledges) counts.add(byPledge.get(p.id)?.length ?? 0);
    expect([...counts].sort()).toEqual([0, 1, 2, 3, 4]);
    for (const [id, list] of byPledge) {
      const p = pledges.get(id)!;
      expect(p.announcedOn).not.toBeNull();
      for (let i = 0; i < list.length; i++) {
        const u = list[i]!;
        expect(u.reportedOn > p.announcedOn!, u.id).toBe(true);
        expect(u.reportedOn <= TODAY, u.id).toBe(true);
        if (i > 0) {
          expect(u.reportedOn > list[i - 1]!.reportedOn).toBe(true);
          expect(order.indexOf(u.status)).toBeGreaterThanOrEqual(order.indexOf(list[i - 1]!.status));
        }
      }
    }
    expect(new Set(registry.updates.map((u) => u.status))).toEqual(new Set(order));
    expect(registry.assessments.length).toBeGreaterThan(50);
    expect(registry.assessments.length).toBeLessThan(400);
    for (const a of registry.assessments) {
      expect(a.assessedOn > pledges.get(a.pledgeId)!.announcedOn!).toBe(true);
      expect(a.assessedOn <= TODAY).toBe(true);
    }
  });

  it('generates no date after an early "today", and no forum that had not begun by then', () => {
    const early = generateRegistry({ pledges: 300, seed: 4, today: '2020-03-01', states: STATES });
    for (const p of early.pledges) {
      expect(['grf-2019', 'other']).toContain(p.forum);
      if (p.announcedOn) expect(p.announcedOn <= '2020-03-01').toBe(true);
    }
    for (const u of early.updates) expect(u.reportedOn <= '2020-03-01').toBe(true);
  });
});
