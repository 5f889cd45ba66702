import "server-only";
/**
 * Extension points of the booking transactions (not a use case itself). create-booking and
 * cancel-booking call these INSIDE their transaction, after the write and the audit event, so
 * whatever is written here commits or rolls back with the booking:
 *
 * - notifications (outbox): `enqueueEmail(tx, …)` from server/mail/enqueue-email.ts — the
 *   confirmation with its .ics to the booker and named partners, the cancellation to all players;
 * - payments: on cancellation, a pending checkout fails and a paid fee is refunded following the
 *   club's refund policy (server/payments/settle-cancelled-booking.ts);
 * - waiting list: on cancellation, mark the waitlist_entry rows of the freed court and time as
 *   notified and queue their emails.
 *
 * Keep them fast (they run while the court's advisory lock is held) and never let them throw for
 * a reason the player cannot fix: a throw rolls the booking back.
 */
import type { BookingView } from "@/server/bookings/booking-view";
import { notifyBookingCancelled } from "@/server/bookings/notify-booking-cancelled";
import { notifyBookingConfirmed } from "@/server/bookings/notify-booking-confirmed";
import type { PrismaTx } from "@/server/bookings/transaction";
import {
  settleCancelledBooking,
  type CancellationRefund,
} from "@/server/payments/settle-cancelled-booking";

export type BookingCreatedEvent = { booking: BookingView; actorId: string };

export type BookingCancelledEvent = {
  booking: BookingView;
  actorId: string;
  /** Cancelled by club staff on behalf of the booker (the notice rule did not apply). */
  onBehalf: boolean;
  reason: string | null;
};

export async function afterBookingCreated(tx: PrismaTx, event: BookingCreatedEvent): Promise<void> {
  // Confirmation emails with .ics to the booker and partners; closes their waiting-list entries.
  await notifyBookingConfirmed(tx, { bookingId: event.booking.id });
}

export async function afterBookingCancelled(
  tx: PrismaTx,
  event: BookingCancelledEvent,
): Promise<{ refunds: CancellationRefund[] }> {
  // Money first: a pending checkout fails, a paid fee is refunded by the club's policy (queued).
  const refunds = await settleCancelledBooking(tx, {
    bookingId: event.booking.id,
    startsAt: new Date(event.booking.startsAt),
    now: event.booking.cancelledAt ? new Date(event.booking.cancelledAt) : new Date(),
    byClub: event.onBehalf,
    actorId: event.actorId,
  });
  // Cancellation emails with .ics CANCEL to all players; offers the freed slot to the waiting list.
  await notifyBookingCancelled(tx, { bookingId: event.booking.id, cancelledById: event.actorId });
  return { refunds };
}
