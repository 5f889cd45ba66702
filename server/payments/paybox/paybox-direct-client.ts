import "server-only";
/**
 * A small Paybox Direct (PPPS) client (not a use case): refunds (TYPE 00014) and the consultation
 * of a transaction (TYPE 00017, which binds an IPN to the club's own merchant account: ADR 014).
 * One form-encoded POST to PPPS.php per question, answered form-encoded with CODEREPONSE
 * (00000 = done), NUMTRANS, NUMAPPEL, SITE, RANG, COMMENTAIRE and, for a consultation, STATUS. The fields are sent in the documented order and signed with
 * HMAC-SHA512 (HASH=SHA512, HMAC = uppercase hex over `NAME=value&…`, values not URL-encoded,
 * keyed with the merchant's hex key decoded to bytes — the same key as the hosted-page form).
 *
 * NUMQUESTION is derived from the refund's request id, so a retry after a lost answer asks the
 * same question again instead of refunding twice. A network error, an HTTP error or one of
 * Paybox's "try again" codes is reported as `retry`; any other code is a refusal.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { ISO_NUMERIC_CURRENCY } from "@/lib/payments/paybox-form";
import { logger } from "@/server/logger";

export const PPPS_VERSION = "00104";
export const PPPS_TYPE_REFUND = "00014";
/**
 * Consultation of one transaction, asked by NUMTRANS/NUMAPPEL with the site's own SITE/RANG/CLE
 * and HMAC: Paybox answers only about that site's transactions. The answer's STATUS says what
 * became of it ("Autorisé", "Capturé", "Remboursé", "Annulé", "Refusé", …: the spellings used by
 * the public nexylan/paybox-direct client; to be checked against Verifone's Paybox Direct manual).
 */
export const PPPS_TYPE_CONSULTATION = "00017";
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

/** A question about one transaction (refund or consultation). */
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

export type PayboxConsultationQuestion = Omit<PayboxRefundQuestion, "numQuestion" | "reference">;

export type PayboxDirectAnswer =
  | { kind: "ok"; numTrans: string; numAppel: string; comment: string }
  | { kind: "refused"; code: string; comment: string }
  | { kind: "retry"; reason: string };

/** What a consultation established about the transaction an IPN names. */
export type PayboxConsultation =
  /** The club's transaction, authorised or captured, for this amount and currency. */
  | { kind: "confirmed"; status: string; numTrans: string }
  /** Not the club's, unknown, another amount/currency, or not (or no longer) authorised. */
  | { kind: "not-confirmed"; detail: string }
  /** Paybox Direct did not answer usefully: ask again later. */
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

/** The signed fields of a question about one transaction, in the order they are sent, HMAC last. */
export function pppsQuestionFields(
  c: PayboxDirectCredentials,
  type: string,
  q: Omit<PayboxRefundQuestion, "reference"> & { reference: string | null },
): [string, string][] {
  const devise = ISO_NUMERIC_CURRENCY[q.currency];
  if (!devise) throw new Error(`Paybox Direct: unsupported currency ${q.currency}`);
  if (!Number.isSafeInteger(q.amount) || q.amount <= 0)
    throw new Error("Paybox Direct: the amount must be a positive integer of minor units");
  if (q.reference !== null && /[&=]/.test(q.reference))
    throw new Error("Paybox Direct: reference must not contain & or =");
  const fields: [string, string][] = [
    ["VERSION", PPPS_VERSION],
    ["TYPE", type],
    ["SITE", c.site],
    ["RANG", c.rang],
    ["CLE", c.key],
    ["NUMQUESTION", pad(q.numQuestion, 10, "NUMQUESTION")],
    ["MONTANT", pad(q.amount, 10, "MONTANT")],
    ["DEVISE", devise],
    ...(q.reference !== null ? ([["REFERENCE", q.reference]] as [string, string][]) : []),
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

/** The signed fields of a refund question (TYPE 00014). */
export function payboxRefundFields(
  c: PayboxDirectCredentials,
  q: PayboxRefundQuestion,
): [string, string][] {
  return pppsQuestionFields(c, PPPS_TYPE_REFUND, q);
}

/** Reads a PPPS answer (form-encoded; Paybox answers in Latin-1). */
export function parsePppsAnswer(bytes: Uint8Array): Record<string, string> {
  const text = new TextDecoder("latin1").decode(bytes).trim();
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] ??= v.trim();
  return out;
}

type RawAnswer =
  { kind: "answer"; fields: Record<string, string> } | { kind: "retry"; reason: string };

/** One POST; null when the host did not answer (network error, timeout, 5xx). */
async function post(url: string, body: string): Promise<RawAnswer | null> {
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
  const fields = parsePppsAnswer(bytes);
  const code = fields.CODEREPONSE ?? "";
  if (!/^\d{5}$/.test(code)) return { kind: "retry", reason: "answer without CODEREPONSE" };
  if (RETRY_CODES.has(code))
    return {
      kind: "retry",
      reason: `CODEREPONSE ${code} ${(fields.COMMENTAIRE ?? "").slice(0, 200)}`.trim(),
    };
  return { kind: "answer", fields };
}

/**
 * Asks one question (the fields are built per attempt: a fresh DATEQ, the same NUMQUESTION); the
 * production host's backup is asked when the first host does not answer.
 */
async function ask(
  c: PayboxDirectCredentials,
  build: () => [string, string][],
): Promise<RawAnswer> {
  const urls = [c.url];
  const u = new URL(c.url);
  if (u.hostname === PRIMARY) {
    u.hostname = BACKUP;
    urls.push(u.toString());
  }
  let last: RawAnswer = { kind: "retry", reason: "Paybox Direct unreachable" };
  for (const url of urls) {
    const answer = await post(url, new URLSearchParams(build()).toString());
    if (answer && answer.kind !== "retry") return answer;
    if (answer) last = answer;
  }
  return last;
}

/** Sends one refund question (TYPE 00014). */
export async function refundPayboxTransaction(
  c: PayboxDirectCredentials,
  q: PayboxRefundQuestion,
): Promise<PayboxDirectAnswer> {
  const answer = await ask(c, () => payboxRefundFields(c, { ...q, at: new Date() }));
  if (answer.kind === "retry") return answer;
  const a = answer.fields;
  const code = a.CODEREPONSE!;
  const comment = (a.COMMENTAIRE ?? "").slice(0, 200);
  if (code !== "00000") return { kind: "refused", code, comment };
  if (!/^\d{1,10}$/.test(a.NUMTRANS ?? ""))
    return { kind: "retry", reason: "answer without a transaction number" };
  return { kind: "ok", numTrans: a.NUMTRANS!, numAppel: a.NUMAPPEL ?? "", comment };
}

/** STATUS values of a transaction whose money the merchant holds (accents and case ignored). */
const HELD_STATUSES = new Set(["autorise", "capture"]);
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

/**
 * Consults one transaction (TYPE 00017) with the club's own SITE/RANG/CLE and HMAC key. The
 * question carries the amount and currency the transaction must have (MONTANT = the amount Paybox
 * signed in the IPN, DEVISE = the payment's currency) and, like the public nexylan/paybox-direct
 * inquiry, no REFERENCE. Confirmed only when
 * Paybox answers 00000 for this site and rang (echoed: "it is advised to check these values"),
 * about this NUMTRANS, with an authorised or captured STATUS; any other code (00018 unknown
 * transaction, 00010/00011 currency or amount…) is a refusal. A fresh NUMQUESTION per
 * consultation: it only reads.
 */
export async function consultPayboxTransaction(
  c: PayboxDirectCredentials,
  q: PayboxConsultationQuestion,
): Promise<PayboxConsultation> {
  const numQuestion = numQuestionFor(`consult:${randomUUID()}`);
  let answer: RawAnswer;
  try {
    answer = await ask(c, () =>
      pppsQuestionFields(c, PPPS_TYPE_CONSULTATION, {
        ...q,
        reference: null,
        numQuestion,
        at: new Date(),
      }),
    );
  } catch (err) {
    return { kind: "not-confirmed", detail: (err as Error).message };
  }
  if (answer.kind === "retry") return answer;
  const a = answer.fields;
  const code = a.CODEREPONSE!;
  const comment = (a.COMMENTAIRE ?? "").slice(0, 120);
  if (code !== "00000")
    return {
      kind: "not-confirmed",
      detail:
        `Paybox Direct consultation of transaction ${q.numTrans}: CODEREPONSE ${code} ${comment}`.trim(),
    };
  const same = (x: string | undefined, y: string) =>
    x !== undefined && /^\d+$/.test(x) && /^\d+$/.test(y) && Number(x) === Number(y);
  if (!same(a.SITE, c.site) || !same(a.RANG, c.rang) || !same(a.NUMTRANS, q.numTrans))
    return {
      kind: "not-confirmed",
      detail: `Paybox Direct answered about another site, rang or transaction (SITE ${a.SITE ?? "?"}, RANG ${a.RANG ?? "?"}, NUMTRANS ${a.NUMTRANS ?? "?"})`,
    };
  const status = (a.STATUS ?? "").slice(0, 60);
  if (!HELD_STATUSES.has(fold(status)))
    return {
      kind: "not-confirmed",
      detail: `Paybox Direct reports transaction ${q.numTrans} as "${status || "no STATUS"}", not authorised or captured`,
    };
  return { kind: "confirmed", status, numTrans: q.numTrans };
}
