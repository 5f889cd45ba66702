import { describe, expect, it } from "vitest";
import { evaluateSession, sessionLimits, type SessionRecord } from "./session-policy";

const H = 60 * 60_000;
const now = new Date("2026-11-27T10:00:00Z");
const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  sessionVersion: 3,
  expiresAt: new Date(now.getTime() + H),
  lastSeenAt: new Date(now.getTime() - 5 * 60_000),
  idleTimeoutSeconds: 1800,
  endedAt: null,
  ...over,
});

describe("session lifetimes", () => {
  it("gives staff roles 12 h absolute and 30 min idle, whatever 'remember me' says", () => {
    expect(sessionLimits({ privileged: true, remember: true })).toEqual({
      absoluteMs: 12 * H,
      idleMs: H / 2,
      remember: false,
    });
    expect(sessionLimits({ privileged: true, remember: false })).toEqual({
      absoluteMs: 12 * H,
      idleMs: H / 2,
      remember: false,
    });
  });
  it("gives players 12 h / 2 h, or 30 days / 7 days with 'remember me'", () => {
    expect(sessionLimits({ privileged: false, remember: false })).toEqual({
      absoluteMs: 12 * H,
      idleMs: 2 * H,
      remember: false,
    });
    expect(sessionLimits({ privileged: false, remember: true })).toEqual({
      absoluteMs: 30 * 24 * H,
      idleMs: 7 * 24 * H,
      remember: true,
    });
  });
});

describe("session validity", () => {
  it("accepts a live session and asks for last-seen to be written at most once a minute", () => {
    expect(evaluateSession(record(), 3, 3, now)).toEqual({ valid: true, touch: true });
    expect(
      evaluateSession(record({ lastSeenAt: new Date(now.getTime() - 10_000) }), 3, 3, now),
    ).toEqual({ valid: true, touch: false });
  });
  it("refuses a session whose version is no longer the user's", () => {
    expect(evaluateSession(record(), 3, 4, now)).toEqual({ valid: false, reason: "revoked" });
    expect(evaluateSession(record({ sessionVersion: 2 }), 3, 3, now)).toEqual({
      valid: false,
      reason: "revoked",
    });
  });
  it("refuses an ended session", () => {
    expect(evaluateSession(record({ endedAt: now }), 3, 3, now)).toEqual({
      valid: false,
      reason: "ended",
    });
  });
  it("refuses a session past its absolute lifetime even when active", () => {
    expect(evaluateSession(record({ expiresAt: now, lastSeenAt: now }), 3, 3, now)).toEqual({
      valid: false,
      reason: "expired",
    });
  });
  it("refuses a session idle for its whole idle timeout", () => {
    const idle = record({ lastSeenAt: new Date(now.getTime() - 1800_000) });
    expect(evaluateSession(idle, 3, 3, now)).toEqual({ valid: false, reason: "idle" });
    const almost = record({ lastSeenAt: new Date(now.getTime() - 1799_000) });
    expect(evaluateSession(almost, 3, 3, now).valid).toBe(true);
  });
});
