/**
 * The editor's forms as data: one declarative list of fields per kind (its
 * label, hint, control and how its value is read: the codec in codec.ts),
 * rendered by one generic renderer (forms.tsx).
 *
 * @example
 * fieldsFor('pledges', true).map((f) => f.name); // ['id', 'title', 'description', 'actorId', …]
 */
import { PLEDGE_STATUSES } from '../../domain/pledge-flags.ts';
import { EVENT_KINDS, STANCES } from '../../domain/stance.ts';
import type { MessageKey, Translate } from '../../web/i18n/index.ts';
import type { User } from '../accounts/service.ts';
import { PLEDGE_FORUMS, PLEDGE_TYPES } from '../pledges/records.ts';
import type { EditKind } from './resources.ts';

/** What a form sends (a checkbox group or repeated name sends a list) and shows again. */
export type FormValues = Record<string, string | string[]>;
export type Option = { value: string; label: string };
export type OptionGroup = { legend: string; options: Option[] };

/** Choices read from the database for the forms of one request. */
export type FormOptions = {
  t: Translate;
  user: User;
  objectives: { id: string; compact: string; label: string }[];
  principles: { id: string; compact: string; label: string }[];
  cycles: Option[];
  sources: Option[];
  /** A focal point's own States, with their names. */
  myStates: Option[];
};

export type Control =
  | { type: 'text' | 'url' | 'date' | 'number' | 'textarea'; readonly?: boolean; step?: string }
  | { type: 'select'; options: Option[]; blank: boolean }
  | { type: 'checkboxes'; groups: OptionGroup[] };

/**
 * How a form value becomes a record value:
 * - `text`: trimmed text ('' stays '');  `nullable`: '' is null;  `optional`: '' leaves the field out;
 * - `number` / `integer`: '' is null;  `commaList`: items separated by commas or spaces;
 * - `lines`: one item per line;  `multi`: the checked boxes;  `matches`: lines "ID offer|need";
 * - `citations`: lines "source-id" or "source-id | locator";  `stance`: "none" is null.
 */
export type Codec =
  | 'text'
  | 'nullable'
  | 'optional'
  | 'number'
  | 'integer'
  | 'commaList'
  | 'lines'
  | 'multi'
  | 'matches'
  | 'citations'
  | 'stance';

export type FieldSpec = {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  codec: Codec;
  control: (o: FormOptions) => Control;
  required?: boolean;
  /** Only on the form that creates a record (ids never change). */
  newOnly?: boolean;
  /** Codes are upper case: `bra` is read as `BRA`. */
  upper?: boolean;
  autocomplete?: 'off';
};

const text = (): Control => ({ type: 'text' });
const enumSelect =
  (values: readonly string[], key: (v: string) => MessageKey, blank = true) =>
  (o: FormOptions): Control => ({
    type: 'select',
    blank,
    options: values.map((v) => ({ value: v, label: o.t(key(v)) })),
  });
const compactOptions = (o: FormOptions): Option[] => [
  { value: 'gcm', label: o.t('states.form.gcm') },
  { value: 'gcr', label: o.t('states.form.gcr') },
];
const byCompact =
  (items: (o: FormOptions) => { id: string; compact: string; label: string }[]) =>
  (o: FormOptions): Control => ({
    type: 'checkboxes',
    groups: compactOptions(o).map((c) => ({
      legend: c.label,
      options: items(o)
        .filter((i) => i.compact === c.value)
        .map((i) => ({ value: i.id, label: i.label })),
    })),
  });
/** A focal point picks one of their own States; staff type a code. */
const ownState = (o: FormOptions): Control =>
  o.user.role === 'focal_point'
    ? { type: 'select', options: o.myStates, blank: o.myStates.length > 1 }
    : text();

const date: Control = { type: 'date' };

const idField: FieldSpec = {
  name: 'id',
  label: 'editing.field.id',
  hint: 'editing.hint.id',
  codec: 'optional',
  control: text,
  newOnly: true,
  autocomplete: 'off',
};

export const FIELDS: Record<EditKind, FieldSpec[]> = {
  pledges: [
    idField,
    { name: 'title', label: 'editing.field.title', codec: 'text', control: text, required: true },
    {
      name: 'description',
      label: 'editing.field.description',
      codec: 'text',
      control: () => ({ type: 'textarea' }),
    },
    {
      name: 'actorId',
      label: 'editing.field.actorId',
      hint: 'editing.hint.actorId',
      codec: 'text',
      required: true,
      autocomplete: 'off',
      control: (o) => (o.user.role === 'contributor' ? { type: 'text', readonly: true } : ownState(o)),
    },
    {
      name: 'partnerIds',
      label: 'editing.field.partnerIds',
      hint: 'editing.hint.partnerIds',
      codec: 'commaList',
      control: text,
      autocomplete: 'off',
    },
    {
      name: 'type',
      label: 'editing.field.type',
      codec: 'text',
      required: true,
      control: enumSelect(PLEDGE_TYPES, (v) => `pledgeType.${v}` as MessageKey),
    },
    {
      name: 'forum',
      label: 'editing.field.forum',
      codec: 'text',
      required: true,
      control: enumSelect(PLEDGE_FORUMS, (v) => `forum.${v}` as MessageKey),
    },
    {
      name: 'compacts',
      label: 'editing.field.compacts',
      codec: 'multi',
      required: true,
      control: (o) => ({ type: 'checkboxes', groups: [{ legend: '', options: compactOptions(o) }] }),
    },
    {
      name: 'objectives',
      label: 'editing.field.objectives',
      hint: 'editing.hint.objectives',
      codec: 'multi',
      control: byCompact((o) => o.objectives),
    },
    {
      name: 'principles',
      label: 'editing.field.principles',
      codec: 'multi',
      control: byCompact((o) => o.principles),
    },
    {
      name: 'places',
      label: 'editing.field.places',
      hint: 'editing.hint.places',
      codec: 'commaList',
      upper: true,
      control: text,
      autocomplete: 'off',
    },
    { name: 'announcedOn', label: 'editing.field.announcedOn', codec: 'nullable', control: () => date },
    { name: 'targetDate', label: 'editing.field.targetDate', codec: 'nullable', control: () => date },
    {
      name: 'amount',
      label: 'editing.field.amount',
      hint: 'editing.hint.amount',
      codec: 'number',
      control: () => ({ type: 'number', step: 'any' }),
    },
    {
      name: 'currency',
      label: 'editing.field.currency',
      hint: 'editing.hint.currency',
      codec: 'nullable',
      upper: true,
      control: text,
      autocomplete: 'off',
    },
    {
      name: 'quantity',
      label: 'editing.field.quantity',
      hint: 'editing.hint.quantity',
      codec: 'integer',
      control: () => ({ type: 'number', step: '1' }),
    },
    { name: 'quantityUnit', label: 'editing.field.quantityUnit', codec: 'nullable', control: text },
    {
      name: 'sources',
      label: 'editing.field.sources',
      hint: 'editing.hint.urls',
      codec: 'lines',
      control: () => ({ type: 'textarea' }),
    },
    {
      name: 'matches',
      label: 'editing.field.matches',
      hint: 'editing.hint.matches',
      codec: 'matches',
      control: () => ({ type: 'textarea' }),
    },
  ],
  updates: [
    idField,
    {
      name: 'pledgeId',
      label: 'editing.field.pledgeId',
      hint: 'editing.hint.pledgeId',
      codec: 'text',
      required: true,
      control: text,
      autocomplete: 'off',
    },
    {
      name: 'reportedOn',
      label: 'editing.field.reportedOn',
      codec: 'text',
      required: true,
      control: () => date,
    },
    {
      name: 'status',
      label: 'editing.field.status',
      codec: 'text',
      required: true,
      control: enumSelect(PLEDGE_STATUSES, (v) => `pledges.status.${v}` as MessageKey),
    },
    {
      name: 'narrative',
      label: 'editing.field.narrative',
      codec: 'text',
      control: () => ({ type: 'textarea' }),
    },
    {
      name: 'evidence',
      label: 'editing.field.evidence',
      hint: 'editing.hint.urls',
      codec: 'lines',
      control: () => ({ type: 'textarea' }),
    },
  ],
  'national-reviews': [
    idField,
    {
      name: 'iso3',
      label: 'editing.field.iso3',
      hint: 'editing.hint.iso3',
      codec: 'text',
      required: true,
      upper: true,
      control: ownState,
      autocomplete: 'off',
    },
    {
      name: 'cycleId',
      label: 'editing.field.cycleId',
      codec: 'text',
      required: true,
      control: (o) => ({ type: 'select', options: o.cycles, blank: true }),
    },
    {
      name: 'submittedOn',
      label: 'editing.field.submittedOn',
      codec: 'text',
      required: true,
      control: () => date,
    },
    { name: 'title', label: 'editing.field.title', codec: 'text', required: true, control: text },
    {
      name: 'documentUrl',
      label: 'editing.field.documentUrl',
      codec: 'text',
      required: true,
      control: () => ({ type: 'url' }),
    },
    {
      name: 'objectives',
      label: 'editing.field.objectives',
      codec: 'multi',
      control: byCompact((o) => o.objectives),
    },
  ],
  'position-events': [
    { ...idField, hint: 'editing.hint.eventId' },
    {
      name: 'state',
      label: 'editing.field.state',
      hint: 'editing.hint.iso3',
      codec: 'text',
      required: true,
      upper: true,
      control: text,
      autocomplete: 'off',
    },
    {
      name: 'compact',
      label: 'editing.field.compact',
      codec: 'text',
      required: true,
      control: (o) => ({ type: 'select', options: compactOptions(o), blank: true }),
    },
    { name: 'date', label: 'editing.field.date', codec: 'text', required: true, control: () => date },
    {
      name: 'datePrecision',
      label: 'editing.field.datePrecision',
      codec: 'text',
      required: true,
      control: enumSelect(['day', 'month', 'year'], (v) => `editing.precision.${v}` as MessageKey, false),
    },
    {
      name: 'endDate',
      label: 'editing.field.endDate',
      hint: 'editing.hint.endDate',
      codec: 'optional',
      control: () => date,
    },
    {
      name: 'kind',
      label: 'editing.field.kind',
      codec: 'text',
      required: true,
      control: enumSelect(EVENT_KINDS, (v) => `positions.kind.${v}` as MessageKey),
    },
    {
      name: 'stance',
      label: 'editing.field.stance',
      hint: 'editing.hint.stance',
      codec: 'stance',
      control: (o) => ({
        type: 'select',
        blank: false,
        options: [
          { value: 'none', label: o.t('editing.stance.none') },
          ...STANCES.map((s) => ({ value: s, label: o.t(`stance.${s}` as MessageKey) })),
        ],
      }),
    },
    { name: 'title', label: 'editing.field.title', codec: 'text', required: true, control: text },
    { name: 'note', label: 'editing.field.note', codec: 'optional', control: () => ({ type: 'textarea' }) },
    {
      name: 'status',
      label: 'editing.field.verification',
      codec: 'text',
      required: true,
      control: enumSelect(
        ['verified', 'unverified'],
        (v) => `editing.verification.${v}` as MessageKey,
        false,
      ),
    },
    {
      name: 'sources',
      label: 'editing.field.citations',
      hint: 'editing.hint.citations',
      codec: 'citations',
      required: true,
      control: () => ({ type: 'textarea' }),
    },
  ],
};

/** The fields of a kind's form: without the id once the record exists. */
export function fieldsFor(kind: EditKind, isNew: boolean): FieldSpec[] {
  return FIELDS[kind].filter((f) => isNew || !f.newOnly);
}

/**
 * The id of a field's control (or of its fieldset, for a group of checkboxes),
 * and the name it is sent under. Never the bare record field: a control named
 * `id`, `title` or `matches` would shadow those properties of its form element.
 */
export const fieldId = (name: string) => `edit-${name}`;
/** A problem shown on a form: the id of the control it concerns, that field's label, the message. */
export type FieldProblem = { field: string; label: string; message: string };

/** Where problems that concern no one field point: the form itself. */
export const FORM_ID = 'edit-form';

/** Values a new form starts with. */
export function initialValues(kind: EditKind, user: User, prefill: { pledge?: string } = {}): FormValues {
  const one = user.role === 'focal_point' && user.states.length === 1 ? (user.states[0] ?? '') : '';
  switch (kind) {
    case 'pledges':
      return { actorId: user.role === 'contributor' ? (user.actorId ?? '') : one };
    case 'updates':
      return { pledgeId: prefill.pledge ?? '' };
    case 'national-reviews':
      return { iso3: one };
    case 'position-events':
      return { datePrecision: 'day', stance: 'none', status: 'verified' };
  }
}
