/**
 * What the API and the pages share about reviews: checking that a filter
 * names things that exist (an unknown State, cycle or objective is bad input,
 * not an empty list), and a review cycle with its national reviews.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ErrorDetail, ValidationError } from '../../errors.ts';
import { getReviewCycle, listNationalReviews, listReviewCycles, reviewCycleNames } from './repository.ts';
import type { NationalReviewFilterQuery, NationalReviewView, ReviewCycleView } from './schemas.ts';

/**
 * The problems of a national review filter whose values are well formed but
 * name no State, review cycle or objective; empty when it is sound.
 *
 * @example
 * await nationalReviewFilterProblems(db, { cycle: 'imrf-2030' });
 * // [{ location: 'cycle', message: 'unknown review cycle "imrf-2030"; one of grf-2019, …' }]
 */
export async function nationalReviewFilterProblems(
  db: Kysely<Database>,
  filter: NationalReviewFilterQuery,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const [state, cycles, objective] = await Promise.all([
    filter.iso3
      ? db.selectFrom('states').select('iso3').where('iso3', '=', filter.iso3).executeTakeFirst()
      : undefined,
    filter.cycle ? reviewCycleNames(db) : [],
    filter.objective
      ? db.selectFrom('objectives').select('id').where('id', '=', filter.objective).executeTakeFirst()
      : undefined,
  ]);
  if (filter.iso3 && !state) {
    problems.push({ location: 'iso3', message: `unknown State "${filter.iso3}"` });
  }
  if (filter.cycle && !cycles.some((c) => c.id === filter.cycle)) {
    problems.push({
      location: 'cycle',
      message: `unknown review cycle "${filter.cycle}"; one of ${cycles.map((c) => c.id).join(', ')}`,
    });
  }
  if (filter.objective && !objective) {
    problems.push({ location: 'objective', message: `unknown objective "${filter.objective}"` });
  }
  return problems;
}

/** Throws a ValidationError naming each parameter of the filter that names nothing. */
export async function assertNationalReviewFilter(
  db: Kysely<Database>,
  filter: NationalReviewFilterQuery,
): Promise<void> {
  const problems = await nationalReviewFilterProblems(db, filter);
  if (problems.length > 0) {
    throw new ValidationError(
      `The filter names what does not exist: ${problems.map((p) => p.location).join(', ')}.`,
      problems,
    );
  }
}

/** At most this many national reviews are shown on one page of a cycle; the API pages through all. */
export const REVIEWS_SHOWN = 500;

/**
 * A review cycle for its page: the cycle, the first `REVIEWS_SHOWN` of its
 * national reviews, and whether there are more. NotFoundError for an unknown id.
 *
 * @example
 * const { cycle, reviews, more } = await cycleWithReviews(db, 'imrf-2022');
 */
export async function cycleWithReviews(
  db: Kysely<Database>,
  id: string,
): Promise<{ cycle: ReviewCycleView; reviews: NationalReviewView[]; more: boolean }> {
  const cycle = await getReviewCycle(db, id);
  const rows = await listNationalReviews(db, { cycle: cycle.id, limit: REVIEWS_SHOWN });
  return {
    cycle,
    reviews: rows.slice(0, REVIEWS_SHOWN).map(({ sort_key: _, ...r }) => r),
    more: rows.length > REVIEWS_SHOWN,
  };
}

/** The cycles of both compacts, grouped by compact in file order. */
export async function cyclesByCompact(
  db: Kysely<Database>,
): Promise<{ compact: 'gcm' | 'gcr'; cycles: ReviewCycleView[] }[]> {
  const all = (await listReviewCycles(db)).map(({ sort_key: _, ...c }) => c);
  return (['gcm', 'gcr'] as const).map((compact) => ({
    compact,
    cycles: all.filter((c) => c.compact === compact),
  }));
}
