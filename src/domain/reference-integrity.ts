/**
 * Cross-file rules of the reference data that a per-file schema cannot see:
 * unique ids, citations that point at known sources, classification members
 * that are real objectives, relations between known institutions.
 * Pure: takes parsed data, returns the problems found.
 *
 * @example
 * const problems = checkReferenceIntegrity(data);
 * // [{ location: 'objectives.json[3].sources[0].source', message: 'unknown source "x"' }]
 */
import type { ErrorDetail } from '../errors.ts';
import type { Citation, ReferenceData } from '../features/reference/schema.ts';
import { checkCrosswalkIntegrity } from './crosswalk-integrity.ts';

export function checkReferenceIntegrity(data: ReferenceData): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const sourceIds = new Set<string>();
  const usedSources = new Set<string>();

  const unique = (file: string, items: { id: string }[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ location: `${file}[${i}].id`, message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
    return seen;
  };
  const cite = (location: string, sources: Citation[]) => {
    sources.forEach((c, i) => {
      usedSources.add(c.source);
      if (!sourceIds.has(c.source)) {
        problems.push({
          location: `${location}.sources[${i}].source`,
          message: `unknown source "${c.source}"`,
        });
      }
    });
  };

  for (const id of unique('sources.json', data.sources)) sourceIds.add(id);

  const compactIds = unique('compacts.json', data.compacts);
  for (const required of ['gcm', 'gcr']) {
    if (!compactIds.has(required))
      problems.push({ location: 'compacts.json', message: `compact "${required}" is missing` });
  }
  const followUps = data.compacts.flatMap((c) => c.followUp);
  unique('compacts.json followUp', followUps);
  data.compacts.forEach((c, i) => {
    cite(`compacts.json[${i}]`, c.sources);
    c.followUp.forEach((f, j) => {
      cite(`compacts.json[${i}].followUp[${j}]`, f.sources);
    });
  });

  const objectiveIds = unique('objectives.json', data.objectives);
  data.objectives.forEach((o, i) => {
    cite(`objectives.json[${i}]`, o.sources);
    if (o.id !== `${o.compact}-${o.number}`) {
      problems.push({
        location: `objectives.json[${i}].id`,
        message: `must be "${o.compact}-${o.number}" for ${o.compact} objective ${o.number}`,
      });
    }
  });

  unique('principles.json', data.principles);
  data.principles.forEach((p, i) => {
    cite(`principles.json[${i}]`, p.sources);
  });

  unique('classifications.json', data.classifications);
  unique(
    'classifications.json categories',
    data.classifications.flatMap((s) => s.categories),
  );
  data.classifications.forEach((scheme, i) => {
    cite(`classifications.json[${i}]`, scheme.sources);
    const members = new Map<string, string>();
    scheme.categories.forEach((cat, j) => {
      cat.members.forEach((m, k) => {
        const at = `classifications.json[${i}].categories[${j}].members[${k}].objective`;
        if (!objectiveIds.has(m.objective))
          problems.push({ location: at, message: `unknown objective "${m.objective}"` });
        else if (!m.objective.startsWith(`${scheme.compact}-`)) {
          problems.push({
            location: at,
            message: `"${m.objective}" is not an objective of ${scheme.compact}`,
          });
        }
        const other = members.get(m.objective);
        if (other)
          problems.push({ location: at, message: `"${m.objective}" is already in category "${other}"` });
        members.set(m.objective, cat.id);
      });
    });
  });

  unique('milestones.json', data.milestones);
  data.milestones.forEach((m, i) => {
    cite(`milestones.json[${i}]`, m.sources);
    if (m.endDate && m.endDate < m.date) {
      problems.push({ location: `milestones.json[${i}].endDate`, message: 'is before date' });
    }
  });

  const institutionIds = unique('institutions.json institutions', data.institutions);
  data.institutions.forEach((inst, i) => {
    cite(`institutions.json.institutions[${i}]`, inst.sources);
  });
  unique('institutions.json relations', data.relations);
  data.relations.forEach((r, i) => {
    const at = `institutions.json.relations[${i}]`;
    cite(at, r.sources);
    if (!institutionIds.has(r.from))
      problems.push({ location: `${at}.from`, message: `unknown institution "${r.from}"` });
    if (!institutionIds.has(r.to))
      problems.push({ location: `${at}.to`, message: `unknown institution "${r.to}"` });
    if (r.from === r.to)
      problems.push({ location: at, message: 'a relation cannot link an institution to itself' });
  });

  const stateIds = new Set<string>();
  const members = new Set<string>();
  for (const key of ['iso3', 'iso2', 'numeric'] as const) {
    const seen = new Set<string>();
    data.states.forEach((st, i) => {
      if (seen.has(st[key]))
        problems.push({ location: `states.json[${i}].${key}`, message: `duplicate ${key} "${st[key]}"` });
      seen.add(st[key]);
    });
  }
  data.states.forEach((st, i) => {
    stateIds.add(st.iso3);
    if (st.membership === 'member') members.add(st.iso3);
    cite(`states.json[${i}]`, st.sources);
  });

  const resolutionIds = unique('votes.json resolutions', data.resolutions);
  data.resolutions.forEach((r, i) => {
    const at = `votes.json.resolutions[${i}]`;
    cite(at, r.sources);
    const listed = new Map<string, string>();
    for (const vote of ['yes', 'no', 'abstain', 'absent'] as const) {
      (r.votes[vote] ?? []).forEach((iso3, j) => {
        const where = `${at}.votes.${vote}[${j}]`;
        if (!members.has(iso3))
          problems.push({ location: where, message: `"${iso3}" is not a Member State in states.json` });
        const other = listed.get(iso3);
        if (other) problems.push({ location: where, message: `"${iso3}" is already listed as "${other}"` });
        listed.set(iso3, vote);
      });
    }
    const count = (v: 'yes' | 'no' | 'abstain' | 'absent') => r.votes[v]?.length ?? 0;
    const official = {
      yes: r.official.yes,
      no: r.official.no,
      abstain: r.official.abstain,
      absent: r.official.notVoting,
    };
    for (const v of ['yes', 'no', 'abstain', 'absent'] as const) {
      const expected = official[v];
      if (expected === undefined) continue;
      if (r.recorded === 'complete' ? count(v) !== expected : count(v) > expected) {
        problems.push({
          location: `${at}.votes.${v}`,
          message: `lists ${count(v)} States but the official count is ${expected}`,
        });
      }
    }
    if (r.recorded === 'complete') {
      const missing = [...members].filter((m) => !listed.has(m));
      if (missing.length > 0) {
        problems.push({
          location: `${at}.votes`,
          message: `a complete roll call must list every Member State; missing ${missing.join(', ')}`,
        });
      }
    }
  });

  unique('votes.json conflicts', data.conflicts);
  data.conflicts.forEach((c, i) => {
    const at = `votes.json.conflicts[${i}]`;
    cite(at, c.sources);
    c.readings.forEach((r, j) => {
      cite(`${at}.readings[${j}]`, r.sources);
    });
    if (!resolutionIds.has(c.resolution))
      problems.push({ location: `${at}.resolution`, message: `unknown resolution "${c.resolution}"` });
    c.states.forEach((iso3, j) => {
      if (!stateIds.has(iso3))
        problems.push({ location: `${at}.states[${j}]`, message: `unknown State "${iso3}"` });
    });
    if (c.readings.filter((r) => r.preferred).length !== 1) {
      problems.push({ location: `${at}.readings`, message: 'exactly one reading must be marked preferred' });
    }
  });

  unique('position-events.json', data.positionEvents);
  data.positionEvents.forEach((e, i) => {
    const at = `position-events.json[${i}]`;
    cite(at, e.sources);
    if (!stateIds.has(e.state))
      problems.push({ location: `${at}.state`, message: `unknown State "${e.state}"` });
    if (e.endDate && e.endDate < e.date)
      problems.push({ location: `${at}.endDate`, message: 'is before date' });
    if (e.datePrecision === 'month' && !e.date.endsWith('-01')) {
      problems.push({
        location: `${at}.date`,
        message: 'a date known to the month must be the first day of the month',
      });
    }
    if (e.datePrecision === 'year' && !e.date.endsWith('-01-01')) {
      problems.push({ location: `${at}.date`, message: 'a date known to the year must be 1 January' });
    }
  });

  unique('review-cycles.json', data.reviewCycles);
  const milestones = new Map(data.milestones.map((m) => [m.id, m]));
  data.reviewCycles.forEach((r, i) => {
    const at = `review-cycles.json[${i}]`;
    cite(at, r.sources);
    if (!compactIds.has(r.compact))
      problems.push({ location: `${at}.compact`, message: `unknown compact "${r.compact}"` });
    if (r.endDate && r.endDate < r.startDate)
      problems.push({ location: `${at}.endDate`, message: 'is before startDate' });
    if (r.datePrecision === 'month' && !r.startDate.endsWith('-01'))
      problems.push({
        location: `${at}.startDate`,
        message: 'a date known to the month must be the first day of the month',
      });
    if (r.datePrecision === 'year' && !r.startDate.endsWith('-01-01'))
      problems.push({ location: `${at}.startDate`, message: 'a date known to the year must be 1 January' });
    if (r.milestone === undefined) return;
    const m = milestones.get(r.milestone);
    if (!m) {
      problems.push({ location: `${at}.milestone`, message: `unknown milestone "${r.milestone}"` });
      return;
    }
    // The cycle repeats its milestone's date facts; they must not drift apart.
    const differs = (field: string, mine: unknown, theirs: unknown) => {
      if ((mine ?? null) !== (theirs ?? null))
        problems.push({
          location: `${at}.${field}`,
          message: `is ${JSON.stringify(mine ?? null)} but milestone "${m.id}" has ${JSON.stringify(theirs ?? null)}`,
        });
    };
    differs('startDate', r.startDate, m.date);
    differs('endDate', r.endDate, m.endDate);
    differs('datePrecision', r.datePrecision, m.datePrecision);
    if (!m.compacts.includes(r.compact))
      problems.push({
        location: `${at}.compact`,
        message: `milestone "${m.id}" is not a milestone of ${r.compact}`,
      });
  });

  const crosswalk = checkCrosswalkIntegrity(data, { sourceIds, objectiveIds, compactIds });
  problems.push(...crosswalk.problems);
  for (const id of crosswalk.cited) usedSources.add(id);

  data.sources.forEach((s, i) => {
    if (!usedSources.has(s.id))
      problems.push({ location: `sources.json[${i}]`, message: `source "${s.id}" is cited by no record` });
  });
  return problems;
}
