import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { getSession } from "@/server/auth/get-session";
import type { RequestContext } from "@/server/auth/request-context";

/** Ends the current session (the caller clears the cookie). Anonymous callers: nothing to do. */
export async function logOut(ctx: RequestContext): Promise<void> {
  const me = await getSession();
  if (!me) return;
  await db.$transaction(async (tx) => {
    await tx.userSession.updateMany({
      where: { id: me.sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: "logout" },
    });
    await recordAuditEvent(
      {
        action: "auth.logout",
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
