import "server-only";
import { buildIcsCalendar, icsContentType } from "@/lib/ics";
import { planningPath } from "@/lib/booking-links";
import { todayIn } from "@/lib/time";
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
import { offerFreedSlot } from "@/server/waitlist/offer-freed-slot";

export type NotifyBookingCancelledResult = { emailed: number; waitlistOffered: number };

/**
 * Called by cancel-booking at the end of its transaction, once the booking is CANCELLED: queues
 * the cancellation, with a METHOD:CANCEL .ics (same UID, higher SEQUENCE) that removes the event
 * from calendars, to every member player in their own language; then offers the freed slot to the
 * waiting list (server/waitlist/offer-freed-slot.ts). Writes only to the caller's transaction.
 * `cancelledById`: who cancelled (defaults to the booking's cancelled_by_id); a canceller who is
 * not one of the players is shown as "the club".
 */
export async function notifyBookingCancelled(
  tx: PrismaTx,
  input: { bookingId: string; cancelledById?: string | null; now?: Date },
): Promise<NotifyBookingCancelledResult> {
  const booking = await loadNotificationBooking(tx, input.bookingId);
  if (!booking || booking.status !== "CANCELLED") return { emailed: 0, waitlistOffered: 0 };
  const now = input.now ?? new Date();
  const { appUrl } = getMailConfig();
  const players = memberPlayers(booking);
  const cancelledById = input.cancelledById ?? booking.cancelledById;
  const canceller = players.find((p) => p.id === cancelledById);
  const facts = bookingFacts(booking);
  const filename = bookingIcsFilename(booking);
  const planningUrl = `${appUrl}${planningPath(booking.club.slug, todayIn(booking.club.timeZone, booking.startsAt))}`;

  for (const player of players) {
    const ics = buildIcsCalendar({
      method: "CANCEL",
      timeZone: booking.club.timeZone,
      events: [bookingIcsEvent(booking, { name: player.name, email: player.email })],
    });
    const cancelledBy = !canceller
      ? ({ kind: "club" } as const)
      : canceller.id === player.id
        ? ({ kind: "self" } as const)
        : ({ kind: "player", name: canceller.name } as const);
    await enqueueEmail(tx, {
      to: player.email,
      template: "booking-cancelled",
      category: "booking",
      locale: player.locale,
      clubId: booking.club.id,
      userId: player.id,
      data: {
        ...facts,
        name: player.name,
        cancelledBy,
        ...(booking.cancelReason ? { reason: booking.cancelReason } : {}),
        planningUrl,
      },
      attachments: [{ filename, contentType: icsContentType("CANCEL"), content: ics }],
    });
  }

  const offered = await offerFreedSlot(tx, {
    clubId: booking.club.id,
    courtId: booking.court.id,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    excludeUserIds: players.map((p) => p.id),
    now,
  });
  return { emailed: players.length, waitlistOffered: offered.notified };
}
