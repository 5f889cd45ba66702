/**
 * POST /api/payments/{paymentId}/paypal/order — the PayPal order of the caller's pending payment,
 * created once (a repeated call returns the same order), for the PayPal button and card fields
 * (components/payments/paypal-checkout.tsx). The amount comes from the payment row, never from the
 * browser; no body is read. 200 { orderId, holdExpiresAt } · 400 paymentId · 401 · 403 cross-site ·
 * 404 not the booker's PayPal payment · 409 no longer payable (paid, failed, hold expired) ·
 * 422 the club does not accept PayPal / PayPal refused · 503 PayPal not answering.
 * Use case: server/payments/paypal/start-paypal-checkout.ts.
 */
import { PaypalPaymentParams } from "@/schemas/paypal-checkout";
import { parseInput } from "@/server/errors";
import { assertSameOrigin, json, jsonRoute, requireApiSession } from "@/server/http/json-api";
import { paypalFailure } from "@/server/payments/paypal/paypal-failure";
import { startPaypalCheckout } from "@/server/payments/paypal/start-paypal-checkout";

type Context = { params: Promise<{ paymentId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    const params = parseInput(PaypalPaymentParams, await context.params);
    try {
      const { orderId, holdExpiresAt } = await startPaypalCheckout({
        paymentId: params.paymentId,
        actorId: session.userId,
      });
      return json({ orderId, holdExpiresAt: holdExpiresAt.toISOString() });
    } catch (err) {
      throw paypalFailure(err, "order");
    }
  });
}
