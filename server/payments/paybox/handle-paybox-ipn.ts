import "server-only";
/**
 * Use case: a Paybox IPN (PBX_REPONDRE_A, GET or POST /api/webhooks/paybox). The raw query (or
 * form body) is stored with its verification result before it is processed. The RSA-SHA1
 * signature is checked over the still-encoded data before the last `&K=`, with the Paybox
 * public key of the club's configuration; then E (error code), M (amount), R (our reference) and
 * A (authorisation) decide. Only this IPN marks a Paybox payment paid. Idempotent by R|S|E.
 * An error code never fails the payment by itself (the player may retry on the hosted page until
 * the hold expires).
 */
import { verifyPayboxIpn } from "@/lib/payments/paybox-ipn";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { acceptLatePayment } from "@/server/payments/accept-late-payment";
import { flagPayment } from "@/server/payments/flag-payment";
import { loadPayboxConfig } from "@/server/payments/gateway-config";
import {
  type IncomingEvent,
  processStoredEvent,
  storeRejectedEvent,
  storeVerifiedEvent,
} from "@/server/payments/payment-events";
import { queueRefund } from "@/server/payments/queue-refund";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import { lockPayment } from "@/server/payments/paypal/apply-paypal-capture";

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

  const { M, E, A, S, T } = v.params;
  const outcome = await processStoredEvent(stored.id, async (tx) => {
    const p = await lockPayment(tx, payment.id);
    const full = await tx.payment.findUniqueOrThrow({
      where: { id: payment.id },
      select: { payboxTransaction: true },
    });
    const source = "paybox ipn";
    if (E !== "00000") {
      // A refused attempt (001xx bank refusal, 00030 timeout…) or 99999 (pending): the player may
      // still try again on the hosted page while the hold lasts, so the payment stays pending;
      // the hold expiry fails it and releases the slot.
      return `attempt not paid (E=${(E ?? "none").slice(0, 10)}, payment ${p.status})`;
    }
    const refs = {
      payboxTransaction: S?.slice(0, 32) ?? null,
      payboxCallNumber: T?.slice(0, 32) ?? null,
      payboxAuthorisation: A?.slice(0, 32) ?? null,
    };
    const amount = /^\d{1,12}$/.test(M ?? "") ? Number(M) : undefined;
    if (amount !== p.amount || !A) {
      const detail = `expected ${p.amount} ${p.currency}, Paybox reported M=${(M ?? "").slice(0, 20)} A=${(A ?? "none").slice(0, 20)}`;
      if (p.status === "PENDING")
        await applyPaymentTransition(tx, {
          paymentId: p.id,
          from: "PENDING",
          to: "FAILED",
          reason: `${source}: amount or authorisation mismatch`,
          data: refs,
        });
      await flagPayment(tx, p, "AMOUNT_MISMATCH", detail);
      if (amount !== undefined && amount > 0)
        await queueRefund(tx, {
          paymentId: p.id,
          clubId: p.clubId,
          amount,
          currency: p.currency,
          reason:
            "amount paid differs from the booking's price (Paybox: manual or Paybox Direct refund)",
          requestId: `paybox-mismatch-${p.id}-${S ?? T ?? "x"}`,
        });
      return "amount mismatch: not paid, flagged, refund queued";
    }
    if (p.status === "PENDING") {
      await applyPaymentTransition(tx, {
        paymentId: p.id,
        from: "PENDING",
        to: "PAID",
        reason: `${source}: authorised`,
        data: { ...refs, paidAt: new Date() },
      });
      return "paid";
    }
    if (full.payboxTransaction && full.payboxTransaction === refs.payboxTransaction)
      return `already applied (payment ${p.status})`;
    if (
      p.status === "EXPIRED" &&
      (await acceptLatePayment(tx, {
        paymentId: p.id,
        source,
        data: { ...refs, paidAt: new Date() },
      }))
    )
      return "late payment accepted: the slot was still free, booking made again";
    if (p.status === "EXPIRED" || p.status === "FAILED") {
      // Keep Paybox's numbers of the transaction: Paybox Direct refunds it by them.
      if (!full.payboxTransaction) await tx.payment.update({ where: { id: p.id }, data: refs });
      await flagPayment(
        tx,
        p,
        "LATE_PAYMENT",
        `transaction ${S ?? "?"} authorised after ${p.status}`,
      );
      await queueRefund(tx, {
        paymentId: p.id,
        clubId: p.clubId,
        amount: p.amount,
        currency: p.currency,
        reason: `payment completed after the payment was ${p.status.toLowerCase()}`,
        requestId: `paybox-late-${p.id}-${S ?? T ?? "x"}`,
      });
      return "late payment: flagged, refund queued";
    }
    return `ignored (payment ${p.status})`;
  });
  return { status: 200, outcome };
}
