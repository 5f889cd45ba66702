import "server-only";
import { ConfirmTotpInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { AppError, fromZodIssues } from "@/server/errors";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { sendAccountNotice } from "@/server/auth/security-email";
import { createSession, endAllSessions, type IssuedSession } from "@/server/auth/sessions";
import { replaceRecoveryCodes, verifyTotpForEnrolment } from "@/server/auth/totp";

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
  const parsed = ConfirmTotpInput.safeParse(raw);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt)
    throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  if (!user.totpSecret) throw new AppError("CONFLICT", "Reload the page to start again.");
  const step = await verifyTotpForEnrolment(user.totpSecret, parsed.data.code);
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
      where: { id: me.userId, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (count !== 1) throw new AppError("CONFLICT", "Reload the page to start again.");
    const recoveryCodes = await replaceRecoveryCodes(tx, me.userId);
    await endAllSessions(tx, me.userId, "two_factor_enabled");
    await recordAuditEvent(
      {
        action: "auth.2fa.enabled",
        actorId: me.userId,
        targetType: "user",
        targetId: me.userId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
    await sendAccountNotice(
      tx,
      { email: me.email, userId: me.userId, name: me.name },
      "two-factor-enabled",
      { ip: ctx.ip },
    );
    const session = await createSession(
      tx,
      { userId: me.userId, method: "totp", remember: false, deviceHash: ctx.deviceHash ?? null },
      ctx,
    );
    return { recoveryCodes, session };
  });
}
