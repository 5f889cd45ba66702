import "server-only";
import type { Logger } from "pino";

/** A job of the worker (scripts/worker.ts): one pass now and then, stopped cleanly. */
export type PeriodicJob<R> = {
  /** One pass, now (tests call it directly). */
  runOnce(): Promise<R>;
  /** Runs a pass at once, then one `intervalMs` after each pass ends. */
  start(): void;
  /** Finishes the pass in flight, then stops. */
  stop(): Promise<void>;
  /** True once stop() was called: a long pass checks it between batches. */
  stopping(): boolean;
};

/**
 * The one scheduler of the worker's jobs (email delivery, booking reminders, payments, retention):
 * passes never overlap, a failed pass is logged and the next one still comes, and the timer does
 * not keep the process alive on its own. Safe with several worker processes because each pass
 * claims its rows in the database.
 */
export function periodicJob<R>(options: {
  log: Logger;
  /** Says what failed: "<what> pass failed". */
  what: string;
  intervalMs: number;
  runOnce: () => Promise<R>;
  /** The delay before the next pass after this result (default intervalMs; 0 when a batch was full). */
  nextDelay?: (result: R) => number;
  onStart?: () => void;
  onStop?: () => void;
}): PeriodicJob<R> {
  const { log, intervalMs } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;

  function schedule(delay: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      running = options
        .runOnce()
        .then(
          (result) => options.nextDelay?.(result) ?? intervalMs,
          (err: unknown) => {
            log.error({ err: describeError(err) }, `${options.what} pass failed`);
            return intervalMs;
          },
        )
        .then(schedule);
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce: options.runOnce,
    start() {
      stopping = false;
      options.onStart?.();
      schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      options.onStop?.();
    },
    stopping: () => stopping,
  };
}

/** An error as one log line: its code (SQLSTATE, SMTP, errno) when it has one, then its message. */
export function describeError(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown } | null;
  return `${typeof e?.code === "string" ? `${e.code}: ` : ""}${String(e?.message ?? err)}`.slice(
    0,
    2000,
  );
}
