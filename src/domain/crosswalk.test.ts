import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMatrix,
  type CoverageLevel,
  gapsFirst,
  isAllowedDirection,
  isGap,
  type LinkLike,
  linkId,
  matchesLink,
  matchesTheme,
  sideOf,
} from './crosswalk.ts';

const nodeIds = ['gcm', 'gcm-1', 'gcm-20', 'gcr', 'gcr-4', 'gcr-area-education', 'sdg-10-7', 'sdg-10-c'];
const arbNode = fc.constantFrom(...nodeIds);
const arbLink: fc.Arbitrary<LinkLike> = fc.record({
  from: arbNode,
  to: arbNode,
  type: fc.constantFrom('overlaps', 'complements', 'related'),
  basis: fc.constantFrom('official', 'curated'),
});
const arbLevel = fc.constantFrom<CoverageLevel>('addressed', 'mentioned', 'not_covered');
const arbTheme = fc.record({ gcm: fc.record({ level: arbLevel }), gcr: fc.record({ level: arbLevel }) });

describe('sideOf and isAllowedDirection', () => {
  it('reads the side from the id', () => {
    expect(sideOf('gcm')).toBe('gcm');
    expect(sideOf('gcm-23')).toBe('gcm');
    expect(sideOf('gcr-area-statelessness')).toBe('gcr');
    expect(sideOf('sdg-16-9')).toBe('sdg');
    expect(sideOf('iom')).toBeNull();
  });
  it('allows GCM → GCR, GCM → SDG and GCR → SDG only', () => {
    expect(isAllowedDirection('gcm-5', 'gcr-3')).toBe(true);
    expect(isAllowedDirection('gcm-20', 'sdg-10-c')).toBe(true);
    expect(isAllowedDirection('gcr-area-education', 'sdg-4-1')).toBe(true);
    expect(isAllowedDirection('gcr-3', 'gcm-5')).toBe(false);
    expect(isAllowedDirection('sdg-10-7', 'gcm-5')).toBe(false);
    expect(isAllowedDirection('gcm-1', 'gcm-2')).toBe(false);
    expect(isAllowedDirection('gcr-1', 'gcr-area-jobs')).toBe(false);
  });
});

describe('matchesLink', () => {
  it('keeps everything with an empty filter', () => {
    fc.assert(fc.property(arbLink, (l) => matchesLink(l, {})));
  });
  it('keeps a link by node exactly when the node is one of its ends', () => {
    fc.assert(
      fc.property(
        arbLink,
        arbNode,
        (l, node) => matchesLink(l, { node }) === (l.from === node || l.to === node),
      ),
    );
  });
  it('keeps a link by compact exactly when one end is on that side', () => {
    fc.assert(
      fc.property(arbLink, fc.constantFrom<'gcm' | 'gcr'>('gcm', 'gcr'), (l, compact) => {
        const expected = sideOf(l.from) === compact || sideOf(l.to) === compact;
        return matchesLink(l, { compact }) === expected;
      }),
    );
  });
  it('is the conjunction of its conditions', () => {
    fc.assert(
      fc.property(
        arbLink,
        arbNode,
        fc.constantFrom('overlaps', 'complements', 'related'),
        (l, from, type) => {
          const both = matchesLink(l, { from, type: type as LinkLike['type'] });
          return both === (matchesLink(l, { from }) && matchesLink(l, { type: type as LinkLike['type'] }));
        },
      ),
    );
  });
});

describe('buildMatrix', () => {
  it('has one cell per row and column, and places each link between listed ends in its cell', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbNode, { maxLength: 5 }),
        fc.uniqueArray(arbNode, { maxLength: 5 }),
        fc.uniqueArray(arbLink, { selector: (l) => linkId(l.from, l.to), maxLength: 12 }),
        (rows, columns, links) => {
          const m = buildMatrix(rows, columns, links);
          expect(m.map((r) => r.row)).toEqual(rows);
          for (const r of m) expect(r.cells.map((c) => c.column)).toEqual(columns);
          const placed = m.flatMap((r) => r.cells.filter((c) => c.link).map((c) => c.link));
          const expected = links.filter((l) => rows.includes(l.from) && columns.includes(l.to));
          expect(placed).toHaveLength(expected.length);
          for (const r of m) {
            for (const c of r.cells) if (c.link) expect([c.link.from, c.link.to]).toEqual([r.row, c.column]);
          }
        },
      ),
    );
  });
});

describe('themes: gaps and filters', () => {
  it('is a gap exactly when neither compact covers it', () => {
    expect(isGap({ gcm: { level: 'not_covered' }, gcr: { level: 'not_covered' } })).toBe(true);
    expect(isGap({ gcm: { level: 'mentioned' }, gcr: { level: 'not_covered' } })).toBe(false);
    fc.assert(fc.property(arbTheme, (t) => matchesTheme(t, { gap: true }) === isGap(t)));
    fc.assert(fc.property(arbTheme, (t) => matchesTheme(t, { gap: false }) !== isGap(t)));
  });
  it('filters a compact alone to the themes it covers, and with coverage to that compact’s level', () => {
    fc.assert(
      fc.property(
        arbTheme,
        fc.constantFrom<'gcm' | 'gcr'>('gcm', 'gcr'),
        arbLevel,
        (t, compact, coverage) => {
          expect(matchesTheme(t, { compact })).toBe(t[compact].level !== 'not_covered');
          expect(matchesTheme(t, { compact, coverage })).toBe(t[compact].level === coverage);
          expect(matchesTheme(t, { coverage })).toBe(t.gcm.level === coverage || t.gcr.level === coverage);
        },
      ),
    );
  });
  it('puts the gaps first and otherwise keeps the order', () => {
    fc.assert(
      fc.property(fc.array(arbTheme, { maxLength: 20 }), (themes) => {
        const out = gapsFirst(themes);
        expect(out).toHaveLength(themes.length);
        const firstNonGap = out.findIndex((t) => !isGap(t));
        if (firstNonGap >= 0) expect(out.slice(firstNonGap).some(isGap)).toBe(false);
        expect(out.filter(isGap)).toEqual(themes.filter(isGap));
        expect(out.filter((t) => !isGap(t))).toEqual(themes.filter((t) => !isGap(t)));
      }),
    );
  });
});
