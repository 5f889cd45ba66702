import "server-only";
/**
 * Applies what PayPal says about a capture to our payment (not a use case: shared by the webhook,
 * the capture after approval and reconciliation, so all three converge on one state). Runs in
 * the caller's transaction with the payment row locked. The amount and currency PayPal captured
 * must be exactly ours; otherwise the payment is not paid, it is flagged and a refund is queued.
 */
import { fromPaypalValue } from "@/lib/payments/paypal-amount";
import type { PrismaTx } from "@/server/bookings/transaction";
import { acceptLatePayment } from "@/server/payments/accept-late-payment";
import { flagPayment } from "@/server/payments/flag-payment";
import { queueRefund } from "@/server/payments/queue-refund";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import type { PaypalCapture } from "./paypal-client";

export type CaptureKind = "COMPLETED" | "DECLINED" | "PENDING";

export async function lockPayment(tx: PrismaTx, paymentId: string) {
  await tx.$queryRaw`SELECT 1 FROM "payment" WHERE "id" = ${paymentId}::uuid FOR UPDATE`;
  return tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      id: true,
      clubId: true,
      gateway: true,
      status: true,
      amount: true,
      currency: true,
      paypalCaptureId: true,
    },
  });
}

export async function applyPaypalCapture(
  tx: PrismaTx,
  paymentId: string,
  capture: PaypalCapture,
  kind: CaptureKind,
  source: string,
): Promise<string> {
  const p = await lockPayment(tx, paymentId);
  if (p.gateway !== "PAYPAL") return "not a PayPal payment";

  if (kind === "PENDING") return "capture pending at PayPal";

  if (kind === "DECLINED") {
    if (p.status !== "PENDING") return `declined capture ignored (payment ${p.status})`;
    await applyPaymentTransition(tx, {
      paymentId,
      from: "PENDING",
      to: "FAILED",
      reason: `${source}: capture declined`,
    });
    return "failed: capture declined";
  }

  // COMPLETED
  const currency = capture.amount?.currency_code ?? "";
  const captured = capture.amount ? fromPaypalValue(capture.amount.value, currency) : undefined;
  const sameCapture = p.paypalCaptureId === capture.id;
  if (captured !== p.amount || currency !== p.currency) {
    const detail = `expected ${p.amount} ${p.currency} (minor units), PayPal captured ${
      capture.amount ? `${capture.amount.value} ${currency}` : "no amount"
    } (capture ${capture.id})`;
    if (p.status === "PENDING") {
      await applyPaymentTransition(tx, {
        paymentId,
        from: "PENDING",
        to: "FAILED",
        reason: `${source}: amount mismatch`,
        data: { paypalCaptureId: capture.id },
      });
    }
    await flagPayment(tx, p, "AMOUNT_MISMATCH", detail);
    if (captured !== undefined)
      await queueRefund(tx, {
        paymentId,
        clubId: p.clubId,
        amount: captured,
        currency,
        reason: "amount or currency captured differs from the booking's price",
        requestId: `paypal-mismatch-${capture.id}`,
      });
    return "amount mismatch: not paid, flagged, refund queued";
  }

  if (p.status === "PENDING") {
    await applyPaymentTransition(tx, {
      paymentId,
      from: "PENDING",
      to: "PAID",
      reason: `${source}: capture completed`,
      data: { paypalCaptureId: capture.id, paidAt: new Date() },
    });
    return "paid";
  }
  if (sameCapture) return `already applied (payment ${p.status})`;
  if (
    p.status === "EXPIRED" &&
    (await acceptLatePayment(tx, {
      paymentId,
      source,
      data: { paypalCaptureId: capture.id, paidAt: new Date() },
    }))
  )
    return "late payment accepted: the slot was still free, booking made again";
  if (p.status === "EXPIRED" || p.status === "FAILED") {
    // Paid after the hold ended with the slot taken since, or after the checkout was given up
    // (or failed). Refund.
    // Keep the capture id on the payment: the refund is made against it.
    if (!p.paypalCaptureId)
      await tx.payment.update({ where: { id: p.id }, data: { paypalCaptureId: capture.id } });
    await flagPayment(tx, p, "LATE_PAYMENT", `capture ${capture.id} completed after ${p.status}`);
    await queueRefund(tx, {
      paymentId,
      clubId: p.clubId,
      amount: p.amount,
      currency: p.currency,
      reason: `payment completed after the payment was ${p.status.toLowerCase()}`,
      requestId: `paypal-late-${capture.id}`,
    });
    return "late payment: flagged, refund queued";
  }
  await flagPayment(tx, p, "SECOND_CAPTURE", `unexpected second capture ${capture.id}`);
  await queueRefund(tx, {
    paymentId,
    clubId: p.clubId,
    amount: p.amount,
    currency: p.currency,
    reason: "second capture of an already paid booking",
    requestId: `paypal-second-${capture.id}`,
  });
  return "second capture: flagged, refund queued";
}
