/**
 * Paybox IPN (PBX_REPONDRE_A; docs/payments.md), GET or POST. Public by nature: authenticated by
 * Paybox's RSA-SHA1 signature over the raw, still URL-encoded parameters, so the query string (or
 * form body) is passed on exactly as received.
 */
import { readLimitedBody } from "@/lib/read-limited-body";
import { handlePayboxIpn, PAYBOX_IPN_MAX_BYTES } from "@/server/payments/paybox/handle-paybox-ipn";

export const dynamic = "force-dynamic";

function answer(r: { status: number }): Response {
  return new Response(r.status === 200 ? "OK" : "REFUSED", {
    status: r.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function GET(request: Request): Promise<Response> {
  const q = request.url.indexOf("?");
  const raw = q >= 0 ? request.url.slice(q + 1).replace(/#.*$/, "") : "";
  if (raw.length > PAYBOX_IPN_MAX_BYTES) return new Response(null, { status: 414 });
  return answer(await handlePayboxIpn({ rawQuery: raw, method: "GET" }));
}

export async function POST(request: Request): Promise<Response> {
  const body = await readLimitedBody(request, PAYBOX_IPN_MAX_BYTES);
  if (!body.ok) return new Response(null, { status: 413 });
  const raw = new TextDecoder("utf-8").decode(body.bytes);
  return answer(await handlePayboxIpn({ rawQuery: raw, method: "POST" }));
}
