import "server-only";
/**
 * getCalendarFeed — the iCalendar subscription of one player, for GET /api/calendar/{token}.ics.
 * No session: the secret token in the URL is the only authorization (calendar apps cannot sign
 * in), so it reveals only that player's own bookings, across their clubs: recent (30 days) and
 * upcoming (a year), cancelled ones included with STATUS:CANCELLED so that subscribed calendars
 * drop them. Null (→ 404) for an unknown, malformed or revoked token, all alike.
 *
 *   getCalendarFeed(token: string, options?: { now?: Date }): Promise<string | null>
 */
import { buildIcsCalendar } from "@/lib/ics";
import {
  bookingIcsEvent,
  NOTIFICATION_BOOKING_SELECT,
} from "@/server/bookings/booking-notification-data";
import { sha256Hex } from "@/server/auth/crypto-tokens";
import { db } from "@/server/db";

const PAST_DAYS = 30;
const FUTURE_DAYS = 366;
const MAX_EVENTS = 500;
/** last_used_at is written at most this often (calendar apps poll). */
const TOUCH_EVERY_MS = 60 * 60_000;

export async function getCalendarFeed(
  token: string,
  options: { now?: Date } = {},
): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const now = options.now ?? new Date();
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!feed || feed.revokedAt) return null;

  const bookings = await db.booking.findMany({
    where: {
      OR: [{ createdById: feed.userId }, { players: { some: { userId: feed.userId } } }],
      endsAt: { gt: new Date(now.getTime() - PAST_DAYS * 86_400_000) },
      startsAt: { lt: new Date(now.getTime() + FUTURE_DAYS * 86_400_000) },
      status: { in: ["CONFIRMED", "CANCELLED"] },
    },
    orderBy: { startsAt: "asc" },
    take: MAX_EVENTS,
    select: NOTIFICATION_BOOKING_SELECT,
  });
  if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.calendarFeed.updateMany({
      where: { id: feed.id, revokedAt: null },
      data: { lastUsedAt: now },
    });
  }
  return buildIcsCalendar({
    name: "Courtside",
    refreshMinutes: 60,
    events: bookings.map((b) => bookingIcsEvent(b)),
  });
}
