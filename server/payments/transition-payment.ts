import "server-only";
/**
 * The one way a payment changes status (ADR 011). The transition is checked by the pure
 * state machine, then applied with a conditional UPDATE … WHERE id = $id AND status = $expected
 * inside the caller's transaction; the audit event and the booking's status follow in the same
 * transaction. A transition that lost a race (the row no longer has the expected status) changes
 * nothing and reports the current status, so callbacks arriving twice or out of order converge.
 */
import type { Prisma } from "@/generated/prisma/client";
import {
  bookingStatusAfter,
  nextPaymentStatus,
  type PaymentStatusName,
} from "@/lib/payments/state-machine";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { notifyBookingConfirmed } from "@/server/bookings/notify-booking-confirmed";
import { runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { notFoundError } from "@/server/errors";
import { notifyPayment } from "@/server/payments/notify-payment";

export type PaymentTransition = {
  paymentId: string;
  from: PaymentStatusName;
  to: PaymentStatusName;
  /** Why, for the audit trail (e.g. "paypal webhook PAYMENT.CAPTURE.COMPLETED"). */
  reason: string;
  actorId?: string | null;
  /** Columns written together with the status (gateway references, paid time, flags…). */
  data?: Pick<
    Prisma.PaymentUpdateManyMutationInput,
    | "paidAt"
    | "paypalCaptureId"
    | "payboxTransaction"
    | "payboxCallNumber"
    | "payboxAuthorisation"
    | "refundedAmount"
    | "flag"
    | "flagDetail"
  >;
  details?: Prisma.InputJsonObject;
};

export type TransitionResult =
  { applied: true; status: PaymentStatusName } | { applied: false; status: PaymentStatusName };

export async function applyPaymentTransition(
  tx: PrismaTx,
  t: PaymentTransition,
): Promise<TransitionResult> {
  const to = nextPaymentStatus(t.from, t.to); // throws IllegalPaymentTransitionError
  const updated = await tx.payment.updateMany({
    where: { id: t.paymentId, status: t.from },
    data: { ...t.data, status: to, updatedAt: new Date() },
  });
  if (updated.count === 0) {
    const current = await tx.payment.findUnique({
      where: { id: t.paymentId },
      select: { status: true },
    });
    if (!current) throw notFoundError("Payment");
    return { applied: false, status: current.status };
  }
  const payment = await tx.payment.findUniqueOrThrow({
    where: { id: t.paymentId },
    select: { clubId: true, bookingId: true, amount: true, currency: true, gateway: true },
  });

  const bookingTo = bookingStatusAfter(to);
  let bookingChanged = false;
  if (bookingTo) {
    // Only a booking still waiting for this payment follows; cancelling releases its slot through
    // the occupancy trigger (court_occupancy row deleted when status becomes CANCELLED).
    const b = await tx.booking.updateMany({
      where: { id: payment.bookingId, status: "PENDING_PAYMENT" },
      data:
        bookingTo === "CONFIRMED"
          ? { status: "CONFIRMED" }
          : {
              status: "CANCELLED",
              cancelledAt: new Date(),
              cancelReason: to === "EXPIRED" ? "Payment not completed in time" : "Payment failed",
            },
    });
    bookingChanged = b.count > 0;
  }

  // The players hear of it in the same transaction: a booking confirmed by its payment gets its
  // confirmation (with the .ics) and the booker a receipt; a completed refund, a refund notice.
  if (to === "PAID" && bookingChanged) {
    await notifyBookingConfirmed(tx, { bookingId: payment.bookingId });
    await notifyPayment(tx, { paymentId: t.paymentId, kind: "receipt" });
  } else if (t.from === "REFUND_PENDING" && (to === "REFUNDED" || to === "PARTIALLY_REFUNDED")) {
    await notifyPayment(tx, { paymentId: t.paymentId, kind: "refund" });
  }

  await recordAuditEvent(
    {
      action: "payment.status_changed",
      clubId: payment.clubId,
      actorId: t.actorId ?? null,
      targetType: "payment",
      targetId: t.paymentId,
      details: {
        from: t.from,
        to,
        reason: t.reason,
        gateway: payment.gateway,
        amount: payment.amount,
        currency: payment.currency,
        ...(bookingTo ? { booking: bookingChanged ? bookingTo : "unchanged" } : {}),
        ...t.details,
      },
    },
    tx,
  );
  return { applied: true, status: to };
}

/** Applies one transition in its own transaction (retried on deadlock/serialization failure). */
export async function transitionPayment(t: PaymentTransition): Promise<TransitionResult> {
  return runBookingTransaction("payment-transition", (tx) => applyPaymentTransition(tx, t));
}
