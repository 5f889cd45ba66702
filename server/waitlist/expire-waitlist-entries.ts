import "server-only";
import { db } from "@/server/db";

/**
 * Housekeeping of the reminder job: entries whose slot has started are closed as EXPIRED (nobody
 * can book it any more), so that the open entries stay a short list.
 */
export async function expireWaitlistEntries(now: Date = new Date()): Promise<number> {
  const { count } = await db.waitlistEntry.updateMany({
    where: { resolvedAt: null, startsAt: { lte: now } },
    data: { resolvedAt: now, resolution: "EXPIRED" },
  });
  return count;
}
