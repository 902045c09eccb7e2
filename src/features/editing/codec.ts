/**
 * The generic codec between a form and a record: what a submitted form
 * (every field under its control's name) becomes as the record's JSON, the
 * canonical shape the API takes, and a record back as form values. Problems
 * the service reports by record field (`title`, `sources.0`) are mapped to
 * the form field they concern, with the line or item named.
 *
 * @example
 * const values = bodyToValues('pledges', await c.req.parseBody({ all: true }));
 * const { record, problems } = formToRecord('pledges', values, true);
 * const again = recordToValues('pledges', copy.record);
 */
import type { ErrorDetail } from '../../errors.ts';
import type { Translate } from '../../web/i18n/index.ts';
import {
  FIELDS,
  type FieldProblem,
  type FieldSpec,
  FORM_ID,
  type FormValues,
  fieldId,
  fieldsFor,
} from './fields.ts';
import type { EditKind } from './resources.ts';

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
const linesOf = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form's own values (strings as typed, by record field), for showing the form again. */
export function bodyToValues(kind: EditKind, body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of FIELDS[kind]) {
    const sent = body[fieldId(f.name)];
    values[f.name] = f.codec === 'multi' ? many(sent) : one(sent);
  }
  return values;
}

type Read = { value: unknown } | { problem: string };

function readField(f: FieldSpec, raw: string | string[]): Read {
  const s = (Array.isArray(raw) ? (raw[0] ?? '') : raw).trim();
  const v = f.upper ? s.toUpperCase() : s;
  switch (f.codec) {
    case 'text':
      return { value: v };
    case 'nullable':
      return { value: v === '' ? null : v };
    case 'optional':
      return { value: v === '' ? undefined : v };
    case 'number':
    case 'integer': {
      if (v === '') return { value: null };
      const n = Number(v);
      if (!Number.isFinite(n)) return { problem: 'must be a number' };
      if (f.codec === 'integer' && !Number.isInteger(n)) return { problem: 'must be a whole number' };
      return { value: n };
    }
    case 'commaList':
      return { value: v.split(/[\s,;]+/).filter((x) => x !== '') };
    case 'lines':
      return { value: linesOf(v) };
    case 'multi':
      return { value: Array.isArray(raw) ? raw : raw === '' ? [] : [raw] };
    case 'stance':
      return { value: v === 'none' || v === '' ? null : v };
    case 'matches': {
      const out: { pledgeId: string; relation: string }[] = [];
      for (const [i, line] of linesOf(v).entries()) {
        const m = /^(\S+)\s+(offer|need)$/i.exec(line);
        if (!m) return { problem: `line ${i + 1}: write "PLEDGE-ID offer" or "PLEDGE-ID need"` };
        out.push({ pledgeId: m[1]!, relation: m[2]!.toLowerCase() });
      }
      return { value: out };
    }
    case 'citations':
      return {
        value: linesOf(v).map((line) => {
          const [source = '', ...rest] = line.split('|');
          const locator = rest.join('|').trim();
          return locator ? { source: source.trim(), locator } : { source: source.trim() };
        }),
      };
  }
}

/** A record field's value as the form shows it. */
function writeField(f: FieldSpec, value: unknown): string | string[] {
  if (value === null || value === undefined)
    return f.codec === 'multi' ? [] : f.codec === 'stance' ? 'none' : '';
  switch (f.codec) {
    case 'multi':
      return (value as string[]).map(String);
    case 'commaList':
      return (value as string[]).join(', ');
    case 'lines':
      return (value as string[]).join('\n');
    case 'matches':
      return (value as { pledgeId: string; relation: string }[])
        .map((m) => `${m.pledgeId} ${m.relation}`)
        .join('\n');
    case 'citations':
      return (value as { source: string; locator?: string }[])
        .map((c) => (c.locator ? `${c.source} | ${c.locator}` : c.source))
        .join('\n');
    default:
      return String(value);
  }
}

export function recordToValues(kind: EditKind, record: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of FIELDS[kind]) values[f.name] = writeField(f, record[f.name]);
  return values;
}

/**
 * The record a form describes, and what is wrong with the form itself
 * (a number that is not one, a malformed line, an empty required field).
 * Fields the kind does not have are ignored.
 */
export function formToRecord(
  kind: EditKind,
  values: FormValues,
  isNew: boolean,
): { record: Record<string, unknown>; problems: ErrorDetail[] } {
  const record: Record<string, unknown> = {};
  const problems: ErrorDetail[] = [];
  for (const f of fieldsFor(kind, isNew)) {
    const raw = values[f.name] ?? '';
    if (f.required && (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '')) {
      problems.push({
        location: f.name,
        message: f.codec === 'multi' ? 'choose at least one' : 'must not be empty',
      });
      continue;
    }
    const read = readField(f, raw);
    if ('problem' in read) problems.push({ location: f.name, message: read.problem });
    else if (read.value !== undefined) record[f.name] = read.value;
  }
  return { record, problems };
}

/**
 * The service's problems (located by record field: `title`, `sources.2`,
 * `sources.0.source`) as form problems: tied to the field's control, a list
 * item named by its line (textareas) or its value (lists, checkboxes).
 */
export function problemsToFields(
  kind: EditKind,
  problems: ErrorDetail[],
  record: Record<string, unknown>,
  t: Translate,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const p of problems) {
    const [head = '', index] = (p.location ?? '').split('.');
    const f = FIELDS[kind].find((x) => x.name === head);
    if (!f) {
      out.push({ field: FORM_ID, label: t('editing.record'), message: p.message });
      continue;
    }
    let message = p.message;
    const i = index !== undefined && /^\d+$/.test(index) ? Number(index) : null;
    if (i !== null) {
      const item = (record[f.name] as unknown[] | undefined)?.[i];
      message =
        f.codec === 'lines' || f.codec === 'matches' || f.codec === 'citations'
          ? `line ${i + 1}: ${message}`
          : `"${String(item)}": ${message}`;
    }
    const field = fieldId(f.name);
    const same = out.find((x) => x.field === field && x.message === message);
    if (!same) out.push({ field, label: t(f.label), message });
  }
  return out;
}
