/**
 * Session lifetime rules, pure. A session has an absolute lifetime counted from sign-in and an
 * idle timeout counted from the last request; both are fixed when the session is created.
 *
 * - Staff roles (OWNER, MANAGER, STAFF in any club): 12 h absolute, 30 min idle; "remember me"
 *   does not apply to them.
 * - Players: 12 h absolute and 2 h idle; with "remember me", 30 days absolute and 7 days idle.
 */
export const STAFF_ABSOLUTE_MS = 12 * 60 * 60_000;
export const STAFF_IDLE_MS = 30 * 60_000;
export const PLAYER_ABSOLUTE_MS = 12 * 60 * 60_000;
export const PLAYER_IDLE_MS = 2 * 60 * 60_000;
export const REMEMBER_ABSOLUTE_MS = 30 * 24 * 60 * 60_000;
export const REMEMBER_IDLE_MS = 7 * 24 * 60 * 60_000;
/** Longest possible session: the JWT and its cookie never outlive it. */
export const MAX_SESSION_MS = REMEMBER_ABSOLUTE_MS;
/** last_seen_at is written at most once per this interval per session. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export type SessionLimits = { absoluteMs: number; idleMs: number; remember: boolean };

export function sessionLimits(input: { privileged: boolean; remember: boolean }): SessionLimits {
  if (input.privileged)
    return { absoluteMs: STAFF_ABSOLUTE_MS, idleMs: STAFF_IDLE_MS, remember: false };
  if (input.remember)
    return { absoluteMs: REMEMBER_ABSOLUTE_MS, idleMs: REMEMBER_IDLE_MS, remember: true };
  return { absoluteMs: PLAYER_ABSOLUTE_MS, idleMs: PLAYER_IDLE_MS, remember: false };
}

export type SessionRecord = {
  sessionVersion: number;
  expiresAt: Date;
  lastSeenAt: Date;
  idleTimeoutSeconds: number;
  endedAt: Date | null;
};

export type SessionVerdict =
  | { valid: true; touch: boolean }
  | { valid: false; reason: "ended" | "revoked" | "expired" | "idle" };

/**
 * Whether a session named by a JWT is still valid. `tokenVersion` is the JWT's claim,
 * `userVersion` the user's current session version.
 */
export function evaluateSession(
  record: SessionRecord,
  tokenVersion: number,
  userVersion: number,
  now: Date,
): SessionVerdict {
  if (record.endedAt !== null) return { valid: false, reason: "ended" };
  if (tokenVersion !== userVersion || record.sessionVersion !== userVersion)
    return { valid: false, reason: "revoked" };
  if (now.getTime() >= record.expiresAt.getTime()) return { valid: false, reason: "expired" };
  if (now.getTime() - record.lastSeenAt.getTime() >= record.idleTimeoutSeconds * 1000) {
    return { valid: false, reason: "idle" };
  }
  return {
    valid: true,
    touch: now.getTime() - record.lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS,
  };
}
