import { createHmac, timingSafeEqual } from "node:crypto";
import { isOptionalCategory, type OptionalCategory } from "./categories";

/**
 * Signed tokens carried by email links that work without logging in: one-click unsubscribe from
 * one optional category, and the email-preferences page of one address. The token is the payload
 * (base64url JSON) and an HMAC-SHA256 of it under MAIL_TOKEN_SECRET: it cannot be guessed or
 * altered, and it never expires (an unsubscribe link must keep working for the life of the mail).
 */
export type MailTokenPayload =
  | { purpose: "unsubscribe"; address: string; category: OptionalCategory }
  | { purpose: "preferences"; address: string };

const DOMAIN = "courtside.mail-token.v1";

function mac(secret: string, body: string): Buffer {
  return createHmac("sha256", secret).update(`${DOMAIN}.${body}`).digest();
}

export function signMailToken(secret: string, payload: MailTokenPayload): string {
  const compact =
    payload.purpose === "unsubscribe"
      ? { p: "u", a: payload.address.toLowerCase(), c: payload.category }
      : { p: "p", a: payload.address.toLowerCase() };
  const body = Buffer.from(JSON.stringify(compact)).toString("base64url");
  return `${body}.${mac(secret, body).toString("base64url")}`;
}

/** The payload of a genuine token, or null for anything forged, altered or malformed. */
export function verifyMailToken(secret: string, token: string): MailTokenPayload | null {
  if (typeof token !== "string" || token.length > 1000) return null;
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const { p, a, c } = data as { p?: unknown; a?: unknown; c?: unknown };
  if (typeof a !== "string" || !a.includes("@")) return null;
  // Essential categories cannot be unsubscribed from: a token naming one is refused.
  if (p === "u" && isOptionalCategory(c))
    return { purpose: "unsubscribe", address: a, category: c };
  if (p === "p" && c === undefined) return { purpose: "preferences", address: a };
  return null;
}
