import "server-only";
import { randomBytes } from "node:crypto";
import { periodicJob, type PeriodicJob } from "@/server/jobs/periodic-job";
import { logger } from "@/server/logger";
import { sendBookingReminders } from "@/server/bookings/send-booking-reminders";
import { expireWaitlistEntries } from "@/server/waitlist/expire-waitlist-entries";

export type BookingReminderJobOptions = {
  /** Time between passes (default one minute). */
  intervalMs?: number;
  leadMinutes?: number;
  batchSize?: number;
  now?: () => Date;
};

/** A pass queues every due reminder (in batches) and closes past waiting-list entries. */
export type BookingReminderJob = PeriodicJob<{
  claimed: number;
  emailed: number;
  skipped: number;
  expired: number;
}>;

/**
 * The reminder job, run by scripts/worker.ts next to the email delivery worker (so by
 * `npm run worker` and `npm run dev`). Safe with several worker instances: each booking is claimed
 * once (send-booking-reminders.ts). The emails it queues go out through the same outbox.
 */
export function createBookingReminderJob(
  options: BookingReminderJobOptions = {},
): BookingReminderJob {
  const intervalMs = options.intervalMs ?? 60_000;
  const batchSize = options.batchSize ?? 50;
  const now = options.now ?? (() => new Date());
  const log = logger.child({ component: "booking-reminders", job: randomBytes(3).toString("hex") });

  async function runOnce() {
    const total = { claimed: 0, emailed: 0, skipped: 0, expired: 0 };
    for (let i = 0; i < 100 && !job.stopping(); i++) {
      const r = await sendBookingReminders({
        now: now(),
        batchSize,
        ...(options.leadMinutes !== undefined ? { leadMinutes: options.leadMinutes } : {}),
      });
      total.claimed += r.claimed;
      total.emailed += r.emailed;
      total.skipped += r.skipped;
      if (r.claimed < batchSize) break;
    }
    total.expired = await expireWaitlistEntries(now());
    if (total.claimed) log.info(total, "booking reminders queued");
    return total;
  }

  const job = periodicJob({
    log,
    what: "booking reminder",
    intervalMs,
    runOnce,
    onStart: () => log.info({ intervalMs }, "booking reminder job started"),
    onStop: () => log.info("booking reminder job stopped"),
  });
  return job;
}
