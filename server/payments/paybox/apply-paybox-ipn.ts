import "server-only";
/**
 * Applies one stored, signature-verified Paybox IPN (not a use case: shared by the IPN route's
 * handler and the payment worker, which asks again when Paybox Direct could not be reached).
 *
 * Paybox signs every merchant's IPNs with the same key, so a valid signature only says that
 * *some* Paybox merchant was paid. Before an authorised IPN (E=00000) changes anything, Paybox
 * Direct is asked, with the club's own SITE/RANG/CLE and HMAC key, about the transaction the IPN
 * names (S = NUMTRANS, T = NUMAPPEL), for the amount Paybox signed (M) in the payment's currency
 * (ADR 014):
 * - confirmed (the club's transaction, authorised or captured) → the IPN is applied as before:
 *   paid, amount mismatch (failed, refund queued), late payment;
 * - not confirmed (unknown to the club's site, other amount or currency, refused or cancelled,
 *   no Paybox Direct key, or a transaction that already paid another payment) → nothing changes
 *   but a PAYBOX_NOT_VERIFIED flag; the event is processed with that outcome;
 * - Paybox Direct unreachable → the event stays unprocessed ("awaiting Paybox Direct…") and the
 *   worker asks again (recheck-paybox-ipns.ts).
 * An error code (E ≠ 00000) never changes the payment, so it needs no consultation.
 */
import type { PrismaTx } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { acceptLatePayment } from "@/server/payments/accept-late-payment";
import { flagPayment } from "@/server/payments/flag-payment";
import type { PayboxConfig } from "@/server/payments/gateway-config";
import { processStoredEvent } from "@/server/payments/payment-events";
import { lockPayment } from "@/server/payments/paypal/apply-paypal-capture";
import { queueRefund } from "@/server/payments/queue-refund";
import { applyPaymentTransition } from "@/server/payments/transition-payment";
import { consultPayboxTransaction, type PayboxConsultation } from "./paybox-direct-client";

export const PAYBOX_NOT_VERIFIED = "PAYBOX_NOT_VERIFIED";
/** Outcome prefix of an event left unprocessed for the worker. */
export const AWAITING_PAYBOX_DIRECT = "awaiting Paybox Direct";

type IpnParams = Record<string, string | undefined>;

async function consult(
  config: PayboxConfig,
  payment: { currency: string },
  params: IpnParams,
): Promise<PayboxConsultation> {
  const { M, S, T } = params;
  if (!config.consultation)
    return {
      kind: "not-confirmed",
      detail:
        "the club's Paybox configuration has no Paybox Direct key: the transaction cannot be verified with Paybox",
    };
  if (!/^\d{1,10}$/.test(S ?? "") || !/^\d{1,10}$/.test(T ?? ""))
    return {
      kind: "not-confirmed",
      detail: "the IPN carries no transaction (S) or call (T) number",
    };
  if (!/^\d{1,10}$/.test(M ?? "") || Number(M) <= 0)
    return {
      kind: "not-confirmed",
      detail: `the IPN carries no amount (M=${(M ?? "").slice(0, 20)})`,
    };
  return consultPayboxTransaction(
    {
      url: config.consultation.url,
      key: config.consultation.key,
      site: config.site,
      rang: config.rang,
      hmacKeyHex: config.hmacKeyHex,
    },
    {
      amount: Number(M),
      currency: payment.currency,
      numTrans: S!,
      numAppel: T!,
    },
  );
}

/** Processes a stored verified IPN of this payment; returns its outcome. */
export async function applyPayboxIpn(input: {
  eventRowId: string;
  paymentId: string;
  params: IpnParams;
  config: PayboxConfig;
}): Promise<string> {
  const { M, E, A, S, T } = input.params;
  let verification: PayboxConsultation | null = null;
  if (E === "00000") {
    const payment = await db.payment.findUniqueOrThrow({
      where: { id: input.paymentId },
      select: { currency: true },
    });
    verification = await consult(input.config, payment, input.params);
    if (verification.kind === "retry") {
      const outcome = `${AWAITING_PAYBOX_DIRECT}: ${verification.reason}`.slice(0, 80);
      await db.paymentEvent.updateMany({
        where: { id: input.eventRowId, processedAt: null },
        data: { outcome },
      });
      return outcome;
    }
  }
  const confirmed = verification;

  return processStoredEvent(input.eventRowId, async (tx) => {
    const p = await lockPayment(tx, input.paymentId);
    const source = "paybox ipn";
    if (E !== "00000" || !confirmed) {
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
    if (confirmed.kind === "confirmed") {
      const other = await tx.payment.findFirst({
        where: {
          clubId: p.clubId,
          id: { not: p.id },
          payboxTransaction: refs.payboxTransaction,
        },
        select: { id: true },
      });
      if (other)
        return notVerified(
          tx,
          p,
          `Paybox transaction ${S ?? "?"} already confirmed payment ${other.id}`,
        );
    } else {
      return notVerified(tx, p, confirmed.detail);
    }
    return applyVerified(tx, p, { M, A, S, T, refs, source });
  });
}

async function notVerified(
  tx: PrismaTx,
  p: { id: string; clubId: string },
  detail: string,
): Promise<string> {
  // Another reconciliation flag (a refund that failed, a mismatch…) is not hidden by this one:
  // the event's outcome and the log keep the refused IPN.
  const { flag } = await tx.payment.findUniqueOrThrow({
    where: { id: p.id },
    select: { flag: true },
  });
  if (!flag || flag === PAYBOX_NOT_VERIFIED)
    await flagPayment(tx, p, PAYBOX_NOT_VERIFIED, `IPN not confirmed: ${detail}`);
  logger.warn({ paymentId: p.id, detail }, "paybox ipn not confirmed by paybox direct");
  return `not confirmed: ${detail}`;
}

/** The IPN's transaction is the club's (consultation confirmed): paid, mismatch or late. */
async function applyVerified(
  tx: PrismaTx,
  p: Awaited<ReturnType<typeof lockPayment>>,
  ipn: {
    M: string | undefined;
    A: string | undefined;
    S: string | undefined;
    T: string | undefined;
    refs: {
      payboxTransaction: string | null;
      payboxCallNumber: string | null;
      payboxAuthorisation: string | null;
    };
    source: string;
  },
): Promise<string> {
  const { M, A, S, T, refs, source } = ipn;
  const full = await tx.payment.findUniqueOrThrow({
    where: { id: p.id },
    select: { payboxTransaction: true },
  });
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
      reason: `${source}: authorised (confirmed by Paybox Direct)`,
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
}
