/** @jsxImportSource hono/jsx */
/**
 * One renderer for every kind's form (the field lists are in fields.ts):
 * labelled controls with their hints, each problem under its field and tied
 * to it (`aria-describedby`), and a summary at the top linking to each.
 * Plain POST forms: no script is needed or allowed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ErrorSummary, errorId, FieldMessage, fieldAttrs } from '../../web/form.tsx';
import type { Locale } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import type { User } from '../accounts/service.ts';
import {
  type Control,
  type FieldProblem,
  type FieldSpec,
  FORM_ID,
  type FormOptions,
  type FormValues,
  fieldId,
  fieldsFor,
} from './fields.ts';
import type { EditKind } from './resources.ts';

/** The choices the kind's form offers, read once per request. */
export async function loadFormOptions(
  db: Kysely<Database>,
  ctx: PageCtx,
  user: User,
  kind: EditKind,
): Promise<FormOptions> {
  const needsObjectives = kind === 'pledges' || kind === 'national-reviews';
  const [objectives, principles, cycles, sources, states] = await Promise.all([
    needsObjectives
      ? db
          .selectFrom('objectives')
          .select(['id', 'compact_id', 'number', 'title'])
          .orderBy('compact_id', 'desc')
          .orderBy('number')
          .execute()
      : [],
    kind === 'pledges'
      ? db
          .selectFrom('principles')
          .select(['id', 'compact_id', 'code', 'title', 'position'])
          .orderBy('compact_id', 'desc')
          .orderBy('position')
          .execute()
      : [],
    kind === 'national-reviews'
      ? db.selectFrom('review_cycles').select(['id', 'name']).orderBy('start_date').execute()
      : [],
    kind === 'position-events'
      ? db.selectFrom('sources').select(['id', 'title']).orderBy('id').execute()
      : [],
    user.role === 'focal_point' && user.states.length > 0
      ? db
          .selectFrom('states')
          .select(['iso3', 'name', 'name_fr', 'name_es'])
          .where('iso3', 'in', [...user.states])
          .orderBy('iso3')
          .execute()
      : [],
  ]);
  const stateName = (s: (typeof states)[number], locale: Locale) =>
    locale === 'fr' ? s.name_fr : locale === 'es' ? s.name_es : s.name;
  return {
    t: ctx.t,
    user,
    objectives: objectives.map((o) => ({
      id: o.id,
      compact: o.compact_id,
      label: `${o.number}. ${o.title}`,
    })),
    principles: principles.map((p) => ({
      id: p.id,
      compact: p.compact_id,
      label: p.code ? `${p.code}. ${p.title}` : p.title,
    })),
    cycles: cycles.map((c) => ({ value: c.id, label: c.name })),
    sources: sources.map((s) => ({ value: s.id, label: s.title })),
    myStates: states.map((s) => ({ value: s.iso3, label: `${stateName(s, ctx.locale)} (${s.iso3})` })),
  };
}

/** The problems at the top of the page, each a link to its field. */
export function EditErrorSummary({ ctx, errors }: { ctx: PageCtx; errors: FieldProblem[] }) {
  return <ErrorSummary ctx={ctx} errors={errors} heading={ctx.t('editing.errorSummary')} />;
}

type FieldProps = {
  ctx: PageCtx;
  spec: FieldSpec;
  control: Control;
  value: string | string[];
  errors: FieldProblem[];
};

function Label({ ctx, spec, id }: { ctx: PageCtx; spec: FieldSpec; id: string }) {
  return (
    <label for={id}>
      {ctx.t(spec.label)}
      {spec.required ? <span class="required"> {ctx.t('editing.required')}</span> : null}
    </label>
  );
}

function Hint({ ctx, spec }: { ctx: PageCtx; spec: FieldSpec }) {
  return spec.hint ? (
    <p class="hint" id={`${fieldId(spec.name)}-hint`}>
      {ctx.t(spec.hint)}
    </p>
  ) : null;
}

function Checkboxes({ ctx, spec, control, value, errors }: FieldProps & { control: { type: 'checkboxes' } }) {
  const id = fieldId(spec.name);
  const checked = new Set(Array.isArray(value) ? value : [value]);
  const described = [
    ...(spec.hint ? [`${id}-hint`] : []),
    ...(errors.some((e) => e.field === id) ? [errorId(id)] : []),
  ];
  const boxes = (options: { value: string; label: string }[]) =>
    options.map((o) => {
      const boxId = `${id}-${o.value}`;
      return (
        <div class="choice">
          <input
            type="checkbox"
            id={boxId}
            name={id}
            value={o.value}
            checked={checked.has(o.value)}
            aria-describedby={described.length ? described.join(' ') : undefined}
          />{' '}
          <label for={boxId}>{o.label}</label>
        </div>
      );
    });
  return (
    <fieldset id={id} class="field choices" {...fieldAttrs(errors, id, [], true)}>
      <legend>
        {ctx.t(spec.label)}
        {spec.required ? <span class="required"> {ctx.t('editing.required')}</span> : null}
      </legend>
      <Hint ctx={ctx} spec={spec} />
      <FieldMessage errors={errors} field={id} />
      {control.groups.length === 1 && control.groups[0]?.legend === ''
        ? boxes(control.groups[0].options)
        : control.groups.map((g) => (
            <fieldset class="choice-group">
              <legend>{g.legend}</legend>
              {boxes(g.options)}
            </fieldset>
          ))}
    </fieldset>
  );
}

function Field(props: FieldProps) {
  const { ctx, spec, control, value, errors } = props;
  if (control.type === 'checkboxes') return <Checkboxes {...props} control={control} />;
  const id = fieldId(spec.name);
  const v = Array.isArray(value) ? (value[0] ?? '') : value;
  const attrs = {
    id,
    name: id,
    required: spec.required || undefined,
    autocomplete: spec.autocomplete,
    ...fieldAttrs(errors, id, spec.hint ? [`${id}-hint`] : []),
  };
  return (
    <div class="field">
      <Label ctx={ctx} spec={spec} id={id} />
      <Hint ctx={ctx} spec={spec} />
      <FieldMessage errors={errors} field={id} />
      {control.type === 'textarea' ? (
        <textarea {...attrs} rows={spec.name === 'description' || spec.name === 'narrative' ? 8 : 4}>
          {v}
        </textarea>
      ) : control.type === 'select' ? (
        <select {...attrs}>
          {control.blank ? <option value="">{ctx.t('editing.choose')}</option> : null}
          {control.options.map((o) => (
            <option value={o.value} selected={o.value === v}>
              {o.label}
            </option>
          ))}
          {/* A value no longer offered (e.g. typed by staff) stays visible rather than silently changing. */}
          {v !== '' && !control.options.some((o) => o.value === v) ? (
            <option value={v} selected>
              {v}
            </option>
          ) : null}
        </select>
      ) : (
        <input
          {...attrs}
          type={control.type}
          value={v}
          readonly={control.readonly || undefined}
          step={control.step}
          inputmode={control.type === 'number' ? 'decimal' : undefined}
        />
      )}
    </div>
  );
}

/** The valid source ids of position events, folded away under the sources field. */
function SourceIds({ ctx, options }: { ctx: PageCtx; options: FormOptions }) {
  if (options.sources.length === 0) return null;
  return (
    <details class="source-ids">
      <summary>{ctx.t('editing.sourceIds', { n: options.sources.length })}</summary>
      <ul>
        {options.sources.map((s) => (
          <li>
            <code>{s.value}</code> {s.label}
          </li>
        ))}
      </ul>
    </details>
  );
}

export type EditFormProps = {
  ctx: PageCtx;
  kind: EditKind;
  action: string;
  values: FormValues;
  errors: FieldProblem[];
  options: FormOptions;
  isNew: boolean;
  csrfToken: string;
  /** `_etag` of the copy being changed, or `_key` of a new record's form. */
  hidden: [string, string][];
  submitLabel: string;
};

/** A kind's form: every field of its list, in order. */
export function EditForm(p: EditFormProps) {
  const fields = fieldsFor(p.kind, p.isNew);
  return (
    <form method="post" action={p.ctx.href(p.action)} class="edit-form form-controls" id={FORM_ID} novalidate>
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      {p.hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {fields.map((spec) => (
        <>
          <Field
            ctx={p.ctx}
            spec={spec}
            control={spec.control(p.options)}
            value={p.values[spec.name] ?? ''}
            errors={p.errors}
          />
          {p.kind === 'position-events' && spec.name === 'sources' ? (
            <SourceIds ctx={p.ctx} options={p.options} />
          ) : null}
        </>
      ))}
      <p>
        <button type="submit">{p.submitLabel}</button>
      </p>
    </form>
  );
}
