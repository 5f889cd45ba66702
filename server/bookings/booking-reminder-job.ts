import "server-only";
import { randomBytes } from "node:crypto";
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

export type BookingReminderJob = {
  /** One pass: queue every due reminder (in batches), close past waiting-list entries. */
  runOnce(): Promise<{ claimed: number; emailed: number; skipped: number; expired: number }>;
  start(): void;
  /** Finishes the pass in flight, then stops. */
  stop(): Promise<void>;
};

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
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;

  async function runOnce() {
    const total = { claimed: 0, emailed: 0, skipped: 0, expired: 0 };
    for (let i = 0; i < 100 && !stopping; i++) {
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

  function schedule(delay: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) => log.error({ err: String(err) }, "booking reminder pass failed"))
        .finally(() => schedule(intervalMs));
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      stopping = false;
      log.info({ intervalMs }, "booking reminder job started");
      schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      log.info("booking reminder job stopped");
    },
  };
}
