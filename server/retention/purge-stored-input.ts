import "server-only";
/**
 * Retention of what unauthenticated endpoints store (docs/decisions/016-hostile-input.md):
 *
 * - CSP violation reports: deleted after CSP_RETENTION_DAYS.
 * - payment_event rows attributed to a payment are that payment's audit trail (what each gateway
 *   said, verified or not): kept as long as the payment row. Rows attributed to no payment
 *   (unknown reference, unhandled event types, forged messages, and events of a payment since
 *   deleted) are deleted after UNMATCHED_PAYMENT_EVENT_RETENTION_DAYS.
 * - security_signal rows (probes, database log findings: issue 14 §2-3): deleted after
 *   SECURITY_SIGNAL_RETENTION_DAYS; the alerts they raised are kept.
 *
 * Deleted in batches, so that a long backlog never holds a long lock.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { periodicJob, type PeriodicJob } from "@/server/jobs/periodic-job";
import { logger } from "@/server/logger";
import { CSP_RETENTION_DAYS } from "@/server/security/record-csp-violation";

export const UNMATCHED_PAYMENT_EVENT_RETENTION_DAYS = 30;
export const SECURITY_SIGNAL_RETENTION_DAYS = 90;
const BATCH = 1_000;

export type PurgeResult = { cspViolations: number; paymentEvents: number; securitySignals: number };

/** Runs one batched DELETE (at most BATCH rows) until fewer than BATCH rows go; the total. */
async function deleteInBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < 100; i++) {
    const n = await deleteBatch();
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

export async function purgeStoredInput(now: Date = new Date()): Promise<PurgeResult> {
  const cspViolations = await deleteInBatches(
    () => db.$executeRaw`
      DELETE FROM csp_violation WHERE id IN (
        SELECT id FROM csp_violation
        WHERE received_at < ${now}::timestamptz - make_interval(days => ${CSP_RETENTION_DAYS}::int4)
        LIMIT ${BATCH})`,
  );
  const paymentEvents = await deleteInBatches(
    () => db.$executeRaw`
      DELETE FROM payment_event WHERE id IN (
        SELECT id FROM payment_event
        WHERE payment_id IS NULL
          AND received_at < ${now}::timestamptz - make_interval(days => ${UNMATCHED_PAYMENT_EVENT_RETENTION_DAYS}::int4)
        LIMIT ${BATCH})`,
  );
  const securitySignals = await deleteInBatches(
    () => db.$executeRaw`
      DELETE FROM security_signal WHERE id IN (
        SELECT id FROM security_signal
        WHERE at < ${now}::timestamptz - make_interval(days => ${SECURITY_SIGNAL_RETENTION_DAYS}::int4)
        LIMIT ${BATCH})`,
  );
  return { cspViolations, paymentEvents, securitySignals };
}

/** Runs purgeStoredInput every `intervalMs` (default one hour); run by scripts/worker.ts. */
export function createPurgeJob(options: { intervalMs?: number } = {}): PeriodicJob<PurgeResult> {
  const log = logger.child({ component: "retention", job: randomBytes(3).toString("hex") });
  return periodicJob({
    log,
    what: "retention",
    intervalMs: options.intervalMs ?? 60 * 60_000,
    runOnce: async () => {
      const r = await purgeStoredInput();
      if (r.cspViolations || r.paymentEvents || r.securitySignals)
        log.info(r, "expired stored input purged");
      return r;
    },
  });
}
