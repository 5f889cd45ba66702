import "server-only";
/**
 * Gateway messages are stored raw with their verification result BEFORE they are processed
 * (not a use case: shared by the PayPal webhook and the Paybox IPN). A verified message claims
 * its (gateway, event id); a second delivery of the same id is stored as a duplicate and not
 * processed again; a message whose processing failed is processed again on its next delivery.
 */
import type { PaymentGateway, Prisma } from "@/generated/prisma/client";
import { runBookingTransaction, type PrismaTx } from "@/server/bookings/transaction";
import { db } from "@/server/db";

export type IncomingEvent = {
  gateway: PaymentGateway;
  claimedEventId: string | null;
  eventType: string | null;
  paymentId: string | null;
  clubId: string | null;
  rawBody: string;
  headers: Prisma.InputJsonObject;
};

const clip = (s: string | null, n: number) => (s === null ? null : s.slice(0, n));

function columns(e: IncomingEvent) {
  return {
    gateway: e.gateway,
    claimedEventId: clip(e.claimedEventId, 200),
    eventType: clip(e.eventType, 80),
    paymentId: e.paymentId,
    clubId: e.clubId,
    rawBody: e.rawBody,
    headers: e.headers,
  };
}

/** Stores a message that failed verification (or could not be attributed). */
export async function storeRejectedEvent(e: IncomingEvent, error: string): Promise<void> {
  await db.paymentEvent.create({
    data: {
      ...columns(e),
      verified: false,
      verificationError: error.slice(0, 300),
      outcome: "rejected",
    },
  });
}

/**
 * Stores a verified message. Returns the row to process, or null when this event id was already
 * processed (the duplicate delivery is stored too, without the id, for the record).
 */
export async function storeVerifiedEvent(
  e: IncomingEvent & { eventId: string },
): Promise<{ id: string } | null> {
  const eventId = e.eventId.slice(0, 200);
  const inserted = await db.paymentEvent.createMany({
    data: [{ ...columns(e), eventId, verified: true }],
    skipDuplicates: true,
  });
  const row = await db.paymentEvent.findUniqueOrThrow({
    where: { gateway_eventId: { gateway: e.gateway, eventId } },
    select: { id: true, processedAt: true },
  });
  if (inserted.count === 0) {
    await db.paymentEvent.create({
      data: {
        ...columns(e),
        verified: true,
        outcome: row.processedAt ? `duplicate of ${row.id}` : `redelivery of ${row.id}`,
        processedAt: row.processedAt ? new Date() : null,
      },
    });
    if (row.processedAt) return null;
  }
  return { id: row.id };
}

/** Processes a stored event once: the event row is locked, processed, and marked in one transaction. */
export async function processStoredEvent(
  eventRowId: string,
  fn: (tx: PrismaTx) => Promise<string>,
): Promise<string> {
  return runBookingTransaction("payment-event", async (tx) => {
    const locked = await tx.$queryRaw<{ processed_at: Date | null; outcome: string | null }[]>`
      SELECT processed_at, outcome FROM payment_event WHERE id = ${eventRowId}::uuid FOR UPDATE`;
    if (locked[0]?.processed_at) return `duplicate (${locked[0].outcome ?? "processed"})`;
    const outcome = await fn(tx);
    await tx.paymentEvent.update({
      where: { id: eventRowId },
      data: { processedAt: new Date(), outcome: outcome.slice(0, 80) },
    });
    return outcome;
  });
}
