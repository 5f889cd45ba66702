/**
 * PayPal webhooks (docs/payments.md). Public by nature: every delivery is authenticated by its
 * signature, verified on the RAW body (read first, size-limited) before anything is parsed or
 * trusted. 200 tells PayPal to stop retrying; 400 is a refusal stored with its reason. Before any
 * of that, the intake gate (rate limit per address, JSON only, size, UTF-8, no control
 * characters) refuses what no PayPal delivery can be, storing nothing
 * (docs/decisions/016-hostile-input.md).
 */
import { controlCharacterPath } from "@/lib/hostile-input";
import { admitBody, intakeRefusal } from "@/server/http/public-intake";
import {
  handlePaypalWebhook,
  PAYPAL_WEBHOOK_MAX_BYTES,
} from "@/server/payments/paypal/handle-paypal-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await admitBody(request, {
    limit: "webhooksPerIp",
    types: ["application/json"],
    maxBytes: PAYPAL_WEBHOOK_MAX_BYTES,
  });
  if (!body.ok) return body.response;
  const field = jsonControlField(body.text);
  if (field !== null)
    return intakeRefusal(400, `The body's ${field} contains a control character.`);
  const answer = await handlePaypalWebhook({ rawBody: body.bytes, headers: request.headers });
  return Response.json(
    { outcome: answer.status === 200 ? "accepted" : "refused" },
    { status: answer.status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Where a control character hides behind a JSON escape (`\u0000`); null for invalid JSON too. */
function jsonControlField(text: string): string | null {
  try {
    return controlCharacterPath(JSON.parse(text));
  } catch {
    return null;
  }
}
