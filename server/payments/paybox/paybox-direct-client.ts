import "server-only";
/**
 * A small Paybox Direct (PPPS) client for refunds (not a use case). One form-encoded POST to
 * PPPS.php per question, answered form-encoded with CODEREPONSE (00000 = done), NUMTRANS,
 * NUMAPPEL and COMMENTAIRE. The fields are sent in the documented order and signed with
 * HMAC-SHA512 (HASH=SHA512, HMAC = uppercase hex over `NAME=value&…`, values not URL-encoded,
 * keyed with the merchant's hex key decoded to bytes — the same key as the hosted-page form).
 *
 * NUMQUESTION is derived from the refund's request id, so a retry after a lost answer asks the
 * same question again instead of refunding twice. A network error, an HTTP error or one of
 * Paybox's "try again" codes is reported as `retry`; any other code is a refusal.
 */
import { createHash, createHmac } from "node:crypto";
import { DateTime } from "luxon";
import { ISO_NUMERIC_CURRENCY } from "@/lib/payments/paybox-form";
import { logger } from "@/server/logger";

export const PPPS_VERSION = "00104";
export const PPPS_TYPE_REFUND = "00014";
/** ACTIVITE 024: a request made over the internet. */
export const PPPS_ACTIVITY = "024";
/** The production host and its backup (tried when the first does not answer). */
const PRIMARY = "ppps.paybox.com";
const BACKUP = "ppps1.paybox.com";
const TIMEOUT_MS = 20_000;

/**
 * CODEREPONSE values meaning "the question was not processed, ask again": 00001 connection to
 * the authorisation centre failed, 00003 Paybox error, 00097 timeout, 00098 internal
 * connection error, 00099 incoherence between question and answer.
 */
const RETRY_CODES = new Set(["00001", "00003", "00097", "00098", "00099"]);

export type PayboxDirectCredentials = {
  url: string;
  site: string;
  rang: string;
  /** The site's Paybox Direct key (CLE). */
  key: string;
  hmacKeyHex: string;
};

export type PayboxRefundQuestion = {
  /** Unique per question (10 digits); the same for every retry of one refund. */
  numQuestion: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  /** Our payment reference (PBX_CMD of the original payment). */
  reference: string;
  /** The original transaction's call number (T) and transaction number (S). */
  numAppel: string;
  numTrans: string;
  at?: Date;
};

export type PayboxDirectAnswer =
  | { kind: "ok"; numTrans: string; numAppel: string; comment: string }
  | { kind: "refused"; code: string; comment: string }
  | { kind: "retry"; reason: string };

/** A NUMQUESTION (1…2,000,000,000, 10 digits) derived from a stable id. */
export function numQuestionFor(stableId: string): string {
  const n = createHash("sha256").update(stableId).digest().readUInt32BE(0) % 2_000_000_000;
  return String(n + 1).padStart(10, "0");
}

function pad(value: string | number, width: number, what: string): string {
  const s = String(value);
  if (!/^\d+$/.test(s) || s.length > width)
    throw new Error(`Paybox Direct: ${what} must be at most ${width} digits (got "${s}")`);
  return s.padStart(width, "0");
}

/** The signed fields of a refund question, in the order they are sent, HMAC last. */
export function payboxRefundFields(
  c: PayboxDirectCredentials,
  q: PayboxRefundQuestion,
): [string, string][] {
  const devise = ISO_NUMERIC_CURRENCY[q.currency];
  if (!devise) throw new Error(`Paybox Direct: unsupported currency ${q.currency}`);
  if (!Number.isSafeInteger(q.amount) || q.amount <= 0)
    throw new Error("Paybox Direct: the amount must be a positive integer of minor units");
  if (/[&=]/.test(q.reference)) throw new Error("Paybox Direct: reference must not contain & or =");
  const fields: [string, string][] = [
    ["VERSION", PPPS_VERSION],
    ["TYPE", PPPS_TYPE_REFUND],
    ["SITE", c.site],
    ["RANG", c.rang],
    ["CLE", c.key],
    ["NUMQUESTION", pad(q.numQuestion, 10, "NUMQUESTION")],
    ["MONTANT", pad(q.amount, 10, "MONTANT")],
    ["DEVISE", devise],
    ["REFERENCE", q.reference],
    ["NUMAPPEL", pad(q.numAppel, 10, "NUMAPPEL")],
    ["NUMTRANS", pad(q.numTrans, 10, "NUMTRANS")],
    [
      "DATEQ",
      DateTime.fromJSDate(q.at ?? new Date(), { zone: "Europe/Paris" }).toFormat("ddLLyyyyHHmmss"),
    ],
    ["ACTIVITE", PPPS_ACTIVITY],
    ["HASH", "SHA512"],
  ];
  const mac = createHmac("sha512", Buffer.from(c.hmacKeyHex, "hex"))
    .update(fields.map(([k, v]) => `${k}=${v}`).join("&"), "utf8")
    .digest("hex")
    .toUpperCase();
  return [...fields, ["HMAC", mac]];
}

/** Reads a PPPS answer (form-encoded; Paybox answers in Latin-1). */
export function parsePppsAnswer(bytes: Uint8Array): Record<string, string> {
  const text = new TextDecoder("latin1").decode(bytes).trim();
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] ??= v.trim();
  return out;
}

async function post(url: string, body: string): Promise<PayboxDirectAnswer | null> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    logger.warn({ url, err: (err as Error).message }, "paybox direct unreachable");
    return null;
  }
  const bytes = new Uint8Array(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (!res.ok) {
    logger.warn({ url, status: res.status }, "paybox direct answered an HTTP error");
    return res.status >= 500 ? null : { kind: "retry", reason: `HTTP ${res.status}` };
  }
  const a = parsePppsAnswer(bytes);
  const code = a.CODEREPONSE ?? "";
  const comment = (a.COMMENTAIRE ?? "").slice(0, 200);
  if (code === "00000") {
    if (!/^\d{1,10}$/.test(a.NUMTRANS ?? ""))
      return { kind: "retry", reason: "answer without a transaction number" };
    return { kind: "ok", numTrans: a.NUMTRANS!, numAppel: a.NUMAPPEL ?? "", comment };
  }
  if (!/^\d{5}$/.test(code)) return { kind: "retry", reason: "answer without CODEREPONSE" };
  if (RETRY_CODES.has(code)) return { kind: "retry", reason: `CODEREPONSE ${code} ${comment}` };
  return { kind: "refused", code, comment };
}

/**
 * Sends one refund question. The production host's backup is asked with the same NUMQUESTION
 * when the first host does not answer.
 */
export async function refundPayboxTransaction(
  c: PayboxDirectCredentials,
  q: PayboxRefundQuestion,
): Promise<PayboxDirectAnswer> {
  const urls = [c.url];
  const u = new URL(c.url);
  if (u.hostname === PRIMARY) {
    u.hostname = BACKUP;
    urls.push(u.toString());
  }
  let last: PayboxDirectAnswer = { kind: "retry", reason: "Paybox Direct unreachable" };
  for (const url of urls) {
    // A fresh DATEQ per attempt; the same NUMQUESTION.
    const body = new URLSearchParams(payboxRefundFields(c, { ...q, at: new Date() })).toString();
    const answer = await post(url, body);
    if (answer && answer.kind !== "retry") return answer;
    if (answer) last = answer;
  }
  return last;
}
