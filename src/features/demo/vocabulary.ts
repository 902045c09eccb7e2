/**
 * Words the synthetic-data generator builds names and texts from. Themes
 * carry a few distinct words each, so full-text search over synthetic data
 * finds some pledges and not others, as it would over real ones.
 */
import type { ActorType, AssessmentStatus, PledgeType } from '../pledges/records.ts';

export type Theme = { topic: string; group: string; compacts: readonly ('gcm' | 'gcr')[] };

export const THEMES: readonly Theme[] = [
  { topic: 'education', group: 'refugee children', compacts: ['gcr'] },
  { topic: 'primary health care', group: 'refugees and host communities', compacts: ['gcr'] },
  { topic: 'clean energy', group: 'refugee settlements', compacts: ['gcr'] },
  { topic: 'livelihoods and jobs', group: 'refugees', compacts: ['gcr', 'gcm'] },
  { topic: 'resettlement', group: 'refugees at risk', compacts: ['gcr'] },
  { topic: 'legal identity', group: 'stateless people', compacts: ['gcr', 'gcm'] },
  { topic: 'fair recruitment', group: 'migrant workers', compacts: ['gcm'] },
  { topic: 'skills recognition', group: 'migrants', compacts: ['gcm'] },
  { topic: 'migration data', group: 'national statistics offices', compacts: ['gcm'] },
  { topic: 'remittances', group: 'migrant families', compacts: ['gcm'] },
  { topic: 'search and rescue', group: 'migrants in distress', compacts: ['gcm'] },
  { topic: 'alternatives to detention', group: 'migrant children', compacts: ['gcm'] },
  { topic: 'climate mobility', group: 'displaced communities', compacts: ['gcm', 'gcr'] },
  { topic: 'housing', group: 'returnees', compacts: ['gcr', 'gcm'] },
  { topic: 'protection from trafficking', group: 'women and girls', compacts: ['gcm'] },
  { topic: 'mental health', group: 'survivors of violence', compacts: ['gcr'] },
  { topic: 'digital inclusion', group: 'young refugees', compacts: ['gcr'] },
  { topic: 'consular support', group: 'nationals abroad', compacts: ['gcm'] },
];

export const VERBS: Record<PledgeType, readonly string[]> = {
  financial: ['Fund', 'Finance', 'Co-finance'],
  material: ['Supply', 'Deliver', 'Equip'],
  technical: ['Train staff on', 'Share expertise on', 'Build capacity for'],
  policy: ['Adopt a policy on', 'Reform the law on', 'Include in national plans'],
  resettlement_places: ['Offer resettlement places for', 'Resettle'],
  complementary_pathways: ['Open study and work pathways for', 'Sponsor'],
  other: ['Support', 'Promote', 'Advocate for'],
};

/** Relative frequency of each pledge type. */
export const PLEDGE_TYPE_WEIGHTS: readonly (readonly [PledgeType, number])[] = [
  ['financial', 25],
  ['technical', 20],
  ['policy', 20],
  ['material', 10],
  ['resettlement_places', 8],
  ['complementary_pathways', 7],
  ['other', 10],
];

/** Registry actor types (States are actors already) and how common each is. */
export const ACTOR_TYPE_WEIGHTS: readonly (readonly [Exclude<ActorType, 'state'>, number])[] = [
  ['civil_society', 28],
  ['private_sector', 14],
  ['academia', 10],
  ['local_authority', 10],
  ['un_entity', 8],
  ['migrant_diaspora', 8],
  ['igo', 6],
  ['trade_union', 4],
  ['nhri', 3],
  ['parliament', 3],
  ['other', 6],
];

export const ACTOR_NOUNS: Record<Exclude<ActorType, 'state'>, readonly string[]> = {
  civil_society: ['Rights Network', 'Aid Foundation', 'Solidarity Alliance', 'Refugee Council'],
  private_sector: ['Logistics Ltd', 'Bank', 'Software Group', 'Textiles Company'],
  academia: ['University', 'Institute of Migration Studies', 'Policy Research Centre'],
  local_authority: ['City Council', 'Municipality', 'Provincial Government'],
  un_entity: ['Country Office', 'Regional Programme'],
  migrant_diaspora: ['Diaspora Association', 'Migrant Workers Collective'],
  igo: ['Regional Commission', 'Development Bank', 'Economic Community'],
  trade_union: ['Workers Union', 'Labour Confederation'],
  nhri: ['Human Rights Commission', 'Ombudsperson Office'],
  parliament: ['Parliamentary Caucus', 'Parliamentary Committee'],
  other: ['Sports Federation', 'Faith Alliance', 'Foundation'],
};

export const ACTOR_ADJECTIVES = [
  'Northbridge',
  'Riverside',
  'Harbourview',
  'Highland',
  'Meridian',
  'Eastgate',
  'Sunrise',
  'Crossroads',
  'Lakeshore',
  'Greenfield',
  'Silverline',
  'Coastal',
  'Open Horizons',
  'Common Ground',
  'Keystone',
  'Westwind',
];

export const ASSESSORS = [
  '[Synthetic] Independent review panel',
  '[Synthetic] Civil society monitoring coalition',
  '[Synthetic] University evaluation unit',
];

export const UPDATE_NARRATIVES = {
  planning: 'Synthetic report: the activities are being designed with partners and budgets are being set.',
  in_progress: 'Synthetic report: implementation has started and the first results are being collected.',
  fulfilled: 'Synthetic report: the commitment has been delivered in full, as planned.',
} as const;

export const ASSESSMENT_NARRATIVES: Record<AssessmentStatus, string> = {
  not_started: 'Synthetic assessment: no activity could be found.',
  in_progress: 'Synthetic assessment: activities are under way.',
  fulfilled: 'Synthetic assessment: the evidence shows the pledge was delivered.',
  not_fulfilled: 'Synthetic assessment: the target date passed without delivery.',
  cannot_assess: 'Synthetic assessment: too little public information to judge.',
};

/** M49 region codes a pledge may name as its place, with their names for titles. */
export const REGIONS: Record<string, string> = {
  '001': 'the world',
  '002': 'Africa',
  '019': 'the Americas',
  '142': 'Asia',
  '150': 'Europe',
  '009': 'Oceania',
};
