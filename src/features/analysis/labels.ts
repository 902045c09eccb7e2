/** Readable names of the keys the analysis counts by, for the pages (any locale) and the API (English). */
import type { CoverageDimension } from '../../domain/coverage.ts';
import { en } from '../../web/i18n/en.ts';
import { type MessageKey, type Translate, translator } from '../../web/i18n/index.ts';
import { objectiveCode } from '../pledges/components.tsx';
import type { AnalysisLabels } from './service.ts';

const has = (key: string): key is MessageKey => key in en;

/** The name of an M49 region code (or `global`), translated where the catalogue has it. */
export function regionLabel(t: Translate, labels: Pick<AnalysisLabels, 'regions'>, code: string): string {
  if (code === 'global') return t('pledges.region.global');
  const key = `states.region.${code}`;
  return has(key) ? t(key) : (labels.regions.find((r) => r.code === code)?.name ?? code);
}

/** The name of a key of `by`. */
export function keyLabel(t: Translate, labels: AnalysisLabels, by: CoverageDimension, key: string): string {
  if (key === 'none') return t(by === 'region' ? 'analysis.key.noPlace' : 'analysis.key.noCategory');
  switch (by) {
    case 'region':
      return regionLabel(t, labels, key);
    case 'actorType': {
      const k = `actorType.${key}`;
      return has(k) ? t(k) : key;
    }
    case 'category':
      return labels.categories.find((c) => c.id === key)?.name ?? key;
    case 'compact':
      return key.toUpperCase();
  }
}

const english = translator('en');

/** `keyLabel` in English, for the API. */
export function facetLabelEn(labels: AnalysisLabels, by: CoverageDimension, key: string): string {
  return keyLabel(english, labels, by, key);
}

/** "GCM 5: Legal pathways" */
export function objectiveLabel(labels: Pick<AnalysisLabels, 'objectives'>, id: string): string {
  const o = labels.objectives.find((x) => x.id === id);
  return o ? `${objectiveCode(id)}: ${o.shortLabel}` : id;
}

export { objectiveCode };
