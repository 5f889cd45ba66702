import "server-only";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ResetPasswordInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { consumeToken } from "@/server/auth/auth-tokens";
import { clearLockout } from "@/server/auth/login-protection";
import { hashPassword } from "@/server/auth/passwords";
import type { RequestContext } from "@/server/auth/request-context";
import { sendAccountNotice } from "@/server/auth/security-email";
import { endAllSessions } from "@/server/auth/sessions";

/**
 * Sets a new password with the emailed link: the token is used once, every session ends, the
 * lockout is cleared (the owner proved control of the mailbox) and the owner is told.
 */
export async function resetPassword(
  raw: unknown,
  ctx: RequestContext,
): Promise<{ reset: boolean }> {
  const { token, password } = parseInput(ResetPasswordInput, raw);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const used = await consumeToken(tx, token, "RESET_PASSWORD");
    if (!used) return { reset: false };
    const user = await tx.user.findUniqueOrThrow({
      where: { id: used.userId },
      select: { id: true, email: true, name: true },
    });
    const problem = passwordProblem(password, { email: user.email, name: user.name });
    // Throwing rolls the transaction back: the link stays usable for a better password.
    if (problem) throw new AppError("BAD_REQUEST", problem, { password: problem });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: new Date() },
    });
    // Proving control of the mailbox also verifies it.
    await tx.user.updateMany({
      where: { id: user.id, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    await tx.authToken.updateMany({
      where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null },
      data: { usedAt: new Date() },
    });
    await endAllSessions(tx, user.id, "password_reset");
    await clearLockout(tx, user.email);
    await recordAuditEvent(
      {
        action: "auth.password.reset",
        actorId: user.id,
        targetType: "user",
        targetId: user.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
    await sendAccountNotice(
      tx,
      { email: user.email, userId: user.id, name: user.name },
      "password-changed",
      { ip: ctx.ip },
    );
    return { reset: true };
  });
}
