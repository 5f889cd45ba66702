import "server-only";
/**
 * Payment emails to the booker (not a use case: called by the transition function inside the
 * payment's transaction, so an email is queued if and only if the change commits): the receipt
 * when a payment is paid, the refund notice when a refund completes. Category `payment`
 * (essential). Amounts and the gateway reference only — there is no card data to show.
 */
import { myBookingsPath } from "@/lib/booking-links";
import {
  bookingFacts,
  loadNotificationBooking,
  memberPlayers,
} from "@/server/bookings/booking-notification-data";
import type { PrismaTx } from "@/server/bookings/transaction";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getMailConfig } from "@/server/mail/mail-config";

export async function notifyPayment(
  tx: PrismaTx,
  input: { paymentId: string; kind: "receipt" | "refund" },
): Promise<boolean> {
  const p = await tx.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      bookingId: true,
      gateway: true,
      amount: true,
      currency: true,
      reference: true,
      refundedAmount: true,
    },
  });
  if (!p) return false;
  if (input.kind === "refund" && p.refundedAmount <= 0) return false;
  const booking = await loadNotificationBooking(tx, p.bookingId);
  if (!booking) return false;
  const booker = memberPlayers(booking).find((u) => u.id === booking.createdById);
  if (!booker) return false;
  await enqueueEmail(tx, {
    to: booker.email,
    template: "payment-notice",
    category: "payment",
    locale: booker.locale,
    clubId: booking.club.id,
    userId: booker.id,
    data: {
      ...bookingFacts(booking),
      name: booker.name,
      kind: input.kind,
      gateway: p.gateway,
      amount: p.amount,
      ...(input.kind === "refund" ? { refundAmount: p.refundedAmount } : {}),
      currency: p.currency,
      reference: p.reference,
      bookingsUrl: `${getMailConfig().appUrl}${myBookingsPath(booking.club.slug)}`,
    },
  });
  return true;
}
