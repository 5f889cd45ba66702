import { describe, expect, it } from "vitest";
import {
  EMPTY_LOCKOUT,
  MAX_LOCK_MS,
  afterFailure,
  afterUnlock,
  isLocked,
  lockDurationMs,
  type LockoutState,
} from "./lockout-policy";

const MIN = 60_000;
const t0 = new Date("2026-11-27T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(state: LockoutState, times: number, now: Date) {
  let s = state;
  let locks = 0;
  for (let i = 0; i < times; i++) {
    const r = afterFailure(s, now);
    s = r.state;
    if (r.locked) locks++;
  }
  return { state: s, locks };
}

describe("lockout schedule", () => {
  it("locks for 15 minutes, doubling on each further lock, capped at 24 hours", () => {
    expect(lockDurationMs(1)).toBe(15 * MIN);
    expect(lockDurationMs(2)).toBe(30 * MIN);
    expect(lockDurationMs(3)).toBe(60 * MIN);
    expect(lockDurationMs(4)).toBe(120 * MIN);
    expect(lockDurationMs(7)).toBe(16 * 60 * MIN);
    expect(lockDurationMs(8)).toBe(MAX_LOCK_MS);
    expect(lockDurationMs(50)).toBe(MAX_LOCK_MS);
  });

  it("locks on the fifth consecutive failure, not before", () => {
    const four = fail(EMPTY_LOCKOUT, 4, t0);
    expect(four.locks).toBe(0);
    expect(isLocked(four.state, t0)).toBe(false);
    const r = afterFailure(four.state, t0);
    expect(r.locked).toBe(true);
    expect(r.state.lockedUntil).toEqual(at(15 * MIN));
    expect(isLocked(r.state, at(15 * MIN - 1))).toBe(true);
    expect(isLocked(r.state, at(15 * MIN))).toBe(false);
  });

  it("does not count failures while locked, so a lock cannot be extended", () => {
    const locked = fail(EMPTY_LOCKOUT, 5, t0).state;
    const more = fail(locked, 20, at(MIN));
    expect(more.state).toEqual(locked);
    expect(more.locks).toBe(0);
  });

  it("needs five fresh failures after a lock ends, and the next lock is twice as long", () => {
    const first = fail(EMPTY_LOCKOUT, 5, t0).state;
    const later = at(16 * MIN);
    const four = fail(first, 4, later);
    expect(four.locks).toBe(0);
    const second = afterFailure(four.state, later);
    expect(second.locked).toBe(true);
    expect(second.state.lockedUntil).toEqual(new Date(later.getTime() + 30 * MIN));
    expect(second.state.lockCount).toBe(2);
  });

  it("forgets a lock streak after 24 hours without failures", () => {
    const first = fail(EMPTY_LOCKOUT, 5, t0).state;
    const nextDay = at(25 * 60 * MIN);
    const again = fail(first, 5, nextDay).state;
    expect(again.lockCount).toBe(1);
    expect(again.lockedUntil).toEqual(new Date(nextDay.getTime() + 15 * MIN));
  });

  it("the unlock link ends the lock at once but keeps the streak", () => {
    const locked = fail(EMPTY_LOCKOUT, 5, t0).state;
    const unlocked = afterUnlock(locked);
    expect(isLocked(unlocked, at(MIN))).toBe(false);
    expect(unlocked.lockCount).toBe(1);
    expect(fail(unlocked, 5, at(2 * MIN)).state.lockedUntil).toEqual(at(2 * MIN + 30 * MIN));
  });
});
