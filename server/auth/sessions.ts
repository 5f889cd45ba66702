import "server-only";
import { decode, encode } from "next-auth/jwt";
import type { Prisma } from "@/generated/prisma/client";
import { STAFF_ROLES } from "@/lib/auth/capabilities";
import { evaluateSession, MAX_SESSION_MS, sessionLimits } from "@/lib/auth/session-policy";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { authSecret } from "@/server/auth/auth-settings";
import type { RequestContext } from "@/server/auth/request-context";

export type SignInMethod = "password" | "totp" | "recovery_code";

/** The sign-in methods that verify a second factor (the session's two_factor_verified_at). */
const SECOND_FACTOR_METHODS: ReadonlySet<SignInMethod> = new Set(["totp", "recovery_code"]);

/** The claims Courtside puts in the next-auth JWT. */
export type SessionClaims = { sub: string; sid: string; sv: number };

export type IssuedSession = SessionClaims & { jwt: string; expiresAt: Date; remember: boolean };

type Tx = Prisma.TransactionClient;

/** Staff roles get the short staff session lifetime (lib/auth/session-policy.ts). */
export async function isPrivileged(tx: Tx, userId: string): Promise<boolean> {
  const staff = await tx.membership.findFirst({
    where: { userId, status: "ACTIVE", role: { in: [...STAFF_ROLES] } },
    select: { id: true },
  });
  return staff !== null;
}

/**
 * Records a new sign-in and returns its freshly encrypted JWT: a new token on every sign-in,
 * bound to the user's current session version.
 */
export async function createSession(
  tx: Tx,
  input: { userId: string; method: SignInMethod; remember: boolean; deviceHash: string | null },
  ctx: RequestContext,
  now = new Date(),
): Promise<IssuedSession> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { sessionVersion: true },
  });
  const limits = sessionLimits({
    privileged: await isPrivileged(tx, input.userId),
    remember: input.remember,
  });
  const expiresAt = new Date(now.getTime() + limits.absoluteMs);
  const session = await tx.userSession.create({
    data: {
      userId: input.userId,
      sessionVersion: user.sessionVersion,
      method: input.method,
      // A session made with a code (sign-in, or the fresh session of a confirmed enrolment)
      // verified the second factor; staff powers need it (docs/decisions/017-staff-powers-need-2fa.md).
      twoFactorVerifiedAt: SECOND_FACTOR_METHODS.has(input.method) ? now : null,
      remember: limits.remember,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      idleTimeoutSeconds: Math.round(limits.idleMs / 1000),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      deviceHash: input.deviceHash,
    },
    select: { id: true },
  });
  const claims: SessionClaims = { sub: input.userId, sid: session.id, sv: user.sessionVersion };
  const jwt = await encodeSessionJwt(claims, Math.ceil(limits.absoluteMs / 1000));
  return { ...claims, jwt, expiresAt, remember: limits.remember };
}

export function encodeSessionJwt(
  claims: SessionClaims,
  maxAgeSeconds = MAX_SESSION_MS / 1000,
): Promise<string> {
  return encode({ token: { ...claims }, secret: authSecret(), maxAge: maxAgeSeconds });
}

export async function decodeSessionJwt(jwt: string): Promise<SessionClaims | null> {
  try {
    const payload = await decode({ token: jwt, secret: authSecret() });
    return parseClaims(payload);
  } catch {
    return null;
  }
}

export function parseClaims(payload: unknown): SessionClaims | null {
  const p = payload as Partial<Record<keyof SessionClaims, unknown>> | null;
  if (!p || typeof p.sub !== "string" || typeof p.sid !== "string" || typeof p.sv !== "number")
    return null;
  if (!/^[0-9a-f-]{36}$/.test(p.sid) || !/^[0-9a-f-]{36}$/.test(p.sub)) return null;
  return { sub: p.sub, sid: p.sid, sv: p.sv };
}

export type ValidSession = {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  emailVerified: boolean;
  totpEnabled: boolean;
  /**
   * The account has two-factor authentication and this session verified a code (signed in with
   * one, or confirmed the enrolment in it). A password-only session is not verified, even after
   * 2FA was switched on elsewhere. Staff powers need it (server/auth/require-user.ts staffPowers).
   */
  twoFactorVerified: boolean;
};

/**
 * Checks a session on every request: the user's session version, the session's end, absolute
 * expiry and idle timeout. One query; last-seen is written at most once a minute.
 */
export async function validateSession(
  claims: SessionClaims,
  now = new Date(),
): Promise<ValidSession | null> {
  const session = await db.userSession.findUnique({
    where: { id: claims.sid },
    select: {
      userId: true,
      sessionVersion: true,
      expiresAt: true,
      lastSeenAt: true,
      idleTimeoutSeconds: true,
      endedAt: true,
      twoFactorVerifiedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          emailVerifiedAt: true,
          sessionVersion: true,
          totpEnabledAt: true,
        },
      },
    },
  });
  if (!session || session.userId !== claims.sub) return null;
  const verdict = evaluateSession(session, claims.sv, session.user.sessionVersion, now);
  if (!verdict.valid) {
    if (verdict.reason === "idle" || verdict.reason === "expired") {
      await db.userSession
        .updateMany({
          where: { id: claims.sid, endedAt: null },
          data: { endedAt: now, endReason: verdict.reason },
        })
        .catch((err: unknown) => logger.warn({ err }, "could not end a stale session"));
    }
    return null;
  }
  if (verdict.touch) {
    await db.userSession.updateMany({
      where: { id: claims.sid, endedAt: null },
      data: { lastSeenAt: now },
    });
  }
  return {
    userId: session.user.id,
    sessionId: claims.sid,
    email: session.user.email,
    name: session.user.name,
    emailVerified: session.user.emailVerifiedAt !== null,
    totpEnabled: session.user.totpEnabledAt !== null,
    twoFactorVerified: session.user.totpEnabledAt !== null && session.twoFactorVerifiedAt !== null,
  };
}

/**
 * Ends every session of a user at once: bumps the session version (checked on each request)
 * and marks the open sessions ended, for the account page.
 */
export async function endAllSessions(
  tx: Tx,
  userId: string,
  reason: string,
  now = new Date(),
): Promise<number> {
  const user = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await tx.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return user.sessionVersion;
}

/** Ends one session (logout). */
export async function endSession(
  sessionId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
}
