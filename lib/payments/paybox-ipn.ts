/**
 * Paybox IPN signature (pure; docs/payments.md). The raw query string (or form body) is split at
 * the LAST `&K=`: the signed data is everything before it, still URL-encoded; the signature is
 * base64-decode(URL-decode(K)), RSA-SHA1 with PKCS#1 v1.5 padding, checked with Paybox's public key.
 */
import { createPublicKey, verify } from "node:crypto";

export type PayboxIpnVerification =
  | { ok: true; params: Record<string, string> }
  | { ok: false; reason: string; params: Record<string, string> };

function parse(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] ??= v;
  return out;
}

export function verifyPayboxIpn(rawQuery: string, publicKeyPem: string): PayboxIpnVerification {
  const query = rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery;
  const params = parse(query);
  const at = query.lastIndexOf("&K=");
  if (at < 0) return { ok: false, reason: "signature K missing", params };
  const signed = query.slice(0, at);
  const kEncoded = query.slice(at + 3);
  if (kEncoded.includes("&")) return { ok: false, reason: "K is not the last parameter", params };
  let signature: Buffer;
  try {
    signature = Buffer.from(decodeURIComponent(kEncoded), "base64");
  } catch {
    return { ok: false, reason: "signature K malformed", params };
  }
  if (signature.length === 0) return { ok: false, reason: "signature K empty", params };
  let ok = false;
  try {
    ok = verify("RSA-SHA1", Buffer.from(signed, "utf8"), createPublicKey(publicKeyPem), signature);
  } catch {
    return { ok: false, reason: "public key unusable", params };
  }
  return ok ? { ok: true, params } : { ok: false, reason: "signature mismatch", params };
}
