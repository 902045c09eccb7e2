/** @jsxImportSource hono/jsx */
/**
 * "Compare States" on the positions page: a GET form with three State
 * selects (`?compare=BRA&compare=USA`), and the chosen States' timelines side
 * by side, one table per compact with one column per State.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { COMPACT_IDS } from '../../http/params.ts';
import { ScrollRegion } from '../../web/components.tsx';
import { type FieldError, FieldMessage, fieldAttrs, HiddenFields } from '../../web/form.tsx';
import type { Translate } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import { getState } from '../states/repository.ts';
import type { StateView } from '../states/schemas.ts';
import { COMPACT_KEYS, CurrentStance, EventItem } from './components.tsx';
import { type CompactTimeline, stateTimelines } from './service.ts';

export const MAX_COMPARED = 3;
const SLOTS = Array.from({ length: MAX_COMPARED }, (_, i) => `compare-${i + 1}`);
const FIELDSET_ERROR = 'compare';

export type Compared = { state: StateView; timelines: CompactTimeline[] };

/**
 * Reads `?compare=` values: empty selects are no choice, codes are matched in
 * any case, repeats count once. More than three States, or a code that is no
 * State, is an error tied to the field it came from.
 */
export function parseCompare(
  raw: string[],
  known: Set<string>,
  t: Translate,
): { codes: string[]; errors: FieldError[] } {
  const codes = [...new Set(raw.map((v) => v.trim().toUpperCase()).filter(Boolean))];
  if (codes.length > MAX_COMPARED) {
    return {
      codes: codes.slice(0, MAX_COMPARED),
      errors: [
        {
          field: FIELDSET_ERROR,
          label: t('positions.compare'),
          message: t('positions.error.tooMany', { n: codes.length }),
        },
      ],
    };
  }
  const errors = codes.flatMap((code, i) =>
    known.has(code)
      ? []
      : [
          {
            field: SLOTS[i]!,
            label: t('positions.compareState', { n: i + 1 }),
            message: t('positions.error.unknownState', { code }),
          },
        ],
  );
  return { codes, errors };
}

/** Each chosen State with its timelines on both compacts, in the order chosen. */
export async function loadCompared(db: Kysely<Database>, codes: string[], asOf: string): Promise<Compared[]> {
  return Promise.all(
    codes.map(async (code) => {
      const state = await getState(db, code);
      return { state, timelines: await stateTimelines(db, state, asOf) };
    }),
  );
}

/** The GET form: three State selects, keeping the choice and the page's other filters. */
export function CompareForm({
  ctx,
  states,
  codes,
  errors,
  hidden,
}: {
  ctx: PageCtx;
  states: { iso3: string; name: string }[];
  codes: string[];
  errors: FieldError[];
  hidden: [string, string][];
}) {
  const { t } = ctx;
  const tooMany = errors.some((e) => e.field === FIELDSET_ERROR);
  return (
    <form class="filter-form form-controls" method="get" action="/positions#compare">
      <fieldset id={FIELDSET_ERROR} {...fieldAttrs(errors, FIELDSET_ERROR, [], true)}>
        <legend>{t('positions.compareIntro')}</legend>
        <HiddenFields values={hidden} />
        <FieldMessage errors={errors} field={FIELDSET_ERROR} />
        <div class="form-row">
          {SLOTS.map((slot, i) => (
            <div class="field">
              <label for={slot}>{t('positions.compareState', { n: i + 1 })}</label>
              <select
                id={slot}
                name="compare"
                {...fieldAttrs(errors, slot, tooMany ? [`${FIELDSET_ERROR}-error`] : [])}
              >
                <option value="">{t('positions.compareNone')}</option>
                {states.map((s) => (
                  <option value={s.iso3} selected={codes[i] === s.iso3}>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldMessage errors={errors} field={slot} />
            </div>
          ))}
        </div>
        <p>
          <button type="submit">{t('positions.compareSubmit')}</button>
        </p>
      </fieldset>
    </form>
  );
}

/** One table per compact: a column per State, rows for the current stance and the events. */
export function CompareTables({ ctx, compared }: { ctx: PageCtx; compared: Compared[] }) {
  const { t } = ctx;
  if (compared.length === 0) return null;
  const nameOf = (s: StateView) => s.names[ctx.locale] || s.name;
  return (
    <>
      {COMPACT_IDS.map((compact, k) => {
        const caption = t('positions.compareCaption', { compact: t(COMPACT_KEYS[compact]) });
        return (
          <ScrollRegion label={caption}>
            <table class="compare">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <td></td>
                  {compared.map(({ state }) => (
                    <th scope="col">
                      <a href={ctx.href(`/states/${state.iso3}`)}>{nameOf(state)}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('positions.currentStance')}</th>
                  {compared.map(({ timelines }) => (
                    <td>
                      <CurrentStance ctx={ctx} current={timelines[k]!.current} />
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('positions.events')}</th>
                  {compared.map(({ timelines }) => {
                    const tl = timelines[k]!;
                    const changes = new Map(tl.changes.map((c) => [c.eventId, c]));
                    return (
                      <td>
                        {tl.events.length === 0 ? (
                          t('positions.noEvents')
                        ) : (
                          <ol class="timeline events">
                            {tl.events.map((e) => (
                              <EventItem ctx={ctx} event={e} change={changes.get(e.id)} />
                            ))}
                          </ol>
                        )}
                      </td>
                    );
                  })}
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
        );
      })}
    </>
  );
}
