import "server-only";
import { LoginInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { issueToken } from "@/server/auth/auth-tokens";
import {
  checkLoginThrottles,
  isEmailLocked,
  recordLoginFailure,
} from "@/server/auth/login-protection";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";
import type { RequestContext } from "@/server/auth/request-context";
import { completeSignIn } from "@/server/auth/complete-sign-in";
import type { IssuedSession } from "@/server/auth/sessions";

export type SignInOutcome =
  | { outcome: "signed-in"; session: IssuedSession }
  | { outcome: "second-factor-required"; challenge: string }
  /** Wrong email or password. Same answer for unknown accounts. */
  | { outcome: "invalid" }
  /** Too many failures for this email: same answer for unknown accounts. */
  | { outcome: "locked" }
  /** Too many attempts from this address or site-wide. Says nothing about the account. */
  | { outcome: "throttled" };

/**
 * Step one of signing in. Throttles first (nothing is checked or counted when throttled), then
 * exactly one argon2 verification whether or not the account exists, then the lockout. The
 * outcome never tells an unknown account from an existing one.
 */
export async function signInWithPassword(
  raw: unknown,
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<SignInOutcome> {
  const { email, password, remember } = parseInput(LoginInput, raw);

  if (await checkLoginThrottles(ctx, email)) return { outcome: "throttled" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, totpEnabledAt: true },
  });
  const { ok, rehash } = await verifyPassword(user?.passwordHash, password);

  if (await isEmailLocked(email)) {
    await recordAuditEvent({
      action: "auth.login.refused_locked",
      targetType: user ? "user" : "email",
      targetId: user?.id ?? email.slice(0, 80),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { passwordCorrect: ok },
    });
    return { outcome: "locked" };
  }

  if (!user || !ok) {
    const reason = !user ? "unknown_account" : user.passwordHash ? "bad_password" : "no_password";
    const { locked } = await recordLoginFailure({ email, user, reason, ctx });
    return { outcome: locked ? "locked" : "invalid" };
  }

  if (rehash) {
    const passwordHash = await hashPassword(password);
    await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  }

  if (user.totpEnabledAt) {
    return db.$transaction(async (tx) => {
      const { token } = await issueToken(tx, {
        userId: user.id,
        purpose: "LOGIN_CHALLENGE",
        remember,
      });
      await recordAuditEvent(
        {
          action: "auth.login.second_factor_required",
          actorId: user.id,
          targetType: "user",
          targetId: user.id,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        },
        tx,
      );
      return { outcome: "second-factor-required" as const, challenge: token };
    });
  }

  const session = await completeSignIn({ user, method: "password", remember, ctx });
  return { outcome: "signed-in", session };
}
