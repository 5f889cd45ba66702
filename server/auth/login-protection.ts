import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import {
  MAX_CONSECUTIVE_FAILURES,
  afterFailure,
  isLocked,
  type LockoutState,
} from "@/lib/auth/lockout-policy";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { hitRateLimit, peekRateLimit } from "@/server/rate-limit/consume-rate-limit";
import { LIMITS } from "@/server/rate-limit/limits";
import { issueToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";
import { sendLockoutEmail } from "@/server/auth/security-email";

/**
 * Login protection shared by the password and second-factor steps: per-address and global
 * throttles (rate_limit) and the per-account lockout (login_lockout, keyed by email so that
 * unknown addresses behave exactly like existing accounts).
 */

const ipKey = (kind: string, ip: string | null) => `login:${kind}:ip:${ip ?? "unknown"}`;
const GLOBAL_FAILURES = "login:fail:global";

export type ThrottleVerdict = null | "ip" | "global";

/**
 * Whether this attempt is refused before any password is checked. A throttled attempt neither
 * checks nor counts against the account, so stuffing from one address cannot lock its victims.
 */
export async function checkLoginThrottles(
  ctx: RequestContext,
  email: string | null,
): Promise<ThrottleVerdict> {
  const attempts = await hitRateLimit(ipKey("attempt", ctx.ip), LIMITS.loginAttemptsPerIp.windowMs);
  let verdict: ThrottleVerdict = null;
  if (attempts.count > LIMITS.loginAttemptsPerIp.limit) verdict = "ip";
  else if ((await peekRateLimit(ipKey("fail", ctx.ip))) >= LIMITS.loginFailuresPerIp.limit)
    verdict = "ip";
  else if ((await peekRateLimit(GLOBAL_FAILURES)) >= LIMITS.loginFailuresGlobal.limit)
    verdict = "global";
  if (verdict) {
    await recordAuditEvent({
      action: "auth.login.throttled",
      targetType: "email",
      targetId: email?.slice(0, 80) ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { scope: verdict },
    });
  }
  return verdict;
}

function toState(
  row: {
    failedCount: number;
    lockCount: number;
    lockedUntil: Date | null;
    lastFailureAt: Date | null;
  } | null,
): LockoutState {
  return row
    ? {
        failedCount: row.failedCount,
        lockCount: row.lockCount,
        lockedUntil: row.lockedUntil,
        lastFailureAt: row.lastFailureAt,
      }
    : { failedCount: 0, lockCount: 0, lockedUntil: null, lastFailureAt: null };
}

export async function isEmailLocked(email: string, now = new Date()): Promise<boolean> {
  const row = await db.loginLockout.findUnique({ where: { email } });
  return isLocked(toState(row), now);
}

export type FailureInput = {
  email: string;
  user: { id: string; email: string; name: string } | null;
  reason: "unknown_account" | "bad_password" | "bad_second_factor" | "no_password";
  ctx: RequestContext;
  now?: Date;
};

/**
 * Counts a failed attempt against the address (throttles) and the account (lockout). When this
 * failure locks an existing account, the owner gets a notice with an unlock link. The lock stops
 * sign-in attempts only: anyone who knows the address can cause it, so it never ends sessions
 * that were opened with the right password (docs/decisions/015-secrets-at-rest-and-client-address.md).
 * Returns whether the account is now locked.
 */
export async function recordLoginFailure(input: FailureInput): Promise<{ locked: boolean }> {
  const now = input.now ?? new Date();
  await hitRateLimit(ipKey("fail", input.ctx.ip), LIMITS.loginFailuresPerIp.windowMs);
  await hitRateLimit(GLOBAL_FAILURES, LIMITS.loginFailuresGlobal.windowMs);

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO login_lockout (email) VALUES (${input.email}) ON CONFLICT (email) DO NOTHING`;
    const rows = await tx.$queryRaw<
      {
        failed_count: number;
        lock_count: number;
        locked_until: Date | null;
        last_failure_at: Date | null;
      }[]
    >`SELECT failed_count, lock_count, locked_until, last_failure_at FROM login_lockout WHERE email = ${input.email} FOR UPDATE`;
    const row = rows[0]!;
    const before = toState({
      failedCount: row.failed_count,
      lockCount: row.lock_count,
      lockedUntil: row.locked_until,
      lastFailureAt: row.last_failure_at,
    });
    const { state, locked } = afterFailure(before, now);
    await tx.loginLockout.update({ where: { email: input.email }, data: state });
    const audit = {
      ip: input.ctx.ip,
      userAgent: input.ctx.userAgent,
      actorId: null,
      targetType: "user",
    } as const;
    await recordAuditEvent(
      {
        ...audit,
        action: "auth.login.failed",
        targetType: input.user ? "user" : "email",
        targetId: input.user?.id ?? input.email.slice(0, 80),
        details: { reason: input.reason, consecutiveFailures: state.failedCount, locked },
      },
      tx,
    );
    if (locked) {
      await recordAuditEvent(
        {
          ...audit,
          action: "auth.account.locked",
          targetType: input.user ? "user" : "email",
          targetId: input.user?.id ?? input.email.slice(0, 80),
          details: {
            lockNumber: state.lockCount,
            lockedUntil: state.lockedUntil!.toISOString(),
            knownAccount: !!input.user,
          },
        },
        tx,
      );
      if (input.user) {
        const { token } = await issueToken(
          tx,
          { userId: input.user.id, purpose: "UNLOCK_ACCOUNT" },
          now,
        );
        // Anyone can cause a lock, so the notice counts against the anti-bombing throttle.
        if (
          await allowStrangerEmail(tx, {
            kind: "unlock",
            recipient: input.user.email,
            ip: input.ctx.ip,
            userAgent: input.ctx.userAgent,
          })
        ) {
          await sendLockoutEmail(
            tx,
            input.user,
            token,
            state.lockedUntil!,
            MAX_CONSECUTIVE_FAILURES,
          );
        }
      }
    }
    return { locked: isLocked(state, now) };
  });
}

/** A successful sign-in clears the account's failure counter and lock streak. */
export async function clearLockout(
  tx: Pick<Prisma.TransactionClient, "loginLockout">,
  email: string,
): Promise<void> {
  await tx.loginLockout.deleteMany({ where: { email } });
}
