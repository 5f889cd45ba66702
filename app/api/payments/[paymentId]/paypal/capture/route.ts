/**
 * POST /api/payments/{paymentId}/paypal/capture — captures the PayPal order the caller approved
 * with the PayPal button or the card fields (components/payments/paypal-checkout.tsx). Body (JSON,
 * ≤ 1 KiB): { orderId } — it must be this payment's order. The capture is idempotent (one
 * PayPal-Request-Id per payment) and is applied exactly like PayPal's webhook.
 * 200 { status } (the payment's status after the capture: PAID, or FAILED/EXPIRED/PENDING, which
 * the payment's status page explains) · 400 paymentId / body naming the field · 401 ·
 * 403 cross-site · 404 not the booker's PayPal payment · 409 not approved yet / another order ·
 * 422 PayPal declined · 503 PayPal not answering (the webhook or reconciliation finishes it).
 * Use case: server/payments/paypal/capture-paypal-payment.ts.
 */
import { PaypalCaptureInput, PaypalPaymentParams } from "@/schemas/paypal-checkout";
import { parseInput } from "@/server/errors";
import {
  assertSameOrigin,
  json,
  jsonRoute,
  readJsonBody,
  requireApiSession,
} from "@/server/http/json-api";
import { capturePaypalPayment } from "@/server/payments/paypal/capture-paypal-payment";
import { paypalFailure } from "@/server/payments/paypal/paypal-failure";

type Context = { params: Promise<{ paymentId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    const params = parseInput(PaypalPaymentParams, await context.params);
    const body = parseInput(PaypalCaptureInput, await readJsonBody(request, 1024));
    try {
      const { status } = await capturePaypalPayment({
        paymentId: params.paymentId,
        actorId: session.userId,
        orderId: body.orderId,
      });
      return json({ status });
    } catch (err) {
      throw paypalFailure(err, "capture");
    }
  });
}
