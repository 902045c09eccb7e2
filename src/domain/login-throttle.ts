/**
 * Login throttling: after a few failures for one account (or from one
 * address) further attempts wait, with the wait doubling per failure up to a
 * ceiling. Pure: the caller keeps the failure records and passes the clock.
 *
 * Keys are counted separately for the account and the client address, so an
 * attacker spraying one password over many accounts is slowed by the address
 * key, and one guessing many passwords for one account by the account key.
 *
 * @example
 * const state = recordFailure(undefined, now);            // 1 failure
 * retryAfterSeconds(state, now);                          // 0 until FREE_ATTEMPTS is passed
 */

/** Failures allowed before any wait is imposed. */
export const FREE_ATTEMPTS = 5;
/** The first wait, in seconds; it doubles with each further failure. */
export const BASE_DELAY_SECONDS = 30;
/** The longest wait imposed, in seconds. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_SECONDS = 60 * 60;

export type ThrottleState = { failures: number; lastFailureAt: number };

export function recordFailure(state: ThrottleState | undefined, nowMs: number): ThrottleState {
  const fresh = state && nowMs - state.lastFailureAt < FAILURE_WINDOW_SECONDS * 1000;
  return { failures: (fresh ? state.failures : 0) + 1, lastFailureAt: nowMs };
}

/** The wait imposed after `failures` consecutive failures, in seconds. */
export function delayFor(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = failures - FREE_ATTEMPTS;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.min(doublings, 30));
}

/** Seconds the caller must still wait before the next attempt (0: go ahead). */
export function retryAfterSeconds(state: ThrottleState | undefined, nowMs: number): number {
  if (!state) return 0;
  if (nowMs - state.lastFailureAt >= FAILURE_WINDOW_SECONDS * 1000) return 0;
  const until = state.lastFailureAt + delayFor(state.failures) * 1000;
  return Math.max(0, Math.ceil((until - nowMs) / 1000));
}
