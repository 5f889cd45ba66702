import "server-only";
import { TwoFactorLoginInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { LIMITS } from "@/server/rate-limit/limits";
import { consumeToken, peekToken } from "@/server/auth/auth-tokens";
import { completeSignIn } from "@/server/auth/complete-sign-in";
import {
  checkLoginThrottles,
  isEmailLocked,
  recordLoginFailure,
} from "@/server/auth/login-protection";
import type { RequestContext } from "@/server/auth/request-context";
import type { IssuedSession } from "@/server/auth/sessions";
import { redeemRecoveryCode, verifyTotpOnce } from "@/server/auth/totp";

export type TwoFactorOutcome =
  | { outcome: "signed-in"; session: IssuedSession; usedRecoveryCode: boolean }
  /** Wrong, replayed or expired code; the pending sign-in stays open. */
  | { outcome: "invalid" }
  /** The pending sign-in is gone (expired, used, or too many wrong codes): start again. */
  | { outcome: "restart" }
  | { outcome: "locked" }
  | { outcome: "throttled" };

/**
 * Step two of signing in for accounts with two-factor authentication: a TOTP code (single-use,
 * ±1 step) or a recovery code (single-use). Wrong codes count towards the account's lockout.
 */
export async function completeTwoFactorSignIn(
  challenge: string | null,
  raw: unknown,
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<TwoFactorOutcome> {
  const parsed = parseInput(TwoFactorLoginInput, raw);
  if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return { outcome: "restart" };

  const pending = await peekToken(db, challenge, "LOGIN_CHALLENGE");
  if (!pending) return { outcome: "restart" };
  const user = await db.user.findUnique({
    where: { id: pending.userId },
    select: {
      id: true,
      email: true,
      name: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
  if (!user || !user.totpEnabledAt || !user.totpSecret) return { outcome: "restart" };

  if (await checkLoginThrottles(ctx, user.email)) return { outcome: "throttled" };
  if (await isEmailLocked(user.email)) {
    await consumeToken(db, challenge, "LOGIN_CHALLENGE");
    return { outcome: "locked" };
  }

  const code = parsed.code.replace(/\s/g, "");
  const isTotp = /^\d{6}$/.test(code);
  const accepted = await db.$transaction(async (tx) => {
    const ok = isTotp
      ? await verifyTotpOnce(
          tx,
          { id: user.id, totpSecret: user.totpSecret!, totpLastStep: user.totpLastStep },
          code,
        )
      : await redeemRecoveryCode(tx, user.id, code);
    if (!ok) return false;
    // The pending sign-in is used exactly once, even if two requests race with good codes.
    return (await consumeToken(tx, challenge, "LOGIN_CHALLENGE")) !== null;
  });

  if (!accepted) {
    const { locked } = await recordLoginFailure({
      email: user.email,
      user,
      reason: "bad_second_factor",
      ctx,
    });
    const attempts = await db.authToken.update({
      where: { id: pending.id },
      data: { attempts: { increment: 1 } },
      select: { attempts: true },
    });
    if (locked) {
      await consumeToken(db, challenge, "LOGIN_CHALLENGE");
      return { outcome: "locked" };
    }
    if (attempts.attempts >= LIMITS.twoFactorAttemptsPerChallenge.limit) {
      await consumeToken(db, challenge, "LOGIN_CHALLENGE");
      await recordAuditEvent({
        action: "auth.login.challenge_abandoned",
        targetType: "user",
        targetId: user.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      return { outcome: "restart" };
    }
    return { outcome: "invalid" };
  }

  const session = await completeSignIn({
    user,
    method: isTotp ? "totp" : "recovery_code",
    remember: pending.remember,
    ctx,
  });
  return { outcome: "signed-in", session, usedRecoveryCode: !isTotp };
}
