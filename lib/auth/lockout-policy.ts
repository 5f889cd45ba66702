/**
 * Per-account login protection, as pure rules (state lives in PostgreSQL: login_lockout).
 *
 * After 5 consecutive failures the account is locked for 15 minutes; each further lock doubles
 * the duration, up to 24 hours. A success resets everything. A streak of locks is forgotten after
 * 24 hours without a failure. Failures while locked are not counted (an attacker cannot extend a
 * lock), and the owner can end a lock at once with the emailed unlock link.
 */
export const MAX_CONSECUTIVE_FAILURES = 5;
export const FIRST_LOCK_MS = 15 * 60_000;
export const MAX_LOCK_MS = 24 * 60 * 60_000;
/** A lock streak older than this (no failure since) starts again at 15 minutes. */
export const LOCK_STREAK_RESET_MS = 24 * 60 * 60_000;

export type LockoutState = {
  failedCount: number;
  lockCount: number;
  lockedUntil: Date | null;
  lastFailureAt: Date | null;
};

export const EMPTY_LOCKOUT: LockoutState = {
  failedCount: 0,
  lockCount: 0,
  lockedUntil: null,
  lastFailureAt: null,
};

/** Duration of the n-th lock of a streak (1-based): 15 min, 30 min, 1 h, … capped at 24 h. */
export function lockDurationMs(lockNumber: number): number {
  if (lockNumber < 1) return 0;
  // 2^(n-1) overflows nothing before the cap: 15 min × 2^7 > 24 h.
  const factor = 2 ** Math.min(lockNumber - 1, 16);
  return Math.min(FIRST_LOCK_MS * factor, MAX_LOCK_MS);
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after one more failed attempt. `locked` is true when this failure starts a lock.
 * While a lock is in force the state does not change.
 */
export function afterFailure(
  state: LockoutState,
  now: Date,
): { state: LockoutState; locked: boolean } {
  if (isLocked(state, now)) return { state, locked: false };
  const streakExpired =
    state.lastFailureAt !== null &&
    now.getTime() - state.lastFailureAt.getTime() > LOCK_STREAK_RESET_MS;
  const base = streakExpired ? EMPTY_LOCKOUT : state;
  // A lock that has run out leaves a clean counter: the next lock needs 5 fresh failures.
  const lockExpired = base.lockedUntil !== null;
  const failedCount = (lockExpired ? 0 : base.failedCount) + 1;
  if (failedCount >= MAX_CONSECUTIVE_FAILURES) {
    const lockCount = base.lockCount + 1;
    return {
      state: {
        failedCount: 0,
        lockCount,
        lockedUntil: new Date(now.getTime() + lockDurationMs(lockCount)),
        lastFailureAt: now,
      },
      locked: true,
    };
  }
  return {
    state: { failedCount, lockCount: base.lockCount, lockedUntil: null, lastFailureAt: now },
    locked: false,
  };
}

/** The unlock link ends the lock at once but keeps the streak, so the next lock is longer. */
export function afterUnlock(state: LockoutState): LockoutState {
  return { ...state, failedCount: 0, lockedUntil: null };
}
