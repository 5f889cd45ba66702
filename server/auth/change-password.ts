import "server-only";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ChangePasswordInput } from "@/schemas/auth";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { hashPassword } from "@/server/auth/passwords";
import { checkCurrentPassword } from "@/server/auth/reauthenticate";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { finishSecurityChange } from "@/server/auth/security-change";
import type { IssuedSession } from "@/server/auth/sessions";

/**
 * Changes the password (the current one is required). Every session ends, including on other
 * devices; this browser gets a fresh session at once.
 */
export async function changePassword(
  raw: unknown,
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<IssuedSession> {
  const me = await requireUser({ next: "/account" });
  const { currentPassword, newPassword } = parseInput(ChangePasswordInput, raw);
  const problem = passwordProblem(newPassword, { email: me.email, name: me.name });
  if (problem) throw new AppError("BAD_REQUEST", problem, { newPassword: problem });
  await checkCurrentPassword(me.userId, currentPassword, ctx);
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: me.userId },
      data: { passwordHash, passwordChangedAt: new Date() },
    });
    return finishSecurityChange(
      tx,
      me,
      {
        endReason: "password_changed",
        auditAction: "auth.password.changed",
        notice: "password-changed",
        method: "password",
      },
      ctx,
    );
  });
}
