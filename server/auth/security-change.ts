import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { sendAccountNotice, type AccountNoticeKind } from "@/server/auth/security-email";
import {
  createSession,
  endAllSessions,
  type IssuedSession,
  type SignInMethod,
} from "@/server/auth/sessions";

/**
 * The end of a security change made from a signed-in session (password, two-factor on or off),
 * inside its transaction: every session ends (other devices included), the change is audited,
 * the user gets a notice and this browser gets a fresh session at once.
 */
export async function finishSecurityChange(
  tx: Prisma.TransactionClient,
  me: { userId: string; email: string; name: string },
  change: {
    /** endReason of the ended sessions. */
    endReason: string;
    auditAction: string;
    notice: AccountNoticeKind;
    /** How the fresh session was authenticated. */
    method: SignInMethod;
  },
  ctx: RequestContext & { deviceHash?: string | null },
): Promise<IssuedSession> {
  await endAllSessions(tx, me.userId, change.endReason);
  await recordAuditEvent(
    {
      action: change.auditAction,
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
    change.notice,
    { ip: ctx.ip },
  );
  return createSession(
    tx,
    {
      userId: me.userId,
      method: change.method,
      remember: false,
      deviceHash: ctx.deviceHash ?? null,
    },
    ctx,
  );
}
