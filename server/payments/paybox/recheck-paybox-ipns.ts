import "server-only";
/**
 * Use case (for the worker): applies again the verified Paybox IPNs left unprocessed — because
 * Paybox Direct could not be reached to confirm their transaction (apply-paybox-ipn.ts, ADR 014),
 * or because processing failed. We do not rely on Paybox delivering an IPN again: the raw IPN was
 * stored with its verified signature, so the worker replays it and asks Paybox Direct again.
 *
 * A few events per pass, picked at random among those older than a minute (the IPN's own request
 * may still be processing them; one event that never gets an answer cannot starve the others),
 * and the pass stops at the first one Paybox Direct still does not answer (one probe per pass
 * while it is down). Processing is idempotent (the event row is locked and marked processed).
 */
import { verifyPayboxIpn } from "@/lib/payments/paybox-ipn";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { loadPayboxConfig } from "@/server/payments/gateway-config";
import { AWAITING_PAYBOX_DIRECT, applyPayboxIpn } from "./apply-paybox-ipn";

const RECHECK_AFTER_MS = 60_000;
const BATCH = 5;

export async function recheckPayboxIpns(
  now: Date = new Date(),
): Promise<{ applied: number; waiting: number }> {
  const cutoff = new Date(now.getTime() - RECHECK_AFTER_MS);
  const rows = await db.$queryRaw<{ id: string; payment_id: string; raw_body: string }[]>`
    SELECT id, payment_id, raw_body FROM payment_event
    WHERE gateway = 'PAYBOX' AND verified AND event_id IS NOT NULL AND processed_at IS NULL
      AND payment_id IS NOT NULL AND received_at < ${cutoff}
    ORDER BY random() LIMIT ${BATCH}`;
  let applied = 0;
  for (const r of rows) {
    const head = await db.payment.findUnique({
      where: { id: r.payment_id },
      select: { clubId: true },
    });
    if (!head) continue;
    let config;
    try {
      config = await loadPayboxConfig(head.clubId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger.warn({ eventId: r.id, err: err.message }, "paybox ipn recheck: club not configured");
      continue;
    }
    // Verified when it arrived; checked again so that the same parameters are read the same way.
    const v = verifyPayboxIpn(r.raw_body, config.publicKeyPem);
    if (!v.ok) {
      logger.warn({ eventId: r.id, reason: v.reason }, "paybox ipn recheck: signature");
      continue;
    }
    const outcome = await applyPayboxIpn({
      eventRowId: r.id,
      paymentId: r.payment_id,
      params: v.params,
      config,
    });
    logger.info({ eventId: r.id, paymentId: r.payment_id, outcome }, "paybox ipn rechecked");
    if (outcome.startsWith(AWAITING_PAYBOX_DIRECT))
      return { applied, waiting: rows.length - applied };
    applied++;
  }
  return { applied, waiting: 0 };
}
