import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { allowStrangerEmail } from "@/server/mail/throttle-email";
import { issueToken } from "@/server/auth/auth-tokens";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { sendVerificationEmail } from "@/server/auth/security-email";

/** Sends a new verification link to the signed-in user's unverified address (throttled). */
export async function resendVerification(ctx: RequestContext): Promise<void> {
  const me = await requireUser({ next: "/account" });
  if (me.emailVerified) return;
  await db.$transaction(async (tx) => {
    if (
      !(await allowStrangerEmail(tx, {
        kind: "verification",
        recipient: me.email,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      }))
    )
      return;
    const { token } = await issueToken(tx, { userId: me.userId, purpose: "VERIFY_EMAIL" });
    await sendVerificationEmail(tx, { id: me.userId, email: me.email, name: me.name }, token);
    await recordAuditEvent(
      {
        action: "auth.email.verification_resent",
        actorId: me.userId,
        targetType: "user",
        targetId: me.userId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
  });
}
