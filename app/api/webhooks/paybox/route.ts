/**
 * Paybox IPN (PBX_REPONDRE_A; docs/payments.md), GET or POST. Public by nature: authenticated by
 * Paybox's RSA-SHA1 signature over the raw, still URL-encoded parameters, so the query string (or
 * form body) is passed on exactly as received. Before that, the intake gate (rate limit per
 * address, size, form media type, strict percent-encoding, no control characters; proxy.ts has
 * already checked a query string) refuses what no Paybox IPN can be, storing nothing
 * (docs/decisions/016-hostile-input.md).
 */
import { addressProblem } from "@/lib/hostile-input";
import { admitBody, intakeRefusal, throttleByAddress } from "@/server/http/public-intake";
import { handlePayboxIpn, PAYBOX_IPN_MAX_BYTES } from "@/server/payments/paybox/handle-paybox-ipn";

export const dynamic = "force-dynamic";

function answer(r: { status: number }): Response {
  return new Response(r.status === 200 ? "OK" : "REFUSED", {
    status: r.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Why raw IPN parameters are refused before they are stored, or null. */
function parametersProblem(raw: string): string | null {
  if (raw === "") return "The IPN carries no parameters.";
  // The same strict decoding as an address: each name and value must be UTF-8, no controls.
  const problem = addressProblem("", `?${raw}`);
  return problem ? problem.replace("The address", "The IPN") : null;
}

export async function GET(request: Request): Promise<Response> {
  const q = request.url.indexOf("?");
  const raw = q >= 0 ? request.url.slice(q + 1).replace(/#.*$/, "") : "";
  if (raw.length > PAYBOX_IPN_MAX_BYTES) {
    return intakeRefusal(414, `The IPN is limited to ${PAYBOX_IPN_MAX_BYTES} characters.`);
  }
  const throttled = await throttleByAddress(request, "webhooksPerIp");
  if (throttled) return throttled;
  const problem = parametersProblem(raw);
  if (problem) return intakeRefusal(400, problem);
  return answer(await handlePayboxIpn({ rawQuery: raw, method: "GET" }));
}

export async function POST(request: Request): Promise<Response> {
  const body = await admitBody(request, {
    limit: "webhooksPerIp",
    types: ["application/x-www-form-urlencoded"],
    maxBytes: PAYBOX_IPN_MAX_BYTES,
  });
  if (!body.ok) return body.response;
  const problem = parametersProblem(body.text);
  if (problem) return intakeRefusal(400, problem);
  return answer(await handlePayboxIpn({ rawQuery: body.text, method: "POST" }));
}
