import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  sessionState,
  shouldTouch,
  TOUCH_INTERVAL_MS,
} from './session-rules.ts';

const login = Date.UTC(2026, 0, 1, 9);

describe('session rules', () => {
  it('keeps a session in use alive until the absolute limit', () => {
    const lastSeenAt = login + ABSOLUTE_TIMEOUT_MS - 1000;
    expect(sessionState({ createdAt: login, lastSeenAt }, lastSeenAt + 1)).toBe('active');
    expect(sessionState({ createdAt: login, lastSeenAt }, login + ABSOLUTE_TIMEOUT_MS)).toBe(
      'absolute_expired',
    );
  });

  it('ends an unused session at the idle limit, not a millisecond before', () => {
    const s = { createdAt: login, lastSeenAt: login };
    expect(sessionState(s, login + IDLE_TIMEOUT_MS - 1)).toBe('active');
    expect(sessionState(s, login + IDLE_TIMEOUT_MS)).toBe('idle_expired');
  });

  it('touches at most once per interval', () => {
    const s = { createdAt: login, lastSeenAt: login };
    expect(shouldTouch(s, login + TOUCH_INTERVAL_MS - 1)).toBe(false);
    expect(shouldTouch(s, login + TOUCH_INTERVAL_MS)).toBe(true);
  });
});
