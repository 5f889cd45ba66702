import "server-only";
/**
 * Use case (for the worker, server/payments/payment-jobs.ts): sends one
 * queued refund of a PayPal payment with POST /v2/payments/captures/{id}/refund. The refund row's
 * `request_id` is the PayPal-Request-Id, so a retry — after a 5xx, a lost answer or a crash —
 * returns the first refund instead of refunding twice. A paid payment goes to REFUND_PENDING
 * before the call and to REFUNDED / PARTIALLY_REFUNDED when PayPal reports it completed (here
 * or by webhook, whichever comes first); a refusal puts it back and flags it.
 */
import { runBookingTransaction } from "@/server/bookings/transaction";
import { logger } from "@/server/logger";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import { prepareRefund, recordRefundRefused } from "@/server/payments/refund-lifecycle";
import { applyPaypalRefund } from "./apply-paypal-refund";
import { PaypalApiError, refundPaypalCapture, type PaypalRefund } from "./paypal-client";

export async function sendPaypalRefund(refundId: string): Promise<{ status: string }> {
  const prepared = await prepareRefund("paypal-refund-prepare", refundId, (p) =>
    p.gateway === "PAYPAL" && p.paypalCaptureId ? { captureId: p.paypalCaptureId } : null,
  );
  if (prepared.kind === "done") return { status: prepared.status };
  const { refund, payment } = prepared;
  const { captureId } = prepared.via;

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
    )
      return recordRefundRefused(
        "paypal-refund-refused",
        refund.id,
        payment,
        `paypal refused the refund (${err.status})`,
        err.message,
      );
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
