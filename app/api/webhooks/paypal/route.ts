/**
 * PayPal webhooks (docs/payments.md). Public by nature: every delivery is authenticated by its
 * signature, verified on the RAW body (read first, size-limited) before anything is parsed or
 * trusted. 200 tells PayPal to stop retrying; 400 is a refusal stored with its reason.
 */
import { readLimitedBody } from "@/lib/read-limited-body";
import {
  handlePaypalWebhook,
  PAYPAL_WEBHOOK_MAX_BYTES,
} from "@/server/payments/paypal/handle-paypal-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readLimitedBody(request, PAYPAL_WEBHOOK_MAX_BYTES);
  if (!body.ok) return new Response(null, { status: 413 });
  const answer = await handlePaypalWebhook({ rawBody: body.bytes, headers: request.headers });
  return Response.json(
    { outcome: answer.status === 200 ? "accepted" : "refused" },
    { status: answer.status, headers: { "Cache-Control": "no-store" } },
  );
}
