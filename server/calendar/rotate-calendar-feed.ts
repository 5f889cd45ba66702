import "server-only";
/**
 * rotateCalendarFeed — creates the player's personal calendar feed URL, or replaces it (the old
 * URL stops working at once). Only the SHA-256 hash of the 256-bit token is stored, so the URL is
 * shown this once: the page must display it now and can only offer a new one later.
 *
 *   rotateCalendarFeed(
 *     actor: { userId: string },
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ url: string; webcalUrl: string; createdAt: string; replaced: boolean }>
 */
import { calendarFeedPath } from "@/lib/booking-links";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { randomToken, sha256Hex } from "@/server/auth/crypto-tokens";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { getMailConfig } from "@/server/mail/mail-config";

export async function rotateCalendarFeed(
  actor: { userId: string },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ url: string; webcalUrl: string; createdAt: string; replaced: boolean }> {
  const now = ctx.now ?? new Date();
  const token = randomToken();
  const { replaced } = await db.$transaction(async (tx) => {
    // Serialise a user's rotations: the partial unique index allows one live feed per user.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM app_user WHERE id = ${actor.userId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
    const revoked = await tx.calendarFeed.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    const feed = await tx.calendarFeed.create({
      data: { userId: actor.userId, tokenHash: sha256Hex(token), createdAt: now },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: revoked.count ? "calendar_feed.rotated" : "calendar_feed.created",
        actorId: actor.userId,
        targetType: "calendar_feed",
        targetId: feed.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      tx,
    );
    return { replaced: revoked.count > 0 };
  });
  const url = `${getMailConfig().appUrl}${calendarFeedPath(token)}`;
  return {
    url,
    webcalUrl: url.replace(/^https?:/, "webcal:"),
    createdAt: now.toISOString(),
    replaced,
  };
}
