import { describe, expect, it } from 'vitest';
import {
  BASE_DELAY_SECONDS,
  delayFor,
  FAILURE_WINDOW_SECONDS,
  FREE_ATTEMPTS,
  MAX_DELAY_SECONDS,
  recordFailure,
  retryAfterSeconds,
  type ThrottleState,
} from './login-throttle.ts';

const t0 = Date.UTC(2026, 0, 1);

function failTimes(n: number, at = t0): ThrottleState | undefined {
  let s: ThrottleState | undefined;
  for (let i = 0; i < n; i++) s = recordFailure(s, at);
  return s;
}

describe('login throttle', () => {
  it('lets the first attempts through without waiting', () => {
    expect(retryAfterSeconds(failTimes(FREE_ATTEMPTS - 1), t0)).toBe(0);
  });

  it('imposes a wait once the free attempts are used, doubling per failure up to the ceiling', () => {
    expect(retryAfterSeconds(failTimes(FREE_ATTEMPTS), t0)).toBe(BASE_DELAY_SECONDS);
    expect(retryAfterSeconds(failTimes(FREE_ATTEMPTS + 1), t0)).toBe(2 * BASE_DELAY_SECONDS);
    expect(delayFor(FREE_ATTEMPTS + 100)).toBe(MAX_DELAY_SECONDS);
  });

  it('counts the wait down as time passes', () => {
    const s = failTimes(FREE_ATTEMPTS);
    expect(retryAfterSeconds(s, t0 + 10_000)).toBe(BASE_DELAY_SECONDS - 10);
    expect(retryAfterSeconds(s, t0 + BASE_DELAY_SECONDS * 1000)).toBe(0);
  });

  it('forgets failures after the window', () => {
    const s = failTimes(FREE_ATTEMPTS + 3);
    const later = t0 + FAILURE_WINDOW_SECONDS * 1000;
    expect(retryAfterSeconds(s, later)).toBe(0);
    expect(recordFailure(s, later).failures).toBe(1);
  });
});
