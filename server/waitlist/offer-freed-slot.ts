import "server-only";
import { bookingPrefillPath } from "@/lib/booking-links";
import { todayIn } from "@/lib/time";
import { isActiveMembership } from "@/lib/membership";
import { slotTaken } from "@/server/bookings/slot-taken";
import type { PrismaTx } from "@/server/bookings/transaction";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getMailConfig } from "@/server/mail/mail-config";

export type FreedSlot = {
  clubId: string;
  courtId: string;
  startsAt: Date;
  endsAt: Date;
  /** The players of the cancelled booking: they know, and gave the slot up. */
  excludeUserIds?: string[];
  now?: Date;
};

/**
 * Called inside the cancel-booking transaction (through notifyBookingCancelled), after the booking
 * left the court: every player still waiting for a slot of this court that overlaps the freed
 * time, and that is now entirely free, is emailed a link that opens the booking prefilled
 * (category waiting_list: optional, with one-click unsubscribe). Everyone is told at once; the
 * first to confirm gets the court, and the others get the usual 409 SLOT_TAKEN from
 * create-booking (the exclusion constraint decides). Entries stay open until booked, withdrawn or
 * past, so a later cancellation offers the slot again.
 */
export async function offerFreedSlot(tx: PrismaTx, slot: FreedSlot): Promise<{ notified: number }> {
  const now = slot.now ?? new Date();
  const entries = await tx.waitlistEntry.findMany({
    where: {
      clubId: slot.clubId,
      courtId: slot.courtId,
      resolvedAt: null,
      startsAt: { lt: slot.endsAt, gt: now },
      endsAt: { gt: slot.startsAt },
      ...(slot.excludeUserIds?.length ? { userId: { notIn: slot.excludeUserIds } } : {}),
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      club: { select: { slug: true, timeZone: true } },
      court: { select: { name: true, sport: true } },
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          locale: true,
          memberships: {
            where: { clubId: slot.clubId },
            select: { status: true, validUntil: true },
          },
        },
      },
    },
  });
  if (entries.length === 0) return { notified: 0 };

  // Only ranges that are now entirely free (another booking or a block may still cover them).
  const ranges = [
    ...new Set(entries.map((e) => `${e.startsAt.toISOString()}/${e.endsAt.toISOString()}`)),
  ];
  const free = new Set<string>();
  for (const key of ranges) {
    const [from, to] = key.split("/").map((s) => new Date(s)) as [Date, Date];
    if (!(await slotTaken(tx, { courtId: slot.courtId, startsAt: from, endsAt: to }))) {
      free.add(key);
    }
  }

  const { appUrl } = getMailConfig();
  const eligible = entries.filter((e) => {
    const member = e.user.memberships[0];
    return (
      free.has(`${e.startsAt.toISOString()}/${e.endsAt.toISOString()}`) &&
      member !== undefined &&
      isActiveMembership(member, e.club.timeZone, now)
    );
  });
  for (const entry of eligible) {
    const key = `${entry.startsAt.toISOString()}/${entry.endsAt.toISOString()}`;
    const others =
      eligible.filter((e) => `${e.startsAt.toISOString()}/${e.endsAt.toISOString()}` === key)
        .length - 1;
    const durationMinutes = Math.round(
      (entry.endsAt.getTime() - entry.startsAt.getTime()) / 60_000,
    );
    const path = bookingPrefillPath(entry.club.slug, todayIn(entry.club.timeZone, entry.startsAt), {
      courtId: slot.courtId,
      startsAt: entry.startsAt,
      durationMinutes,
    });
    await enqueueEmail(tx, {
      to: entry.user.email,
      template: "waitlist-offer",
      category: "waiting_list",
      locale: entry.user.locale,
      clubId: slot.clubId,
      userId: entry.user.id,
      data: {
        courtName: entry.court.name,
        sport: entry.court.sport,
        startsAt: entry.startsAt.toISOString(),
        endsAt: entry.endsAt.toISOString(),
        timeZone: entry.club.timeZone,
        name: entry.user.name,
        othersNotified: Math.max(0, others),
        bookUrl: `${appUrl}${path}`,
      },
    });
  }
  if (eligible.length) {
    await tx.waitlistEntry.updateMany({
      where: { id: { in: eligible.map((e) => e.id) } },
      data: { notifiedAt: now },
    });
  }
  return { notified: eligible.length };
}
