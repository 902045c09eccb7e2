/** @jsxImportSource hono/jsx */
/**
 * The query form of `/states` and the reading of its answers: compact, date
 * and region. A plain GET form, so it works without JavaScript; a bad value
 * comes back with its message tied to the field (`aria-invalid`,
 * `aria-describedby`).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { COMPACT_IDS, type CompactId, isoDateParam, todayIso } from '../../http/params.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';

const COMPACT_OPTIONS: Record<CompactId, MessageKey> = { gcm: 'states.form.gcm', gcr: 'states.form.gcr' };

export type Field = 'compact' | 'asOf' | 'region';
export type Query = { compact: CompactId; asOf: string; region: string | undefined };
export type Region = { code: string; name: string };

/** The id of a field's control: `states-asof`, `states-region`; radios add `-gcm` / `-gcr`. */
export const fieldId = (f: Field) => `states-${f.toLowerCase()}`;

/**
 * Reads the form. Empty fields mean the defaults (a form sends them empty):
 * the GCM, today, all regions.
 */
export function readQuery(c: Context<AppEnv>, regions: Region[]) {
  const raw: Record<Field, string> = {
    compact: c.req.query('compact') ?? '',
    asOf: c.req.query('asOf') ?? '',
    region: c.req.query('region') ?? '',
  };
  const errors: Partial<Record<Field, MessageKey>> = {};
  const compact = raw.compact || 'gcm';
  if (!(COMPACT_IDS as readonly string[]).includes(compact)) errors.compact = 'states.error.compact';
  if (raw.asOf && !isoDateParam.safeParse(raw.asOf).success) errors.asOf = 'states.error.asOf';
  if (raw.region && !regions.some((r) => r.code === raw.region)) errors.region = 'states.error.region';
  const query: Query = {
    compact: compact as CompactId,
    asOf: raw.asOf || todayIso(),
    region: raw.region || undefined,
  };
  return { raw, errors, query, defaultDate: !raw.asOf };
}

type FormProps = {
  ctx: PageCtx;
  raw: Record<Field, string>;
  query: Query;
  errors: Partial<Record<Field, MessageKey>>;
  regions: Region[];
  regionName: (r: Region) => string;
  lang: string | undefined;
};

/** The form: compact (radios), date with a format hint, region, submit. */
export function QueryForm({ ctx, raw, query, errors, regions, regionName, lang }: FormProps) {
  const { t } = ctx;
  const invalid = (f: Field) => (errors[f] ? 'true' : undefined);
  const error = (f: Field) =>
    errors[f] ? (
      <p id={`${fieldId(f)}-error`} class="field-error">
        {t(errors[f])}
      </p>
    ) : null;
  const compactChecked = errors.compact ? undefined : query.compact;
  return (
    <form method="get" action="/states" class="states-query form-controls" novalidate>
      {/* A GET form replaces the action's query string, so the chosen language travels as a field. */}
      {lang ? <input type="hidden" name="lang" value={lang} /> : null}
      <fieldset>
        <legend>{t('states.form.compact')}</legend>
        {error('compact')}
        {COMPACT_IDS.map((id) => (
          <div class="choice">
            <input
              type="radio"
              id={`${fieldId('compact')}-${id}`}
              name="compact"
              value={id}
              checked={compactChecked === id}
              aria-invalid={invalid('compact')}
              aria-describedby={errors.compact ? `${fieldId('compact')}-error` : undefined}
            />{' '}
            <label for={`${fieldId('compact')}-${id}`}>{t(COMPACT_OPTIONS[id])}</label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for={fieldId('asOf')}>{t('states.form.date')}</label>
        <p id={`${fieldId('asOf')}-hint`} class="hint">
          {t('states.form.dateHint')}
        </p>
        {error('asOf')}
        <input
          type="date"
          id={fieldId('asOf')}
          name="asOf"
          value={errors.asOf ? raw.asOf : query.asOf}
          aria-invalid={invalid('asOf')}
          aria-describedby={`${fieldId('asOf')}-hint${errors.asOf ? ` ${fieldId('asOf')}-error` : ''}`}
        />
      </div>
      <div class="field">
        <label for={fieldId('region')}>{t('states.form.region')}</label>
        {error('region')}
        <select
          id={fieldId('region')}
          name="region"
          aria-invalid={invalid('region')}
          aria-describedby={errors.region ? `${fieldId('region')}-error` : undefined}
        >
          <option value="">{t('states.form.allRegions')}</option>
          {regions.map((r) => (
            <option value={r.code} selected={r.code === raw.region}>
              {regionName(r)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('states.form.submit')}</button>
    </form>
  );
}
