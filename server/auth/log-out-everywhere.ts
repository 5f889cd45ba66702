import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import type { RequestContext } from "@/server/auth/request-context";
import { requireUser } from "@/server/auth/require-user";
import { endAllSessions } from "@/server/auth/sessions";

/** Ends every session of the user, this one included, on their next request. */
export async function logOutEverywhere(ctx: RequestContext): Promise<void> {
  const me = await requireUser({ next: "/account" });
  await db.$transaction(async (tx) => {
    const version = await endAllSessions(tx, me.userId, "logout_everywhere");
    await recordAuditEvent(
      {
        action: "auth.logout_everywhere",
        actorId: me.userId,
        targetType: "user",
        targetId: me.userId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { sessionVersion: version },
      },
      tx,
    );
  });
}
