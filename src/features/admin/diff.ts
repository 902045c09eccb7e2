/**
 * A field-by-field difference between two JSON values, for reading an audit
 * row: which fields a change added, removed or changed, with the values on
 * each side. Objects are compared key by key (nested objects too, each field
 * named by its path); arrays and other values are compared whole, so a list
 * of States shows as one change from one list to the other. Pure.
 *
 * @example
 * diffJson({ role: 'reviewer', states: [] }, { role: 'focal_point', states: ['BRA'] });
 * // [{ path: ['role'], kind: 'changed', before: 'reviewer', after: 'focal_point' },
 * //  { path: ['states'], kind: 'changed', before: [], after: ['BRA'] }]
 */

export type FieldChange = {
  /** Keys from the top object down; empty when the values are not objects. */
  path: string[];
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The changes from `before` to `after`, keys in sorted order. A null or
 * missing side (a creation, a deletion) lists every field of the other side
 * as added or removed; inside the values, null is a value like any other.
 */
export function diffJson(before: unknown, after: unknown): FieldChange[] {
  const absent = (v: unknown) => v === null || v === undefined;
  if (absent(before) && absent(after)) return [];
  if (absent(before)) return isObject(after) ? compare({}, after, []) : [{ path: [], kind: 'added', after }];
  if (absent(after))
    return isObject(before) ? compare(before, {}, []) : [{ path: [], kind: 'removed', before }];
  return compare(before, after, []);
}

function compare(before: unknown, after: unknown, path: string[]): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k): FieldChange[] => {
      if (!Object.hasOwn(before, k)) return [{ path: [...path, k], kind: 'added', after: after[k] }];
      if (!Object.hasOwn(after, k)) return [{ path: [...path, k], kind: 'removed', before: before[k] }];
      return compare(before[k], after[k], [...path, k]);
    });
  }
  return jsonEqual(before, after) ? [] : [{ path, kind: 'changed', before, after }];
}

/** A value as one short line of JSON, cut at `max` characters. */
export function shortJson(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
