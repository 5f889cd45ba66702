import "server-only";
/**
 * The steps every gateway's refund sender shares (not a use case: used by
 * paypal/send-paypal-refund.ts and paybox/send-paybox-refund.ts, and by what records completed
 * refunds). One refund row moves REQUESTED → PENDING (sent) → COMPLETED | FAILED, or MANUAL when
 * the gateway cannot refund it; the payment moves PAID → REFUND_PENDING before the call and on to
 * REFUNDED / PARTIALLY_REFUNDED once the money is back, or back to where it was on a refusal.
 */
import type { Prisma } from "@/generated/prisma/client";
import { runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { notFoundError } from "@/server/errors";
import { flagPayment } from "@/server/payments/flag-payment";
import { applyPaymentTransition } from "@/server/payments/transition-payment";

const REFUND_PAYMENT_SELECT = {
  id: true,
  clubId: true,
  gateway: true,
  status: true,
  amount: true,
  currency: true,
  reference: true,
  paypalCaptureId: true,
  payboxTransaction: true,
  payboxCallNumber: true,
} as const satisfies Prisma.PaymentSelect;

export type RefundPayment = Prisma.PaymentGetPayload<{ select: typeof REFUND_PAYMENT_SELECT }>;
export type RefundToSend = { id: string; requestId: string; amount: number; currency: string };

export type PreparedRefund<T> =
  | { kind: "done"; status: string }
  | { kind: "send"; refund: RefundToSend; payment: RefundPayment; via: T };

/**
 * Locks the refund and decides, in one transaction, whether it can be sent: `route` returns what
 * the sender needs (capture id, transaction numbers…) or null when this gateway cannot refund the
 * payment, which makes the refund MANUAL. A refund no longer waiting is left as it is.
 */
export async function prepareRefund<T>(
  label: string,
  refundId: string,
  route: (payment: RefundPayment) => T | null,
): Promise<PreparedRefund<T>> {
  return runBookingTransaction<PreparedRefund<T>>(label, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "refund" WHERE "id" = ${refundId}::uuid FOR UPDATE`;
    const r = await tx.refund.findUnique({
      where: { id: refundId },
      include: { payment: { select: REFUND_PAYMENT_SELECT } },
    });
    if (!r) throw notFoundError("Refund");
    if (r.status !== "REQUESTED" && r.status !== "PENDING")
      return { kind: "done", status: r.status };
    const p = r.payment;
    const via = route(p);
    if (via === null) {
      await tx.refund.update({ where: { id: r.id }, data: { status: "MANUAL" } });
      return { kind: "done", status: "MANUAL" };
    }
    if ((p.status === "PAID" || p.status === "PARTIALLY_REFUNDED") && r.currency === p.currency)
      await applyPaymentTransition(tx, {
        paymentId: p.id,
        from: p.status,
        to: "REFUND_PENDING",
        reason: `refund requested: ${r.reason}`,
      });
    await tx.refund.update({ where: { id: r.id }, data: { status: "PENDING" } });
    return { kind: "send", refund: r, payment: p, via };
  });
}

/** The gateway refused the refund: FAILED, the payment back to before, flagged for the club. */
export async function recordRefundRefused(
  label: string,
  refundId: string,
  payment: { id: string; clubId: string },
  reason: string,
  flagDetail: string,
): Promise<{ status: "FAILED" }> {
  await runBookingTransaction(label, async (tx) => {
    await tx.refund.update({ where: { id: refundId }, data: { status: "FAILED" } });
    const now = await tx.payment.findUniqueOrThrow({
      where: { id: payment.id },
      select: { status: true, refundedAmount: true },
    });
    if (now.status === "REFUND_PENDING")
      await applyPaymentTransition(tx, {
        paymentId: payment.id,
        from: "REFUND_PENDING",
        to: now.refundedAmount > 0 ? "PARTIALLY_REFUNDED" : "PAID",
        reason,
      });
    await flagPayment(tx, payment, "REFUND_FAILED", flagDetail);
  });
  return { status: "FAILED" };
}

/**
 * After a refund was recorded COMPLETED: the payment's refunded amount becomes the total of its
 * completed refunds (in its currency, never above what was paid) and a payment waiting for its
 * refund moves to REFUNDED or PARTIALLY_REFUNDED. Returns the status it reached, if it moved.
 */
export async function settleCompletedRefunds(
  tx: PrismaTx,
  payment: { id: string; amount: number; currency: string; status: string },
  reason: string,
): Promise<"REFUNDED" | "PARTIALLY_REFUNDED" | null> {
  if (payment.status !== "REFUND_PENDING") return null;
  const total = await tx.refund.aggregate({
    where: { paymentId: payment.id, status: "COMPLETED", currency: payment.currency },
    _sum: { amount: true },
  });
  const refunded = Math.min(payment.amount, total._sum.amount ?? 0);
  const to = refunded >= payment.amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
  await applyPaymentTransition(tx, {
    paymentId: payment.id,
    from: "REFUND_PENDING",
    to,
    reason,
    data: { refundedAmount: refunded },
  });
  return to;
}
