import "server-only";
/**
 * Shared by the booking use cases (not a use case itself): the transaction runner with retry of
 * deadlocks and serialization failures, and the advisory lock that serialises writers of a court.
 * See docs/decisions/007-booking-concurrency.md.
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError, sqlState } from "@/server/errors";
import { logger } from "@/server/logger";

export type PrismaTx = Prisma.TransactionClient;

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;

/** First key of the two-key advisory lock space used for "writers of one court" (ASCII "bk"). */
const COURT_LOCK_CLASS = 0x626b;

function prismaCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/**
 * Runs `fn` in a READ COMMITTED transaction, again (up to 4 times, with jitter) when PostgreSQL
 * reports a deadlock (40P01) or a serialization failure (40001). A transaction that cannot start
 * in time (pool exhausted: Prisma P2028) becomes a 503 BUSY, never a 500.
 */
export async function runBookingTransaction<T>(
  label: string,
  fn: (tx: PrismaTx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { maxWait: 10_000, timeout: 15_000 });
    } catch (err) {
      if (err instanceof AppError) throw err;
      const state = sqlState(err);
      if (state && RETRYABLE.has(state) && attempt < ATTEMPTS) {
        logger.info({ label, state, attempt }, "booking transaction retried");
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      if (prismaCode(err) === "P2028") {
        throw new AppError("BUSY", "The server is busy. Please try again in a moment.");
      }
      throw err;
    }
  }
}

/**
 * Serialises the writers of one court until the transaction ends (pg_advisory_xact_lock, two-key
 * form, so it cannot collide with Prisma Migrate's single-key lock). A hash collision between two
 * courts only serialises them too: harmless.
 */
export async function lockCourt(tx: PrismaTx, courtId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${COURT_LOCK_CLASS}::int4, hashtext(${courtId}))`;
}
