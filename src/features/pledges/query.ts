/**
 * The explorer's filters as URL parameters, read and written the same way by
 * the page (an HTML form repeats a parameter per ticked box) and for the API
 * links it offers (values joined by commas).
 *
 * @example
 * const filter = readFilter(new URL('http://x/pledges?compact=gcr&flag=overdue,stale').searchParams);
 * // { compact: ['gcr'], flag: ['overdue', 'stale'] }
 * filterParams(filter, 'comma').toString(); // 'compact=gcr&flag=overdue%2Cstale'
 */
import { FACETS, type Facet } from '../../domain/pledge-search.ts';
import type { PledgeQuery } from './service.ts';

/** The list-valued parameters, in the order the links write them. */
export const LIST_PARAMS = [...FACETS, 'actor', 'place'] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

/** Reads the filters; repeated and comma-separated values both count, duplicates once. */
export function readFilter(params: URLSearchParams): PledgeQuery {
  const filter: PledgeQuery = {};
  for (const name of LIST_PARAMS) {
    const values = [
      ...new Set(
        params
          .getAll(name)
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      ),
    ];
    if (values.length > 0) filter[name] = values;
  }
  const q = params.get('q')?.trim();
  if (q) filter.q = q.slice(0, 200);
  const synthetic = params.get('synthetic');
  if (synthetic === 'true' || synthetic === 'false') filter.synthetic = synthetic === 'true';
  return filter;
}

/** The filters as URL parameters: one per value (`repeat`, as a form sends them) or joined (`comma`). */
export function filterParams(filter: PledgeQuery, style: 'repeat' | 'comma'): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  for (const name of LIST_PARAMS) {
    const values = filter[name] ?? [];
    if (values.length === 0) continue;
    if (style === 'comma') params.set(name, values.join(','));
    else for (const v of values) params.append(name, v);
  }
  if (filter.synthetic !== undefined) params.set('synthetic', String(filter.synthetic));
  return params;
}

/** The filter without one value (or without the text search, for `q`). */
export function withoutValue(
  filter: PledgeQuery,
  name: ListParam | 'q' | 'synthetic',
  value?: string,
): PledgeQuery {
  const next: PledgeQuery = { ...filter };
  if (name === 'q' || name === 'synthetic') {
    delete next[name];
    return next;
  }
  const rest = (filter[name] ?? []).filter((v) => v !== value);
  if (rest.length > 0) next[name] = rest;
  else delete next[name];
  return next;
}

export function isEmptyFilter(filter: PledgeQuery): boolean {
  return filterParams(filter, 'comma').size === 0;
}

export function isFacet(name: string): name is Facet {
  return (FACETS as readonly string[]).includes(name);
}
