/** @jsxImportSource hono/jsx */
/**
 * Pieces of the review pages shared with the State profile: cycle kind
 * labels, and a table of national reviews (by State on a cycle's page, by
 * cycle on a State's).
 */
import { ColumnHeads, ScrollRegion } from '../../web/components.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { PageCtx } from '../../web/page.ts';
import { SyntheticBadge } from '../pledges/components.tsx';
import { DateAt } from '../positions/components.tsx';
import type { NationalReviewView, ReviewCycleKind } from './schemas.ts';

export const KIND_KEYS: Record<ReviewCycleKind, MessageKey> = {
  imrf: 'reviews.kind.imrf',
  grf: 'reviews.kind.grf',
  hlom: 'reviews.kind.hlom',
  progress_review: 'reviews.kind.progress_review',
  regional_review: 'reviews.kind.regional_review',
};

/** `gcm-5` → `GCM 5`, linked to the objective's page. */
function ObjectiveLinks({ ctx, ids }: { ctx: PageCtx; ids: string[] }) {
  if (ids.length === 0) return <>{ctx.t('common.none')}</>;
  return (
    <>
      {ids.map((id, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={ctx.href(`/objectives/${id}`)}>{id.replace('-', ' ').toUpperCase()}</a>
        </>
      ))}
    </>
  );
}

/**
 * National reviews as a table. `by` chooses the first column: the State (on a
 * cycle's page) or the review cycle (on a State's profile). Synthetic records
 * are labelled as such on every row.
 */
export function NationalReviewsTable({
  ctx,
  reviews,
  caption,
  by,
}: {
  ctx: PageCtx;
  reviews: NationalReviewView[];
  caption: string;
  by: 'state' | 'cycle';
}) {
  const { t } = ctx;
  return (
    <ScrollRegion label={caption}>
      <table class="national-reviews">
        <caption>{caption}</caption>
        <ColumnHeads
          labels={[
            by === 'state' ? t('reviews.state') : t('reviews.cycle'),
            t('reviews.reviewTitle'),
            t('reviews.submitted'),
            t('common.objectives'),
          ]}
        />
        <tbody>
          {reviews.map((r) => (
            <tr id={`review-${r.id}`}>
              <th scope="row">
                {by === 'state' ? (
                  <a href={ctx.href(`/states/${r.iso3}`)}>{r.stateName}</a>
                ) : (
                  <a href={ctx.href(`/reviews/${r.cycleId}`)}>{r.cycleName}</a>
                )}
              </th>
              <td>
                <a href={r.documentUrl}>{r.title}</a>
                <SyntheticBadge ctx={ctx} synthetic={r.synthetic} of="review" />
              </td>
              <td>
                <DateAt ctx={ctx} iso={r.submittedOn} precision="day" />
              </td>
              <td>
                <ObjectiveLinks ctx={ctx} ids={r.objectives} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * The "National reviews" section of a State's profile: the State's reviews,
 * or a plain sentence when none is recorded.
 */
export function StateNationalReviews({
  ctx,
  name,
  iso3,
  reviews,
}: {
  ctx: PageCtx;
  name: string;
  iso3: string;
  reviews: NationalReviewView[];
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="national-reviews">
      <h2 id="national-reviews">{t('reviews.nationalReviews')}</h2>
      {reviews.length === 0 ? (
        <p>{t('reviews.noneForState')}</p>
      ) : (
        <NationalReviewsTable
          ctx={ctx}
          reviews={reviews}
          by="cycle"
          caption={t('reviews.stateCaption', { name })}
        />
      )}
      <p class="data-links">
        <a href={`/api/v1/national-reviews?iso3=${iso3}`}>{t('reviews.stateJson')}</a>
        <a href={ctx.href('/reviews')}>{t('reviews.allCycles')}</a>
      </p>
    </section>
  );
}
