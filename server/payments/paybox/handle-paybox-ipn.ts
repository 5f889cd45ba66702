import "server-only";
/**
 * Use case: a Paybox IPN (PBX_REPONDRE_A, GET or POST /api/webhooks/paybox). The raw query (or
 * form body) is stored with its verification result before it is processed. The RSA-SHA1
 * signature is checked over the still-encoded data before the last `&K=`, with the Paybox
 * public key of the club's configuration; then E (error code), M (amount), R (our reference) and
 * A (authorisation) decide — but only after Paybox Direct, asked with the club's own
 * credentials, confirmed that the transaction is the club's (apply-paybox-ipn.ts, ADR 014): Paybox
 * signs every merchant's IPNs with the same key. Only this IPN marks a Paybox payment paid.
 * Idempotent by R|S|E. An error code never fails the payment by itself (the player may retry on
 * the hosted page until the hold expires). A verified IPN is answered 200 even when Paybox Direct
 * cannot be reached: it is stored, and the worker asks Paybox Direct again.
 */
import { verifyPayboxIpn } from "@/lib/payments/paybox-ipn";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { loadPayboxConfig } from "@/server/payments/gateway-config";
import { applyPayboxIpn } from "@/server/payments/paybox/apply-paybox-ipn";
import {
  type IncomingEvent,
  storeRejectedEvent,
  storeVerifiedEvent,
} from "@/server/payments/payment-events";

export const PAYBOX_IPN_MAX_BYTES = 8 * 1024;

export async function handlePayboxIpn(input: {
  rawQuery: string;
  method: "GET" | "POST";
}): Promise<{ status: number; outcome: string }> {
  const raw = input.rawQuery.startsWith("?") ? input.rawQuery.slice(1) : input.rawQuery;
  const params = Object.fromEntries(new URLSearchParams(raw));
  const reference = params.R ?? null;
  const base: IncomingEvent = {
    gateway: "PAYBOX",
    claimedEventId: reference ? `${reference}|${params.S ?? ""}|${params.E ?? ""}` : null,
    eventType: params.E ? `E=${params.E}` : null,
    paymentId: null,
    clubId: null,
    rawBody: raw,
    headers: { method: input.method },
  };
  const payment = reference
    ? await db.payment.findUnique({
        where: { reference: reference.slice(0, 64) },
        select: { id: true, clubId: true },
      })
    : null;
  if (!payment) {
    await storeRejectedEvent(base, "no payment matches reference R");
    return { status: 400, outcome: "rejected: unknown payment" };
  }
  const attributed = { ...base, paymentId: payment.id, clubId: payment.clubId };
  let config;
  try {
    config = await loadPayboxConfig(payment.clubId);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await storeRejectedEvent(attributed, `club configuration: ${err.message}`);
    return { status: 400, outcome: "rejected: club not configured" };
  }
  const v = verifyPayboxIpn(raw, config.publicKeyPem);
  if (!v.ok) {
    logger.warn({ reason: v.reason, paymentId: payment.id }, "paybox ipn refused");
    await storeRejectedEvent(attributed, v.reason);
    return { status: 400, outcome: `rejected: ${v.reason}` };
  }
  const stored = await storeVerifiedEvent({ ...attributed, eventId: base.claimedEventId! });
  if (!stored) return { status: 200, outcome: "duplicate" };

  const outcome = await applyPayboxIpn({
    eventRowId: stored.id,
    paymentId: payment.id,
    params: v.params,
    config,
  });
  return { status: 200, outcome };
}
