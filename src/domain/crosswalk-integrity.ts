/**
 * Cross-file rules of `crosswalk.json` and `themes.json` that their schemas
 * cannot see: node ids that say which side they are on and clash with no
 * objective or compact, links between known nodes in an allowed direction
 * and never twice, themes that point at real objectives of the right compact
 * and at real GCR sections. Pure: takes parsed data, returns the problems and
 * the source ids the records cite.
 *
 * @example
 * const { problems, cited } = checkCrosswalkIntegrity(data, { sourceIds, objectiveIds, compactIds });
 */
import type { ErrorDetail } from '../errors.ts';
import type { Citation, ReferenceData } from '../features/reference/schema.ts';
import { isAllowedDirection, linkId, sideOf } from './crosswalk.ts';

export type KnownIds = {
  sourceIds: ReadonlySet<string>;
  objectiveIds: ReadonlySet<string>;
  compactIds: ReadonlySet<string>;
};

export function checkCrosswalkIntegrity(
  data: Pick<ReferenceData, 'crosswalkNodes' | 'crosswalkLinks' | 'themes'>,
  known: KnownIds,
): { problems: ErrorDetail[]; cited: Set<string> } {
  const problems: ErrorDetail[] = [];
  const cited = new Set<string>();
  const cite = (location: string, sources: Citation[]) => {
    sources.forEach((c, i) => {
      cited.add(c.source);
      if (!known.sourceIds.has(c.source))
        problems.push({
          location: `${location}.sources[${i}].source`,
          message: `unknown source "${c.source}"`,
        });
    });
  };

  const nodeKinds = new Map<string, string>();
  data.crosswalkNodes.forEach((n, i) => {
    const at = `crosswalk.json.nodes[${i}]`;
    cite(at, n.sources);
    if (nodeKinds.has(n.id) || known.objectiveIds.has(n.id) || known.compactIds.has(n.id)) {
      problems.push({ location: `${at}.id`, message: `duplicate id "${n.id}"` });
    }
    nodeKinds.set(n.id, n.kind);
    const wanted = n.kind === 'sdg-target' ? 'sdg' : 'gcr';
    if (sideOf(n.id) !== wanted) {
      problems.push({
        location: `${at}.id`,
        message: `a node of kind ${n.kind} must have an id starting with "${wanted}-"`,
      });
    }
  });

  const exists = (id: string) => nodeKinds.has(id) || known.objectiveIds.has(id) || known.compactIds.has(id);
  const pairs = new Map<string, number>();
  data.crosswalkLinks.forEach((l, i) => {
    const at = `crosswalk.json.links[${i}]`;
    cite(at, l.sources);
    for (const end of ['from', 'to'] as const) {
      if (!exists(l[end])) problems.push({ location: `${at}.${end}`, message: `unknown node "${l[end]}"` });
    }
    if (exists(l.from) && exists(l.to) && !isAllowedDirection(l.from, l.to)) {
      problems.push({
        location: at,
        message: `a link goes from GCM to GCR or SDG, or from GCR to SDG; not from "${l.from}" to "${l.to}"`,
      });
    }
    // The same two nodes may be linked once, in either direction.
    const pair = [l.from, l.to].sort().join('\u0000');
    const first = pairs.get(pair);
    if (first !== undefined) {
      problems.push({
        location: at,
        message: `"${linkId(l.from, l.to)}" repeats the link at crosswalk.json.links[${first}]`,
      });
    } else pairs.set(pair, i);
  });

  const seenThemes = new Set<string>();
  data.themes.forEach((t, i) => {
    const at = `themes.json[${i}]`;
    cite(at, t.sources);
    if (seenThemes.has(t.id)) problems.push({ location: `${at}.id`, message: `duplicate id "${t.id}"` });
    seenThemes.add(t.id);
    for (const compact of ['gcm', 'gcr'] as const) {
      const coverage = t[compact];
      (coverage.objectives ?? []).forEach((o, j) => {
        if (!known.objectiveIds.has(o) || !o.startsWith(`${compact}-`)) {
          problems.push({
            location: `${at}.${compact}.objectives[${j}]`,
            message: `"${o}" is not an objective of ${compact}`,
          });
        }
      });
      (coverage.areas ?? []).forEach((a, j) => {
        if (compact !== 'gcr' || nodeKinds.get(a) !== 'gcr-area') {
          problems.push({
            location: `${at}.${compact}.areas[${j}]`,
            message: `"${a}" is not a GCR section of crosswalk.json`,
          });
        }
      });
    }
  });
  return { problems, cited };
}
