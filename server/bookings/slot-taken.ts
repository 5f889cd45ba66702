import "server-only";
/**
 * Shared by the booking use cases (not a use case itself): whether anything occupies a court
 * during [startsAt, endsAt). `court_occupancy` (docs/decisions/005-booking-overlap-exclusion-
 * constraint.md) holds one row per booking that is not CANCELLED (a PENDING_PAYMENT booking
 * holds the court too) and one per block, so a block takes the slot as a booking does. Ranges are
 * half-open: a booking ending at 11:00 leaves 11:00–12:00 free. The range test is the one of the
 * exclusion constraint, so it uses its GiST index.
 *
 * Not authoritative on its own: callers that insert take the court's lock first (`lockCourt`,
 * docs/decisions/007-booking-concurrency.md) and still map 23P01 to SLOT_TAKEN.
 */
import type { PrismaTx } from "@/server/bookings/transaction";

export type Slot = { courtId: string; startsAt: Date; endsAt: Date };

export async function slotTaken(
  client: Pick<PrismaTx, "$queryRaw">,
  { courtId, startsAt, endsAt }: Slot,
): Promise<boolean> {
  const rows = await client.$queryRaw<{ hit: number }[]>`
    SELECT 1 AS "hit" FROM court_occupancy
    WHERE court_id = ${courtId}::uuid
      AND tstzrange(starts_at, ends_at, '[)') && tstzrange(${startsAt}, ${endsAt}, '[)')
    LIMIT 1`;
  return rows.length > 0;
}
