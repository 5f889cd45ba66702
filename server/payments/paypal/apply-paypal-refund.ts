import "server-only";
/**
 * Applies a completed PayPal refund or reversal (chargeback) to our payment (not a use case).
 * The refund row is matched by PayPal's refund id (or our in-flight request for the same amount),
 * so the API answer and the webhook, in either order, record it once.
 */
import type { PrismaTx } from "@/server/bookings/transaction";
import { flagPayment } from "@/server/payments/flag-payment";
import { settleCompletedRefunds } from "@/server/payments/refund-lifecycle";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import { fromPaypalValue } from "@/lib/payments/paypal-amount";
import { lockPayment } from "./apply-paypal-capture";

export type PaypalRefundResource = {
  id: string;
  status?: string;
  amount?: { currency_code: string; value: string };
};

export async function applyPaypalRefund(
  tx: PrismaTx,
  paymentId: string,
  r: PaypalRefundResource,
  kind: "REFUNDED" | "REVERSED",
  source: string,
): Promise<string> {
  const p = await lockPayment(tx, paymentId);
  if (kind === "REFUNDED" && r.status && r.status !== "COMPLETED")
    return `refund ${r.status.toLowerCase()} at PayPal`;
  const currency = r.amount?.currency_code ?? p.currency;
  const amount = r.amount ? fromPaypalValue(r.amount.value, currency) : p.amount;
  if (amount === undefined || amount <= 0) return "refund amount unreadable";

  const existing = await tx.refund.findUnique({ where: { gatewayRefundId: r.id } });
  if (existing?.status === "COMPLETED") return "refund already recorded";
  const inFlight =
    existing ??
    (await tx.refund.findFirst({
      where: {
        paymentId,
        gatewayRefundId: null,
        status: { in: ["REQUESTED", "PENDING"] },
        amount,
        currency,
      },
      orderBy: { createdAt: "asc" },
    }));
  const now = new Date();
  if (inFlight) {
    await tx.refund.update({
      where: { id: inFlight.id },
      data: { status: "COMPLETED", gatewayRefundId: r.id, completedAt: now },
    });
  } else {
    await tx.refund.create({
      data: {
        paymentId,
        clubId: p.clubId,
        amount,
        currency,
        status: "COMPLETED",
        reason: kind === "REVERSED" ? "reversed by PayPal (chargeback)" : "refunded at PayPal",
        requestId: `paypal-event-${r.id}`,
        gatewayRefundId: r.id,
        completedAt: now,
      },
    });
  }
  if (kind === "REVERSED")
    await flagPayment(tx, p, "REVERSED", `PayPal reversed the capture (${r.id})`);

  if (currency !== p.currency) return "refund recorded (other currency)";
  let status = p.status;
  if (status === "PAID" || status === "PARTIALLY_REFUNDED") {
    await applyPaymentTransition(tx, {
      paymentId,
      from: status,
      to: "REFUND_PENDING",
      reason: `${source}: refund reported by PayPal`,
    });
    status = "REFUND_PENDING";
  }
  const to = await settleCompletedRefunds(tx, { ...p, status }, `${source}: refund completed`);
  return to ? to.toLowerCase() : `refund recorded (payment ${p.status})`;
}
