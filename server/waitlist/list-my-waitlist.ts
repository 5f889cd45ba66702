import "server-only";
/**
 * listMyWaitlist — the slots the player is waiting for (open entries of future slots), soonest
 * first, in one club or in all of them.
 *
 *   listMyWaitlist(actor: { userId: string }, input?: { club?: string; now?: Date })
 *     : Promise<WaitlistEntryView[]>
 */
import { CLUB_SLUG_RE } from "@/schemas/planning";
import { db } from "@/server/db";
import {
  toWaitlistEntryView,
  WAITLIST_ENTRY_SELECT,
  type WaitlistEntryView,
} from "@/server/waitlist/waitlist-entry-view";

export async function listMyWaitlist(
  actor: { userId: string },
  input: { club?: string; now?: Date } = {},
): Promise<WaitlistEntryView[]> {
  if (input.club !== undefined && !CLUB_SLUG_RE.test(input.club)) return [];
  const rows = await db.waitlistEntry.findMany({
    where: {
      userId: actor.userId,
      resolvedAt: null,
      startsAt: { gt: input.now ?? new Date() },
      ...(input.club !== undefined ? { club: { slug: input.club } } : {}),
    },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: WAITLIST_ENTRY_SELECT,
  });
  return rows.map(toWaitlistEntryView);
}
