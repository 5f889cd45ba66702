import "server-only";
/**
 * Use case: creates (once) the PayPal order of a pending payment and returns its id for the
 * PayPal button / card fields. Only the booker may start it. Orders v2, intent CAPTURE,
 * custom_id = our payment id, invoice_id = our unique reference, PayPal-Request-Id derived from
 * the payment so that a retried or repeated call yields the same order.
 */
import { db } from "@/server/db";
import { AppError, notFoundError } from "@/server/errors";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import { createPaypalOrder } from "./paypal-client";

export async function startPaypalCheckout(input: {
  paymentId: string;
  actorId: string;
}): Promise<{ orderId: string; holdExpiresAt: Date }> {
  const p = await db.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      id: true,
      clubId: true,
      gateway: true,
      status: true,
      amount: true,
      currency: true,
      reference: true,
      paypalOrderId: true,
      holdExpiresAt: true,
      booking: { select: { createdById: true } },
    },
  });
  if (!p || p.booking.createdById !== input.actorId || p.gateway !== "PAYPAL")
    throw notFoundError("Payment");
  if (p.status !== "PENDING" || p.holdExpiresAt <= new Date())
    throw new AppError("CONFLICT", "This payment can no longer be made.");
  if (p.paypalOrderId) return { orderId: p.paypalOrderId, holdExpiresAt: p.holdExpiresAt };

  const config = await loadPaypalConfig(p.clubId);
  const order = await createPaypalOrder(config, {
    requestId: `order-${p.id}`,
    amount: p.amount,
    currency: p.currency,
    customId: p.id,
    invoiceId: p.reference,
    description: "Court booking",
  });
  await db.payment.updateMany({
    where: { id: p.id, paypalOrderId: null },
    data: { paypalOrderId: order.id },
  });
  return { orderId: order.id, holdExpiresAt: p.holdExpiresAt };
}
