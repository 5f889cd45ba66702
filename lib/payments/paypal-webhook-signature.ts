/**
 * PayPal webhook self-verification, pure part (docs/payments.md). The signed string is
 * `transmissionId|transmissionTime|webhookId|crc32`, crc32 being the unsigned decimal CRC-32 of
 * the RAW body bytes; the signature (header paypal-transmission-sig, base64) is SHA256withRSA by
 * the certificate found at paypal-cert-url, which may only be fetched from allow-listed hosts.
 */
import { verify, X509Certificate } from "node:crypto";
import { crc32 } from "node:zlib";

/** PayPal's own hosts for webhook signing certificates (production and sandbox). */
export const PAYPAL_CERT_HOSTS: readonly string[] = [
  "api.paypal.com",
  "api-m.paypal.com",
  "api.sandbox.paypal.com",
  "api-m.sandbox.paypal.com",
];

export type PaypalTransmission = {
  transmissionId: string;
  transmissionTime: string;
  transmissionSig: string;
  certUrl: string;
  authAlgo: string;
};

export function paypalSignedString(
  t: Pick<PaypalTransmission, "transmissionId" | "transmissionTime">,
  webhookId: string,
  rawBody: Uint8Array,
): string {
  return `${t.transmissionId}|${t.transmissionTime}|${webhookId}|${crc32(rawBody) >>> 0}`;
}

/**
 * Whether a certificate may be fetched from `url`: https on an allow-listed host (exact match),
 * default port, no credentials. `allowHttpLoopback` lets tests use a local fake on 127.0.0.1
 * over plain HTTP; production code never sets it.
 */
export function isAllowedCertUrl(
  url: string,
  allowedHosts: readonly string[],
  allowHttpLoopback = false,
): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const host = u.host.toLowerCase();
  if (!allowedHosts.map((h) => h.toLowerCase()).includes(host)) return false;
  if (u.protocol === "https:") return true;
  return allowHttpLoopback && u.protocol === "http:" && u.hostname === "127.0.0.1";
}

/** Verifies the SHA256withRSA signature against the certificate (PEM). Never throws. */
export function verifyPaypalSignature(
  signedString: string,
  transmissionSigBase64: string,
  certPem: string,
  now: Date = new Date(),
): { ok: true } | { ok: false; reason: string } {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { ok: false, reason: "certificate unreadable" };
  }
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo))
    return { ok: false, reason: "certificate expired or not yet valid" };
  const sig = Buffer.from(transmissionSigBase64, "base64");
  if (sig.length === 0) return { ok: false, reason: "signature missing" };
  const ok = verify("sha256", Buffer.from(signedString, "utf8"), cert.publicKey, sig);
  return ok ? { ok: true } : { ok: false, reason: "signature mismatch" };
}
