import "server-only";
/**
 * getCalendarFeedStatus — whether the player has a live calendar feed, for the account or
 * my-bookings page (the URL itself cannot be shown again: only its hash is stored).
 *
 *   getCalendarFeedStatus(actor: { userId: string })
 *     : Promise<{ active: false } | { active: true; createdAt: string; lastUsedAt: string | null }>
 */
import { db } from "@/server/db";

export type CalendarFeedStatus =
  { active: false } | { active: true; createdAt: string; lastUsedAt: string | null };

export async function getCalendarFeedStatus(actor: {
  userId: string;
}): Promise<CalendarFeedStatus> {
  const feed = await db.calendarFeed.findFirst({
    where: { userId: actor.userId, revokedAt: null },
    select: { createdAt: true, lastUsedAt: true },
  });
  return feed
    ? {
        active: true,
        createdAt: feed.createdAt.toISOString(),
        lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
      }
    : { active: false };
}
