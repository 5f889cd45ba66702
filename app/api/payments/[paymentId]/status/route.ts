/**
 * GET /api/payments/{paymentId}/status — what the payment status page polls: 200
 * { status, bookingStatus, holdExpiresAt, flag? } for the payment's booker; 401 signed out; 404
 * for anyone else. Never cached. Read-only: only the gateways' verified messages change a payment.
 * Use case: server/payments/get-payment-status.ts.
 */
import { json, jsonRoute, requireApiSession } from "@/server/http/json-api";
import { getPaymentStatus } from "@/server/payments/get-payment-status";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ paymentId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { paymentId } = await context.params;
    const session = await requireApiSession(request);
    const p = await getPaymentStatus({ paymentId, userId: session.userId });
    return json({
      status: p.status,
      bookingStatus: p.booking.status,
      holdExpiresAt: p.holdExpiresAt.toISOString(),
      ...(p.flag ? { flag: p.flag } : {}),
    });
  });
}
