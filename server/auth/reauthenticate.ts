import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordLoginFailure } from "@/server/auth/login-protection";
import { verifyPassword } from "@/server/auth/passwords";
import type { RequestContext } from "@/server/auth/request-context";

/**
 * Re-authentication for sensitive changes (password, email, two-factor): the current password,
 * counted like a sign-in attempt so it cannot be used to guess the password from a stolen
 * session.
 */
export async function checkCurrentPassword(
  userId: string,
  password: string,
  ctx: RequestContext,
): Promise<void> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const { ok } = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    await recordLoginFailure({ email: user.email, user, reason: "bad_password", ctx });
    throw new AppError("BAD_REQUEST", "Your current password is not correct.", {
      currentPassword: "Your current password is not correct.",
    });
  }
}
