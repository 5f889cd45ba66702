import "server-only";
/**
 * The payment job, run by scripts/worker.ts next to the email worker (so by `npm run worker`,
 * `npm run dev` and `npm start`) every PAYMENT_JOBS_INTERVAL_MS. One pass:
 *
 * 1. reconciles PayPal checkouts whose browser went away: a pending payment with an order not
 *    touched for a minute is re-read at PayPal; an order the buyer APPROVED is captured (same
 *    PayPal-Request-Id as the browser's capture, so never twice), a completed capture is applied;
 * 2. applies again the verified Paybox IPNs left unprocessed because Paybox Direct could not be
 *    reached to confirm their transaction (ADR 014), before expiring anything;
 * 3. expires the holds that ended (the booking is cancelled and the slot released);
 * 4. sends queued refunds (REQUESTED, or PENDING for over a minute: retried with the same
 *    idempotency id) — PayPal refund API, Paybox Direct, or MANUAL for the admin list.
 *
 * Safe with several workers: every change goes through the conditional transition function and
 * each refund is locked while it is prepared (the gateway idempotency ids do the rest).
 */
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { periodicJob, type PeriodicJob } from "@/server/jobs/periodic-job";
import { logger } from "@/server/logger";
import { expirePaymentHolds } from "@/server/payments/expire-payment-holds";
import { loadPaypalConfig } from "@/server/payments/gateway-config";
import { recheckPayboxIpns } from "@/server/payments/paybox/recheck-paybox-ipns";
import { sendPayboxRefund } from "@/server/payments/paybox/send-paybox-refund";
import { capturePaypalPayment } from "@/server/payments/paypal/capture-paypal-payment";
import { captureOf, getPaypalOrder } from "@/server/payments/paypal/paypal-client";
import { sendPaypalRefund } from "@/server/payments/paypal/send-paypal-refund";

const BATCH = 20;
const RECONCILE_AFTER_MS = 60_000;
const RETRY_REFUND_AFTER_MS = 60_000;

export type PaymentPass = {
  reconciled: number;
  /** Paybox IPNs applied after Paybox Direct confirmed (or refused) their transaction. */
  ipnsRechecked: number;
  expired: number;
  refunds: Record<string, number>;
};

/** Re-reads one pending PayPal checkout; captures an approved order; applies a capture. */
export async function reconcilePaypalPayment(paymentId: string): Promise<string> {
  const p = await db.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: { clubId: true, paypalOrderId: true, status: true },
  });
  if (p.status !== "PENDING" || !p.paypalOrderId) return `nothing to do (${p.status})`;
  // Touch first: a failing order is retried a minute later, not on every pass.
  await db.$executeRaw`UPDATE "payment" SET "updated_at" = now() WHERE "id" = ${paymentId}::uuid`;
  const order = await getPaypalOrder(await loadPaypalConfig(p.clubId), p.paypalOrderId);
  if (order.status === "APPROVED")
    return (await capturePaypalPayment({ paymentId, actorId: null })).outcome;
  if (captureOf(order))
    return (await capturePaypalPayment({ paymentId, actorId: null, mode: "reconcile" })).outcome;
  return `order ${order.status}`;
}

export async function runPaymentPass(now: Date = new Date()): Promise<PaymentPass> {
  const log = logger.child({ component: "payment-jobs" });
  const pass: PaymentPass = { reconciled: 0, ipnsRechecked: 0, expired: 0, refunds: {} };

  const stale = await db.payment.findMany({
    where: {
      status: "PENDING",
      gateway: "PAYPAL",
      paypalOrderId: { not: null },
      updatedAt: { lt: new Date(now.getTime() - RECONCILE_AFTER_MS) },
    },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: BATCH,
  });
  for (const p of stale) {
    try {
      const outcome = await reconcilePaypalPayment(p.id);
      pass.reconciled++;
      log.info({ paymentId: p.id, outcome }, "paypal checkout reconciled");
    } catch (err) {
      log.warn({ paymentId: p.id, err: (err as Error).message }, "paypal reconciliation failed");
    }
  }

  try {
    pass.ipnsRechecked = (await recheckPayboxIpns(now)).applied;
  } catch (err) {
    log.warn({ err: (err as Error).message }, "paybox ipn recheck failed");
  }

  pass.expired = await expirePaymentHolds(now, BATCH * 5);

  const refunds = await db.refund.findMany({
    where: {
      OR: [
        { status: "REQUESTED" },
        {
          status: "PENDING",
          updatedAt: { lt: new Date(now.getTime() - RETRY_REFUND_AFTER_MS) },
        },
      ],
    },
    select: { id: true, payment: { select: { gateway: true } } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const r of refunds) {
    try {
      const { status } =
        r.payment.gateway === "PAYBOX"
          ? await sendPayboxRefund(r.id)
          : await sendPaypalRefund(r.id);
      pass.refunds[status] = (pass.refunds[status] ?? 0) + 1;
      // A refund still PENDING is retried a minute later, not on every pass.
      if (status === "PENDING")
        await db.$executeRaw`UPDATE "refund" SET "updated_at" = now() WHERE "id" = ${r.id}::uuid`;
    } catch (err) {
      log.warn({ refundId: r.id, err: (err as Error).message }, "refund not sent");
      await db.$executeRaw`UPDATE "refund" SET "updated_at" = now() WHERE "id" = ${r.id}::uuid`;
    }
  }
  if (pass.reconciled || pass.ipnsRechecked || pass.expired || refunds.length)
    log.info(pass, "payment pass");
  return pass;
}

export type PaymentJob = PeriodicJob<PaymentPass>;

export function createPaymentJob(options: { intervalMs?: number } = {}): PaymentJob {
  const intervalMs = options.intervalMs ?? env().PAYMENT_JOBS_INTERVAL_MS;
  const log = logger.child({ component: "payment-jobs", job: randomBytes(3).toString("hex") });
  return periodicJob({
    log,
    what: "payment",
    intervalMs,
    runOnce: () => runPaymentPass(),
    onStart: () => log.info({ intervalMs }, "payment job started"),
    onStop: () => log.info("payment job stopped"),
  });
}
