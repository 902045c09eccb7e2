/** @jsxImportSource hono/jsx */
/**
 * Form validation shown the accessible way: a summary
 * at the top that links to each field, and each message tied to its field by
 * `aria-describedby`.
 */
import type { PageCtx } from './page.ts';

/** A problem with one form field; `field` is the id of the input it concerns. */
export type FieldError = { field: string; label: string; message: string };

export const errorId = (field: string) => `${field}-error`;

/**
 * The attributes that tie a field to its error message, if it has one. A
 * group (`fieldset`) takes no `aria-invalid`: ARIA allows it on form
 * controls only.
 */
export function fieldAttrs(
  errors: FieldError[],
  field: string,
  alsoDescribedBy: string[] = [],
  group = false,
) {
  const own = errors.filter((e) => e.field === field);
  const ids = [...own.map((e) => errorId(e.field)), ...alsoDescribedBy];
  return {
    'aria-invalid': !group && own.length > 0 ? 'true' : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

/** The message under a field (nothing when the field is fine). */
export function FieldMessage({ errors, field }: { errors: FieldError[]; field: string }) {
  const own = errors.filter((e) => e.field === field);
  if (own.length === 0) return null;
  return (
    <p class="field-error" id={errorId(field)}>
      {own.map((e) => e.message).join(' ')}
    </p>
  );
}

/** The list of problems at the top of the page, each a link to its field. */
export function ErrorSummary({
  ctx,
  errors,
  heading,
}: {
  ctx: PageCtx;
  errors: FieldError[];
  /** The summary's heading (default: "Please correct the following"). */
  heading?: string;
}) {
  if (errors.length === 0) return null;
  return (
    <div class="notice error-summary" role="alert" aria-labelledby="error-summary-h">
      <p id="error-summary-h">
        <strong>{heading ?? ctx.t('positions.errorSummary')}</strong>
      </p>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>
              {e.label}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A GET form replaces the query string of its action, so values from the
 * page's other forms (and the chosen language) travel as hidden fields.
 */
export function HiddenFields({ values }: { values: [string, string][] }) {
  return (
    <>
      {values.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
