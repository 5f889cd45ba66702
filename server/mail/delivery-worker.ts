import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isOptionalCategory } from "@/lib/mail/categories";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "@/lib/mail/backoff";
import { db } from "@/server/db";
import { periodicJob, describeError, type PeriodicJob } from "@/server/jobs/periodic-job";
import { logger } from "@/server/logger";
import {
  createMailTransport,
  type MailTransport,
  type OutboundMessage,
} from "./create-mail-transport";
import { getMailConfig, type MailConfig } from "./mail-config";

export type DeliveryWorkerOptions = {
  config?: MailConfig;
  transport?: MailTransport;
  /** Injectable clock (tests). All lease and retry times are computed from it. */
  now?: () => Date;
  random?: () => number;
  workerId?: string;
  batchSize?: number;
  /** How long a claim protects a row before anything was sent. */
  claimLeaseMs?: number;
  /** How long the SMTP transaction may take before the row is declared UNCERTAIN. */
  sendLeaseMs?: number;
  intervalMs?: number;
  /**
   * Fault injection for tests: a hook that throws simulates the process dying at that point
   * (the worker stops touching the batch, as a killed process would).
   */
  hooks?: {
    afterClaim?(outboxId: string): Promise<void>;
    afterSend?(outboxId: string): Promise<void>;
  };
};

export type DeliveryRunSummary = {
  released: number;
  uncertain: number;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
};

/** Polls the outbox until stop(); several workers (instances) can run at once. A pass recovers
 * expired leases, claims a batch and delivers it; stop() finishes the message in flight. */
export type DeliveryWorker = PeriodicJob<DeliveryRunSummary> & { id: string };

type ClaimedRow = {
  id: string;
  message_id: string;
  category: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: unknown;
  attachments: unknown;
  attempts: number;
};

/** Whether SMTP certainly refused the message for good (a 5xx to the envelope or the data). */
function isPermanent(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown };
  return (
    typeof e.responseCode === "number" &&
    e.responseCode >= 500 &&
    (e.code === "EENVELOPE" || e.code === "EMESSAGE")
  );
}

/**
 * The outbox delivery worker. Exactly-once as far as a process crash is concerned:
 *  - rows are claimed with FOR UPDATE SKIP LOCKED and a lease (CLAIMED): concurrent workers never
 *    take the same row; a claim whose lease expires before anything was sent goes back to PENDING;
 *  - right before the SMTP transaction the row is committed as SENDING. If the worker dies after
 *    that and before recording SENT, nobody can know whether SMTP accepted the message, so the row
 *    becomes UNCERTAIN and is never sent again automatically (docs/decisions/006-email-outbox.md);
 *  - SMTP errors (server down, 4xx) are retried with exponential backoff; 5xx refusals of the
 *    envelope or message and exhausted attempts end as FAILED with the last error.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const config = options.config ?? getMailConfig();
  const transport = options.transport ?? createMailTransport(config);
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const id = (
    options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`
  ).slice(0, 100);
  const batchSize = options.batchSize ?? 20;
  const claimLeaseMs = options.claimLeaseMs ?? 2 * 60_000;
  const sendLeaseMs = options.sendLeaseMs ?? 5 * 60_000;
  const intervalMs = options.intervalMs ?? config.workerIntervalMs;
  const log = logger.child({ component: "mail-worker", worker: id });
  let lastHousekeeping = 0;

  async function recoverExpiredLeases(t: Date) {
    // Claimed but never sent: safe to hand back (or give up on a message that keeps killing us).
    const released = await db.emailOutbox.updateMany({
      where: { status: "CLAIMED", leaseUntil: { lt: t }, attempts: { lt: MAX_DELIVERY_ATTEMPTS } },
      data: { status: "PENDING", leaseUntil: null, leaseOwner: null, nextAttemptAt: t },
    });
    await db.emailOutbox.updateMany({
      where: { status: "CLAIMED", leaseUntil: { lt: t } },
      data: {
        status: "FAILED",
        leaseUntil: null,
        leaseOwner: null,
        lastError: "gave up: worker lost its claim too often",
      },
    });
    // Died while talking to SMTP: the message may have been accepted. Never send it twice.
    const uncertain = await db.emailOutbox.updateMany({
      where: { status: "SENDING", leaseUntil: { lt: t } },
      data: {
        status: "UNCERTAIN",
        leaseUntil: null,
        lastError:
          "worker stopped during the SMTP transaction; SMTP may have accepted it, so it is not retried automatically",
      },
    });
    if (uncertain.count)
      log.warn(
        { count: uncertain.count },
        "outbox messages marked UNCERTAIN after an interrupted send",
      );
    return { released: released.count, uncertain: uncertain.count };
  }

  async function claim(t: Date): Promise<ClaimedRow[]> {
    const leaseUntil = new Date(t.getTime() + claimLeaseMs);
    return db.$queryRaw<ClaimedRow[]>`
      UPDATE "email_outbox" o
      SET "status" = 'CLAIMED', "lease_owner" = ${id}, "lease_until" = ${leaseUntil}::timestamptz,
          "attempts" = o."attempts" + 1
      FROM (
        SELECT "id" FROM "email_outbox"
        WHERE "status" = 'PENDING' AND "next_attempt_at" <= ${t}::timestamptz
        ORDER BY "next_attempt_at"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ) c
      WHERE o."id" = c."id"
      RETURNING o."id"::text AS id, o."message_id", o."category", o."to_address"::text AS to_address,
                o."subject", o."html", o."text", o."headers", o."attachments", o."attempts"`;
  }

  async function deliver(row: ClaimedRow, summary: DeliveryRunSummary) {
    await options.hooks?.afterClaim?.(row.id);
    const mine = { id: row.id, leaseOwner: id };

    if (isOptionalCategory(row.category)) {
      const unsubscribed = await db.emailUnsubscribe.findUnique({
        where: {
          address_category: { address: row.to_address.toLowerCase(), category: row.category },
        },
        select: { id: true },
      });
      if (unsubscribed) {
        await db.emailOutbox.updateMany({
          where: { ...mine, status: "CLAIMED" },
          data: { status: "SUPPRESSED", leaseUntil: null, leaseOwner: null },
        });
        summary.suppressed++;
        return;
      }
    }

    const t = now();
    const marked = await db.emailOutbox.updateMany({
      where: { ...mine, status: "CLAIMED" },
      data: { status: "SENDING", leaseUntil: new Date(t.getTime() + sendLeaseMs) },
    });
    if (marked.count === 0) return; // lease lost to recovery; another worker owns it now

    const message: OutboundMessage = {
      outboxId: row.id,
      messageId: row.message_id,
      to: row.to_address,
      subject: row.subject,
      html: row.html,
      text: row.text,
      headers: (row.headers ?? {}) as Record<string, string>,
      attachments: (row.attachments ?? []) as OutboundMessage["attachments"],
      date: t,
    };

    let response: string;
    try {
      ({ response } = await transport.send(message));
    } catch (err) {
      const permanent = isPermanent(err);
      const exhausted = row.attempts >= MAX_DELIVERY_ATTEMPTS;
      const lastError = describeError(err);
      if (permanent || exhausted) {
        await db.emailOutbox.updateMany({
          where: { ...mine, status: "SENDING" },
          data: { status: "FAILED", leaseUntil: null, leaseOwner: null, lastError },
        });
        summary.failed++;
        log.error(
          { outboxId: row.id, attempts: row.attempts, err: lastError },
          "email delivery failed for good",
        );
      } else {
        const nextAttemptAt = new Date(now().getTime() + retryDelayMs(row.attempts, random));
        await db.emailOutbox.updateMany({
          where: { ...mine, status: "SENDING" },
          data: { status: "PENDING", leaseUntil: null, leaseOwner: null, lastError, nextAttemptAt },
        });
        summary.retried++;
        log.warn(
          { outboxId: row.id, attempts: row.attempts, nextAttemptAt, err: lastError },
          "email delivery will be retried",
        );
      }
      return;
    }

    await options.hooks?.afterSend?.(row.id);
    await db.emailOutbox.updateMany({
      // UNCERTAIN too: if a slow send outlived its lease, we now know that it was accepted.
      where: { ...mine, status: { in: ["SENDING", "UNCERTAIN"] } },
      data: {
        status: "SENT",
        sentAt: now(),
        smtpResponse: response.slice(0, 1000),
        leaseUntil: null,
        leaseOwner: null,
        lastError: null,
      },
    });
    summary.sent++;
    log.info({ outboxId: row.id, category: row.category }, "email sent");
  }

  async function housekeeping(t: Date) {
    if (t.getTime() - lastHousekeeping < 3_600_000) return;
    lastHousekeeping = t.getTime();
    await db.emailThrottleHit.deleteMany({
      where: { at: { lt: new Date(t.getTime() - 48 * 3_600_000) } },
    });
  }

  async function runOnce(): Promise<DeliveryRunSummary> {
    const t = now();
    const summary: DeliveryRunSummary = {
      released: 0,
      uncertain: 0,
      claimed: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      suppressed: 0,
    };
    Object.assign(summary, await recoverExpiredLeases(t));
    const rows = await claim(t);
    summary.claimed = rows.length;
    for (const [i, row] of rows.entries()) {
      if (job.stopping()) {
        // Hand the rest of the batch back at once instead of waiting for the lease to expire.
        await db.emailOutbox.updateMany({
          where: { id: { in: rows.slice(i).map((r) => r.id) }, leaseOwner: id, status: "CLAIMED" },
          data: {
            status: "PENDING",
            leaseUntil: null,
            leaseOwner: null,
            attempts: { decrement: 1 },
          },
        });
        break;
      }
      await deliver(row, summary);
    }
    await housekeeping(t);
    return summary;
  }

  const job = periodicJob({
    log,
    what: "mail worker",
    intervalMs,
    runOnce,
    // A full batch means more is waiting: the next pass starts at once.
    nextDelay: (s) => (s.claimed >= batchSize ? 0 : intervalMs),
    onStart: () =>
      log.info({ transport: transport.kind, dkim: Boolean(config.dkim) }, "mail worker started"),
    onStop: () => {
      transport.close();
      log.info("mail worker stopped");
    },
  });

  return { id, ...job };
}
