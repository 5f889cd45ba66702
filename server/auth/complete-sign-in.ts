import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { clearLockout } from "@/server/auth/login-protection";
import type { RequestContext } from "@/server/auth/request-context";
import { sendAccountNotice, sendNewDeviceEmail } from "@/server/auth/security-email";
import { createSession, type IssuedSession, type SignInMethod } from "@/server/auth/sessions";

/**
 * The last step of every successful sign-in: clears the lockout, records the session (a new JWT
 * each time), audits it and tells the owner about a device not seen before.
 */
export async function completeSignIn(input: {
  user: { id: string; email: string; name: string };
  method: SignInMethod;
  remember: boolean;
  ctx: RequestContext & { deviceHash?: string | null };
}): Promise<IssuedSession> {
  const { user, ctx } = input;
  const now = new Date();
  return db.$transaction(async (tx) => {
    await clearLockout(tx, user.email);
    const deviceHash = ctx.deviceHash ?? null;
    const previous = await tx.userSession.findFirst({
      where: { userId: user.id },
      select: { deviceHash: true },
    });
    const knownDevice =
      deviceHash !== null &&
      (await tx.userSession.findFirst({
        where: { userId: user.id, deviceHash },
        select: { id: true },
      })) !== null;
    const session = await createSession(
      tx,
      { userId: user.id, method: input.method, remember: input.remember, deviceHash },
      ctx,
      now,
    );
    await recordAuditEvent(
      {
        action: "auth.login.succeeded",
        actorId: user.id,
        targetType: "user",
        targetId: user.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { method: input.method, sessionId: session.sid, newDevice: !knownDevice },
      },
      tx,
    );
    // The first sign-in of an account is not news; later ones from an unknown device are.
    if (previous && !knownDevice) await sendNewDeviceEmail(tx, user, ctx, now);
    if (input.method === "recovery_code") {
      await sendAccountNotice(
        tx,
        { email: user.email, userId: user.id, name: user.name },
        "recovery-code-used",
        { ip: ctx.ip },
      );
    }
    return session;
  });
}
