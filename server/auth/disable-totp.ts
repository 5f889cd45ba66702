import "server-only";
import { DisableTotpInput } from "@/schemas/auth";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { recordLoginFailure } from "@/server/auth/login-protection";
import { checkCurrentPassword } from "@/server/auth/reauthenticate";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { finishSecurityChange } from "@/server/auth/security-change";
import type { IssuedSession } from "@/server/auth/sessions";
import { redeemRecoveryCode, verifyTotpOnce } from "@/server/auth/totp";

/**
 * Switches two-factor authentication off after re-authentication (current password and a code).
 * Staff roles need it for the admin area, which stays closed until they enrol again.
 */
export async function disableTotp(
  raw: unknown,
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<IssuedSession> {
  const me = await requireUser({ next: "/account/two-factor" });
  const parsed = parseInput(DisableTotpInput, raw);
  await checkCurrentPassword(me.userId, parsed.currentPassword, ctx);
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: {
      id: true,
      email: true,
      name: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
  if (!user.totpEnabledAt || !user.totpSecret)
    throw new AppError("CONFLICT", "Two-factor authentication is already off.");
  const code = parsed.code.replace(/\s/g, "");
  const ok = await db.$transaction((tx) =>
    /^\d{6}$/.test(code)
      ? verifyTotpOnce(
          tx,
          { id: user.id, totpSecret: user.totpSecret!, totpLastStep: user.totpLastStep },
          code,
        )
      : redeemRecoveryCode(tx, user.id, code),
  );
  if (!ok) {
    await recordLoginFailure({ email: user.email, user, reason: "bad_second_factor", ctx });
    throw new AppError("BAD_REQUEST", "That code is not right.", {
      code: "That code is not right.",
    });
  }
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: me.userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: me.userId } });
    return finishSecurityChange(
      tx,
      me,
      {
        endReason: "two_factor_disabled",
        auditAction: "auth.2fa.disabled",
        notice: "two-factor-disabled",
        method: "password",
      },
      ctx,
    );
  });
}
