/**
 * Session lifetime: a session ends after a period without use (idle) or a
 * fixed time after login (absolute), whichever comes first. Pure.
 *
 * @example
 * sessionState({ createdAt, lastSeenAt }, Date.now()); // 'active' | 'idle_expired' | 'absolute_expired'
 */

/** Idle timeout: 30 minutes without a request ends the session. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Absolute timeout: 12 hours after login, whatever the activity. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often, to spare the database a write per request. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionTimes = { createdAt: number; lastSeenAt: number };
export type SessionState = 'active' | 'idle_expired' | 'absolute_expired';

export function sessionState(s: SessionTimes, nowMs: number): SessionState {
  if (nowMs - s.createdAt >= ABSOLUTE_TIMEOUT_MS) return 'absolute_expired';
  if (nowMs - s.lastSeenAt >= IDLE_TIMEOUT_MS) return 'idle_expired';
  return 'active';
}

/** Whether this request should record the session as seen now. */
export function shouldTouch(s: SessionTimes, nowMs: number): boolean {
  return nowMs - s.lastSeenAt >= TOUCH_INTERVAL_MS;
}
