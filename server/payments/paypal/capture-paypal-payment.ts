import "server-only";
/**
 * Use case: captures the approved PayPal order of a payment (the browser's onApprove), or
 * re-reads it when the browser closed before (reconciliation, `actorId` null = system). The
 * capture carries PayPal-Request-Id `capture-<payment id>`: a retry after a 5xx or a lost answer
 * returns the first capture, never a second one. The result is applied exactly like the webhook.
 */
import { runBookingTransaction } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, notFoundError } from "@/server/errors";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import { applyPaypalCapture, type CaptureKind } from "./apply-paypal-capture";
import {
  captureOf,
  capturePaypalOrder,
  getPaypalOrder,
  PaypalApiError,
  type PaypalOrder,
} from "./paypal-client";

function kindOf(status: string): CaptureKind | undefined {
  if (status === "COMPLETED") return "COMPLETED";
  if (status === "DECLINED" || status === "FAILED") return "DECLINED";
  if (status === "PENDING") return "PENDING";
  return undefined;
}

export async function capturePaypalPayment(input: {
  paymentId: string;
  /** The booker; null when the system reconciles. */
  actorId: string | null;
  /** Reconciliation only reads the order; it never captures. */
  mode?: "capture" | "reconcile";
  /** The order the browser approved, when it says: it must be this payment's order. */
  orderId?: string;
}): Promise<{ status: string; outcome: string }> {
  const p = await db.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      id: true,
      clubId: true,
      gateway: true,
      status: true,
      paypalOrderId: true,
      booking: { select: { createdById: true } },
    },
  });
  if (
    !p ||
    p.gateway !== "PAYPAL" ||
    (input.actorId !== null && p.booking.createdById !== input.actorId)
  )
    throw notFoundError("Payment");
  if (!p.paypalOrderId) throw new AppError("CONFLICT", "This payment has no PayPal order.");
  if (input.orderId !== undefined && input.orderId !== p.paypalOrderId)
    throw new AppError("CONFLICT", "This PayPal order does not belong to this payment.", {
      orderId: "is not this payment's PayPal order",
    });

  const config = await loadPaypalConfig(p.clubId);
  let order: PaypalOrder;
  if (input.mode === "reconcile") {
    order = await getPaypalOrder(config, p.paypalOrderId);
  } else {
    try {
      order = await capturePaypalOrder(config, p.paypalOrderId, `capture-${p.id}`);
    } catch (err) {
      // Captured already (e.g. by an earlier request whose answer was lost): read the order.
      const issue = (err as PaypalApiError).body as { details?: { issue?: string }[] } | undefined;
      if (
        err instanceof PaypalApiError &&
        err.status === 422 &&
        issue?.details?.some((d) => d.issue === "ORDER_ALREADY_CAPTURED")
      )
        order = await getPaypalOrder(config, p.paypalOrderId);
      else throw err;
    }
  }
  const capture = captureOf(order);
  const source = input.mode === "reconcile" ? "paypal reconciliation" : "paypal capture";
  if (!capture) return { status: p.status, outcome: `no capture (order ${order.status})` };
  const kind = kindOf(capture.status);
  if (!kind) return { status: p.status, outcome: `capture ${capture.status}` };
  const outcome = await runBookingTransaction("paypal-capture", (tx) =>
    applyPaypalCapture(tx, p.id, capture, kind, source),
  );
  const after = await db.payment.findUniqueOrThrow({
    where: { id: p.id },
    select: { status: true },
  });
  return { status: after.status, outcome };
}
