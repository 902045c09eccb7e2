import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, type FieldChange, jsonEqual, shortJson } from './diff.ts';

/** Rebuilds `after` from `before` and the changes: what a reader of the diff can do by hand. */
function apply(before: unknown, changes: FieldChange[]): unknown {
  if (changes.some((c) => c.path.length === 0)) {
    const whole = changes.find((c) => c.path.length === 0)!;
    return whole.kind === 'removed' ? null : whole.after;
  }
  const out = structuredClone((before ?? {}) as Record<string, unknown>);
  for (const c of changes) {
    let node = out;
    for (const key of c.path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = c.path.at(-1)!;
    if (c.kind === 'removed') delete node[last];
    else node[last] = c.after;
  }
  return out;
}

// Objects of the shape audit rows hold: a few keys, nested objects, lists, scalars.
const key = fc.constantFrom('email', 'role', 'states', 'actorId', 'disabled', 'a.b', 'counts', '');
const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  ),
}));
const object = fc.dictionary(key, json, { maxKeys: 5 });

describe('diffJson', () => {
  it('lists changed, added and removed fields of a user change', () => {
    expect(
      diffJson(
        { email: 'fp@example.org', role: 'reviewer', states: [], disabled: false },
        { email: 'fp@example.org', role: 'focal_point', states: ['BRA'], actorId: null },
      ),
    ).toEqual([
      { path: ['actorId'], kind: 'added', after: null },
      { path: ['disabled'], kind: 'removed', before: false },
      { path: ['role'], kind: 'changed', before: 'reviewer', after: 'focal_point' },
      { path: ['states'], kind: 'changed', before: [], after: ['BRA'] },
    ]);
  });

  it('names nested fields by their path, and lists a creation field by field', () => {
    expect(
      diffJson({ counts: { inserted: 2, updated: 0 } }, { counts: { inserted: 2, updated: 1 } }),
    ).toEqual([{ path: ['counts', 'updated'], kind: 'changed', before: 0, after: 1 }]);
    expect(diffJson(null, { pledges: { inserted: 2 }, file: 'a.csv' })).toEqual([
      { path: ['file'], kind: 'added', after: 'a.csv' },
      { path: ['pledges'], kind: 'added', after: { inserted: 2 } },
    ]);
    expect(diffJson({ a: {} }, { a: null })).toEqual([
      { path: ['a'], kind: 'changed', before: {}, after: null },
    ]);
    expect(diffJson({ a: 1 }, null)).toEqual([{ path: ['a'], kind: 'removed', before: 1 }]);
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson('x', 'y')).toEqual([{ path: [], kind: 'changed', before: 'x', after: 'y' }]);
  });

  it('finds no change exactly when the values are equal, whatever the key order', () => {
    expect(diffJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toEqual([]);
    fc.assert(
      fc.property(object, object, (a, b) => {
        expect(diffJson(a, b).length === 0).toBe(jsonEqual(a, b));
        expect(diffJson(a, structuredClone(a))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('says enough to rebuild the new value from the old one, each field once', () => {
    fc.assert(
      fc.property(object, object, (a, b) => {
        const changes = diffJson(a, b);
        expect(jsonEqual(apply(a, changes), b)).toBe(true);
        const paths = changes.map((c) => JSON.stringify(c.path));
        expect(new Set(paths).size).toBe(paths.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('shortJson', () => {
  it('writes one line and cuts long values', () => {
    expect(shortJson(['BRA', 'ARG'])).toBe('["BRA","ARG"]');
    expect(shortJson('x'.repeat(300), 20)).toHaveLength(20);
    expect(shortJson(undefined)).toBe('null');
  });
});
