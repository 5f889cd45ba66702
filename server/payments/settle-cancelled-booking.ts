import "server-only";
/**
 * What happens to the money when a booking is cancelled (not a use case: called by the booking
 * hooks inside the cancellation's transaction, so the refund is queued if and only if the
 * cancellation commits).
 *
 * - A payment still PENDING (the player gave up at checkout) fails: no money was taken. A capture
 *   that still completes later is refunded (LATE_PAYMENT), never re-books a cancelled booking.
 * - Money paid (PAID or PARTIALLY_REFUNDED) is refunded following the club's refund policy
 *   (lib/payments/refund-policy.ts): queued here, sent by the worker (PayPal refund API, Paybox
 *   Direct, or flagged for a manual refund). The club cancelling on the player's behalf refunds in
 *   full. The refund's request id is derived from the payment, so a repeated cancellation queues
 *   nothing twice.
 */
import { decideRefund, type RefundDecision } from "@/lib/payments/refund-policy";
import type { PrismaTx } from "@/server/bookings/transaction";
import { queueRefund } from "@/server/payments/queue-refund";
import { applyPaymentTransition } from "@/server/payments/transition-payment";

export type CancellationRefund = RefundDecision & { currency: string; paymentId: string };

export async function settleCancelledBooking(
  tx: PrismaTx,
  input: { bookingId: string; startsAt: Date; now: Date; byClub: boolean; actorId: string },
): Promise<CancellationRefund[]> {
  const payments = await tx.payment.findMany({
    where: {
      bookingId: input.bookingId,
      status: { in: ["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUND_PENDING"] },
    },
    select: {
      id: true,
      clubId: true,
      status: true,
      amount: true,
      currency: true,
      refundedAmount: true,
      refunds: { where: { status: { not: "FAILED" } }, select: { amount: true, status: true } },
      club: {
        select: {
          refundFullNoticeMinutes: true,
          refundPartialNoticeMinutes: true,
          refundPartialPercent: true,
        },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  const out: CancellationRefund[] = [];
  for (const p of payments) {
    if (p.status === "PENDING") {
      await applyPaymentTransition(tx, {
        paymentId: p.id,
        from: "PENDING",
        to: "FAILED",
        reason: "booking cancelled before payment",
        actorId: input.actorId,
      });
      continue;
    }
    // What is still ours to give back: paid, minus refunds completed or under way.
    const committed = p.refunds
      .filter((r) => r.status !== "COMPLETED")
      .reduce((sum, r) => sum + r.amount, 0);
    const refundable = p.amount - p.refundedAmount - committed;
    const decision = decideRefund({
      policy: {
        fullNoticeMinutes: p.club.refundFullNoticeMinutes,
        partialNoticeMinutes: p.club.refundPartialNoticeMinutes,
        partialPercent: p.club.refundPartialPercent,
      },
      startsAt: input.startsAt,
      cancelledAt: input.now,
      refundable,
      byClub: input.byClub,
    });
    if (decision.amount > 0)
      await queueRefund(tx, {
        paymentId: p.id,
        clubId: p.clubId,
        amount: decision.amount,
        currency: p.currency,
        reason: decision.reason,
        requestId: `cancel-${p.id}`,
      });
    out.push({ ...decision, currency: p.currency, paymentId: p.id });
  }
  return out;
}
