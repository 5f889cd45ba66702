import "server-only";
import { buildIcsCalendar, icsContentType } from "@/lib/ics";
import { myBookingsPath } from "@/lib/booking-links";
import { DEFAULT_TIER_POLICY } from "@/lib/booking-policy";
import type { PrismaTx } from "@/server/bookings/transaction";
import {
  bookingFacts,
  bookingIcsEvent,
  bookingIcsFilename,
  loadNotificationBooking,
  memberPlayers,
} from "@/server/bookings/booking-notification-data";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getMailConfig } from "@/server/mail/mail-config";

export type NotifyBookingConfirmedResult = { emailed: number; waitlistResolved: number };

/**
 * Called by create-booking at the end of its transaction (and later by payment capture for
 * bookings that wait for payment): queues the confirmation, with the booking's .ics invitation
 * (METHOD:REQUEST), to the booker and every named partner, each in their own language; and closes
 * the waiting-list entries the players held for this slot (they got it). Guests have no address
 * and get nothing. Writes only to the caller's transaction: nothing is sent if it rolls back.
 * A booking that is not CONFIRMED (awaiting payment, already cancelled) is left alone.
 */
export async function notifyBookingConfirmed(
  tx: PrismaTx,
  input: { bookingId: string; now?: Date },
): Promise<NotifyBookingConfirmedResult> {
  const booking = await loadNotificationBooking(tx, input.bookingId);
  if (!booking || booking.status !== "CONFIRMED") return { emailed: 0, waitlistResolved: 0 };
  const now = input.now ?? new Date();
  const { appUrl } = getMailConfig();
  const players = memberPlayers(booking);
  const booker = players.find((p) => p.id === booking.createdById);
  const facts = bookingFacts(booking);
  const filename = bookingIcsFilename(booking);
  // The booker is told until when they may cancel (their tier's minimum notice).
  const bookerTier = booker
    ? await tx.membership.findUnique({
        where: { userId_clubId: { userId: booker.id, clubId: booking.club.id } },
        select: { tier: { select: { cancelNoticeMinutes: true } } },
      })
    : null;
  const noticeMinutes =
    bookerTier?.tier?.cancelNoticeMinutes ?? DEFAULT_TIER_POLICY.cancelNoticeMinutes;
  const cancelDeadline = new Date(booking.startsAt.getTime() - noticeMinutes * 60_000);

  for (const player of players) {
    const ics = buildIcsCalendar({
      method: "REQUEST",
      timeZone: booking.club.timeZone,
      events: [bookingIcsEvent(booking, { name: player.name, email: player.email })],
    });
    await enqueueEmail(tx, {
      to: player.email,
      template: "booking-confirmed",
      category: "booking",
      locale: player.locale,
      clubId: booking.club.id,
      userId: player.id,
      data: {
        ...facts,
        name: player.name,
        ...(booker && booker.id !== player.id ? { bookedBy: booker.name } : {}),
        ...(booker?.id === player.id ? { cancelDeadline: cancelDeadline.toISOString() } : {}),
        bookingsUrl: `${appUrl}${myBookingsPath(booking.club.slug)}`,
      },
      attachments: [{ filename, contentType: icsContentType("REQUEST"), content: ics }],
    });
  }

  // Whoever of the players was waiting for this slot of this court has it now.
  const resolved = await tx.waitlistEntry.updateMany({
    where: {
      courtId: booking.court.id,
      userId: { in: players.map((p) => p.id) },
      resolvedAt: null,
      startsAt: { lt: booking.endsAt },
      endsAt: { gt: booking.startsAt },
    },
    data: { resolvedAt: now, resolution: "BOOKED" },
  });
  return { emailed: players.length, waitlistResolved: resolved.count };
}
