import "server-only";
/**
 * Verifies a PayPal webhook on its raw body (not a use case): the certificate is fetched only
 * from an allow-listed host (cached by URL), then the SHA256withRSA signature over
 * `transmissionId|transmissionTime|webhookId|crc32(rawBody)` is checked.
 */
import {
  isAllowedCertUrl,
  paypalSignedString,
  verifyPaypalSignature,
} from "@/lib/payments/paypal-webhook-signature";

const CERT_CACHE_MAX = 20;
const CERT_MAX_BYTES = 16 * 1024;
const certCache = new Map<string, string>();

export type PaypalHeaders = {
  transmissionId: string | null;
  transmissionTime: string | null;
  transmissionSig: string | null;
  certUrl: string | null;
  authAlgo: string | null;
};

export function paypalHeadersOf(headers: Headers): PaypalHeaders {
  return {
    transmissionId: headers.get("paypal-transmission-id"),
    transmissionTime: headers.get("paypal-transmission-time"),
    transmissionSig: headers.get("paypal-transmission-sig"),
    certUrl: headers.get("paypal-cert-url"),
    authAlgo: headers.get("paypal-auth-algo"),
  };
}

async function fetchCert(url: string): Promise<string> {
  const cached = certCache.get(url);
  if (cached) return cached;
  const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`certificate fetch failed (${res.status})`);
  const text = await res.text();
  if (text.length > CERT_MAX_BYTES) throw new Error("certificate too large");
  if (certCache.size >= CERT_CACHE_MAX) certCache.delete(certCache.keys().next().value!);
  certCache.set(url, text);
  return text;
}

export async function verifyPaypalWebhook(
  h: PaypalHeaders,
  rawBody: Uint8Array,
  config: { webhookId: string; certHosts: readonly string[]; allowHttpLoopback: boolean },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!h.transmissionId || !h.transmissionTime || !h.transmissionSig || !h.certUrl)
    return { ok: false, reason: "signature headers missing" };
  if (h.authAlgo && h.authAlgo !== "SHA256withRSA")
    return { ok: false, reason: `unsupported auth algorithm ${h.authAlgo.slice(0, 40)}` };
  if (!isAllowedCertUrl(h.certUrl, config.certHosts, config.allowHttpLoopback))
    return { ok: false, reason: "certificate URL not on a PayPal host" };
  let pem: string;
  try {
    pem = await fetchCert(h.certUrl);
  } catch (err) {
    return { ok: false, reason: (err as Error).message.slice(0, 200) };
  }
  const signed = paypalSignedString(
    { transmissionId: h.transmissionId, transmissionTime: h.transmissionTime },
    config.webhookId,
    rawBody,
  );
  return verifyPaypalSignature(signed, h.transmissionSig, pem);
}
