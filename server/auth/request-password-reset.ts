import "server-only";
import { ForgotPasswordInput } from "@/schemas/auth";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { issueToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";
import { sendPasswordResetEmail } from "@/server/auth/security-email";

/**
 * Emails a password-reset link (single-use, 30 minutes) when the address has an account. The
 * caller always answers "if an account exists, we sent a link": unknown addresses and throttled
 * requests are indistinguishable from accepted ones.
 */
export async function requestPasswordReset(raw: unknown, ctx: RequestContext): Promise<void> {
  const { email } = parseInput(ForgotPasswordInput, raw);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true },
    });
    const allowed = await allowStrangerEmail(tx, {
      kind: "password_reset",
      recipient: email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    await recordAuditEvent(
      {
        action: "auth.password.reset_requested",
        targetType: user ? "user" : "email",
        targetId: user?.id ?? email.slice(0, 80),
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { knownAccount: !!user, sent: !!user && allowed },
      },
      tx,
    );
    if (!user || !allowed) return;
    const { token } = await issueToken(tx, { userId: user.id, purpose: "RESET_PASSWORD" });
    await sendPasswordResetEmail(tx, user, token);
  });
}
