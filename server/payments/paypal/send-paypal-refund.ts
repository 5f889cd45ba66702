import "server-only";
/**
 * Use case (for the worker, and for cancellations once their refund policy is wired): sends one
 * queued refund of a PayPal payment with POST /v2/payments/captures/{id}/refund. The refund row's
 * `request_id` is the PayPal-Request-Id, so a retry — after a 5xx, a lost answer or a crash —
 * returns the first refund instead of refunding twice. A paid payment goes to REFUND_PENDING
 * before the call and to REFUNDED / PARTIALLY_REFUNDED when PayPal reports it completed (here
 * or by webhook, whichever comes first); a refusal puts it back and flags it.
 */
import { runBookingTransaction } from "@/server/bookings/transaction";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { flagPayment } from "@/server/payments/flag-payment";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import { applyPaypalRefund } from "./apply-paypal-refund";
import { PaypalApiError, refundPaypalCapture, type PaypalRefund } from "./paypal-client";

export async function sendPaypalRefund(refundId: string): Promise<{ status: string }> {
  type Prepared =
    | { kind: "done"; status: string }
    | {
        kind: "send";
        refund: { id: string; requestId: string; amount: number; currency: string };
        payment: { id: string; clubId: string };
        captureId: string;
      };
  const prepared = await runBookingTransaction<Prepared>("paypal-refund-prepare", async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "refund" WHERE "id" = ${refundId}::uuid FOR UPDATE`;
    const r = await tx.refund.findUnique({
      where: { id: refundId },
      include: {
        payment: {
          select: {
            id: true,
            clubId: true,
            gateway: true,
            status: true,
            currency: true,
            reference: true,
            paypalCaptureId: true,
          },
        },
      },
    });
    if (!r) throw new AppError("NOT_FOUND", "Refund not found.");
    if (r.status !== "REQUESTED" && r.status !== "PENDING")
      return { kind: "done", status: r.status };
    const p = r.payment;
    const captureId = p.paypalCaptureId;
    if (p.gateway !== "PAYPAL" || !captureId) {
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
    return { kind: "send", refund: r, payment: p, captureId };
  });
  if (prepared.kind === "done") return { status: prepared.status };
  const { refund, payment, captureId } = prepared;

  const config = await loadPaypalConfig(payment.clubId);
  let answer: PaypalRefund;
  try {
    answer = await refundPaypalCapture(config, captureId, {
      requestId: refund.requestId,
      amount: refund.amount,
      currency: refund.currency,
      invoiceId: refund.requestId.slice(0, 127),
      customId: payment.id,
    });
  } catch (err) {
    if (
      err instanceof PaypalApiError &&
      err.status >= 400 &&
      err.status < 500 &&
      err.status !== 429
    ) {
      await runBookingTransaction("paypal-refund-refused", async (tx) => {
        await tx.refund.update({ where: { id: refund.id }, data: { status: "FAILED" } });
        const now = await tx.payment.findUniqueOrThrow({
          where: { id: payment.id },
          select: { status: true, refundedAmount: true },
        });
        if (now.status === "REFUND_PENDING")
          await applyPaymentTransition(tx, {
            paymentId: payment.id,
            from: "REFUND_PENDING",
            to: now.refundedAmount > 0 ? "PARTIALLY_REFUNDED" : "PAID",
            reason: `paypal refused the refund (${err.status})`,
          });
        await flagPayment(tx, payment, "REFUND_FAILED", err.message);
      });
      return { status: "FAILED" };
    }
    // Still unknown (5xx or network after retries): stays PENDING, sent again later with the
    // same PayPal-Request-Id.
    logger.warn({ refundId, err: (err as Error).message }, "paypal refund to be retried");
    return { status: "PENDING" };
  }

  return runBookingTransaction("paypal-refund-answer", async (tx) => {
    const taken = await tx.refund.findUnique({ where: { gatewayRefundId: answer.id } });
    if (!taken)
      await tx.refund.update({ where: { id: refund.id }, data: { gatewayRefundId: answer.id } });
    if (answer.status !== "COMPLETED") return { status: "PENDING" };
    await applyPaypalRefund(tx, payment.id, answer, "REFUNDED", "paypal refund api");
    const after = await tx.refund.findUniqueOrThrow({
      where: { id: refund.id },
      select: { status: true },
    });
    return { status: after.status };
  });
}
