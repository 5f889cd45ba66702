import "server-only";
/**
 * getBookingIcs — one booking as an .ics file to download (METHOD:PUBLISH; same UID and SEQUENCE
 * as the emailed invitation, so importing both gives one event). For GET
 * /api/c/{club}/bookings/{id}/ics.
 *
 *   getBookingIcs(
 *     actor: { userId: string },
 *     input: { club: string; bookingId: string },
 *   ): Promise<{ filename: string; contentType: string; body: string }>
 *
 * Who may: the booking's players (booker and named partners). Anyone else, another club's slug,
 * or an unknown id: 404 (nothing leaks).
 */
import { buildIcsCalendar, icsContentType } from "@/lib/ics";
import { Uuid } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import {
  bookingIcsEvent,
  bookingIcsFilename,
  NOTIFICATION_BOOKING_SELECT,
} from "@/server/bookings/booking-notification-data";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";

export async function getBookingIcs(
  actor: { userId: string },
  input: { club: string; bookingId: string },
): Promise<{ filename: string; contentType: string; body: string }> {
  const notFound = () => notFoundError("Booking");
  const slug = ClubSlug.safeParse(input.club);
  const id = Uuid.safeParse(input.bookingId);
  if (!slug.success || !id.success) throw notFound();
  const booking = await db.booking.findFirst({
    where: {
      id: id.data,
      club: { slug: slug.data },
      OR: [{ createdById: actor.userId }, { players: { some: { userId: actor.userId } } }],
    },
    select: NOTIFICATION_BOOKING_SELECT,
  });
  if (!booking) throw notFound();
  return {
    filename: bookingIcsFilename(booking),
    contentType: icsContentType("PUBLISH"),
    body: buildIcsCalendar({
      method: "PUBLISH",
      timeZone: booking.club.timeZone,
      events: [bookingIcsEvent(booking)],
    }),
  };
}
