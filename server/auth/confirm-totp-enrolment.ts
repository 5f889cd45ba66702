import "server-only";
import { ConfirmTotpInput } from "@/schemas/auth";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { finishSecurityChange } from "@/server/auth/security-change";
import type { IssuedSession } from "@/server/auth/sessions";
import { readTotpSecret, replaceRecoveryCodes, verifyTotpForEnrolment } from "@/server/auth/totp";

/**
 * Switches two-factor authentication on once the user types a valid code for the pending
 * secret. Returns the 10 recovery codes (shown once) and a fresh session: every other session
 * ends, since it was not made with the second factor.
 */
export async function confirmTotpEnrolment(
  raw: unknown,
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<{ recoveryCodes: string[]; session: IssuedSession }> {
  const me = await requireUser({ next: "/account/two-factor" });
  const parsed = parseInput(ConfirmTotpInput, raw);
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt)
    throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const pending = user.totpSecret ? await readTotpSecret(db, me.userId, user.totpSecret) : null;
  if (!pending) throw new AppError("CONFLICT", "Reload the page to start again.");
  const step = await verifyTotpForEnrolment(pending.secret, parsed.code);
  if (step === null) {
    throw new AppError(
      "BAD_REQUEST",
      "That code is not right. Check your phone's clock and try the next code.",
      {
        code: "That code is not right.",
      },
    );
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: me.userId, totpEnabledAt: null, totpSecret: pending.stored },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (count !== 1) throw new AppError("CONFLICT", "Reload the page to start again.");
    const recoveryCodes = await replaceRecoveryCodes(tx, me.userId);
    const session = await finishSecurityChange(
      tx,
      me,
      {
        endReason: "two_factor_enabled",
        auditAction: "auth.2fa.enabled",
        notice: "two-factor-enabled",
        method: "totp",
      },
      ctx,
    );
    return { recoveryCodes, session };
  });
}
