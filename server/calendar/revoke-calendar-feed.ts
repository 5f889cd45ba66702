import "server-only";
/**
 * revokeCalendarFeed — the player's calendar feed URL stops working at once (404 thereafter).
 *
 *   revokeCalendarFeed(
 *     actor: { userId: string },
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ revoked: boolean }>   // false: there was no live feed
 */
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";

export async function revokeCalendarFeed(
  actor: { userId: string },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ revoked: boolean }> {
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count > 0) {
      await recordAuditEvent(
        {
          action: "calendar_feed.revoked",
          actorId: actor.userId,
          targetType: "user",
          targetId: actor.userId,
          ip: ctx.ip ?? null,
          userAgent: ctx.userAgent ?? null,
        },
        tx,
      );
    }
    return { revoked: count > 0 };
  });
}
