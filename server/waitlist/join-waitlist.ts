import "server-only";
/**
 * joinWaitlist — a member waits for a taken slot of a court of their club.
 *
 *   joinWaitlist(
 *     actor: { userId: string },
 *     input: { club: string; body: unknown },   // body: JoinWaitlistInput { courtId, startsAt, durationMinutes }
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ entry: WaitlistEntryView; created: boolean }>
 *
 * When the slot frees by a cancellation, the player is emailed a link that opens the booking
 * prefilled (offer-freed-slot.ts); the first to confirm gets it. Joining twice changes nothing
 * (created: false). Errors (AppError):
 *   404 NOT_FOUND      the club does not exist, the caller is not an active member, or no such court
 *   400 BAD_REQUEST    fields: courtId | startsAt | durationMinutes
 *   409 CONFLICT       { code: "SLOT_FREE" } — nothing holds the slot: book it instead
 *   422 UNPROCESSABLE  { code: "WAITLIST", rule, message } — rule: IN_PAST | DURATION_NOT_ALLOWED |
 *                      BLOCKED (a lesson or closure: it will not free up) | ALREADY_PLAYING |
 *                      WAITLIST_LIMIT (at most 10 open entries per club)
 */
import { isActiveMembership } from "@/lib/membership";
import { ClubSlug } from "@/schemas/planning";
import { JoinWaitlistInput } from "@/schemas/waitlist";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { sportRulesOf } from "@/server/bookings/policy-context";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";
import {
  toWaitlistEntryView,
  WAITLIST_ENTRY_SELECT,
  type WaitlistEntryView,
} from "@/server/waitlist/waitlist-entry-view";

/** Open (unresolved, future) entries a member may hold in one club. */
export const MAX_OPEN_WAITLIST_ENTRIES = 10;

const refuse = (rule: string, message: string) =>
  new AppError("UNPROCESSABLE", message, {}, { code: "WAITLIST", rule });

export async function joinWaitlist(
  actor: { userId: string },
  input: { club: string; body: unknown },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ entry: WaitlistEntryView; created: boolean }> {
  const now = ctx.now ?? new Date();
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) throw notFoundError("Club");
  const { courtId, startsAt, durationMinutes } = parseInput(JoinWaitlistInput, input.body);
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);

  const club = await db.club.findUnique({
    where: { slug: slug.data },
    select: {
      id: true,
      timeZone: true,
      memberships: {
        where: { userId: actor.userId },
        select: { id: true, status: true, validUntil: true },
      },
      courts: { where: { id: courtId, active: true }, select: { id: true, sport: true } },
      sports: { select: { sport: true, allowedDurations: true, allowedPlayerCounts: true } },
    },
  });
  const membership = club?.memberships[0];
  if (!club || !membership || !isActiveMembership(membership, club.timeZone, now))
    throw notFoundError("Club");
  const court = club.courts[0];
  if (!court) throw notFoundError("Court", { fields: { courtId: "is not a court of this club" } });
  if (startsAt.getTime() <= now.getTime())
    throw refuse("IN_PAST", "This slot has already started: there is nothing to wait for.");
  const rules = sportRulesOf(court.sport, club.sports);
  if (!rules.allowedDurations.includes(durationMinutes)) {
    throw refuse(
      "DURATION_NOT_ALLOWED",
      `Bookings of this court last ${rules.allowedDurations.join(" or ")} minutes.`,
    );
  }

  return db.$transaction(async (tx) => {
    // One member's joins are serialised (the open-entries limit cannot be raced).
    await tx.$executeRaw`SELECT 1 FROM membership WHERE id = ${membership.id}::uuid FOR UPDATE`;

    const holders = await tx.$queryRaw<{ bookingId: string | null; mine: boolean }[]>`
      SELECT o.booking_id::text AS "bookingId",
             EXISTS (SELECT 1 FROM booking b WHERE b.id = o.booking_id
                       AND (b.created_by_id = ${actor.userId}::uuid
                            OR EXISTS (SELECT 1 FROM booking_player p
                                       WHERE p.booking_id = b.id AND p.user_id = ${actor.userId}::uuid))) AS "mine"
      FROM court_occupancy o
      WHERE o.court_id = ${court.id}::uuid AND o.starts_at < ${endsAt} AND o.ends_at > ${startsAt}`;
    if (holders.length === 0)
      throw new AppError(
        "CONFLICT",
        "This slot is free: you can book it now.",
        {},
        { code: "SLOT_FREE" },
      );
    if (holders.some((h) => h.bookingId === null))
      throw refuse(
        "BLOCKED",
        "The club has blocked this court then (lesson, event or maintenance).",
      );
    if (holders.some((h) => h.mine))
      throw refuse("ALREADY_PLAYING", "You already play on this court at that time.");

    const existing = await tx.waitlistEntry.findUnique({
      where: { courtId_startsAt_userId: { courtId: court.id, startsAt, userId: actor.userId } },
      select: { id: true, resolvedAt: true, endsAt: true },
    });
    if (
      existing &&
      existing.resolvedAt === null &&
      existing.endsAt.getTime() === endsAt.getTime()
    ) {
      const row = await tx.waitlistEntry.findUniqueOrThrow({
        where: { id: existing.id },
        select: WAITLIST_ENTRY_SELECT,
      });
      return { entry: toWaitlistEntryView(row), created: false };
    }
    const open = await tx.waitlistEntry.count({
      where: { clubId: club.id, userId: actor.userId, resolvedAt: null, startsAt: { gt: now } },
    });
    // An open entry for the same start with another duration is replaced: it does not add one.
    const replacesOpenEntry = existing !== null && existing.resolvedAt === null;
    if (!replacesOpenEntry && open >= MAX_OPEN_WAITLIST_ENTRIES) {
      throw refuse(
        "WAITLIST_LIMIT",
        `You are already waiting for ${open} slots at this club (at most ${MAX_OPEN_WAITLIST_ENTRIES}). Leave one first.`,
      );
    }

    const data = {
      endsAt,
      createdAt: now,
      notifiedAt: null,
      resolvedAt: null,
      resolution: null,
    };
    const row = existing
      ? await tx.waitlistEntry.update({
          where: { id: existing.id },
          data,
          select: WAITLIST_ENTRY_SELECT,
        })
      : await tx.waitlistEntry.create({
          data: { ...data, clubId: club.id, courtId: court.id, userId: actor.userId, startsAt },
          select: WAITLIST_ENTRY_SELECT,
        });
    await recordAuditEvent(
      {
        action: "waitlist.joined",
        clubId: club.id,
        actorId: actor.userId,
        targetType: "waitlist_entry",
        targetId: row.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: { courtId: court.id, startsAt: startsAt.toISOString(), durationMinutes },
      },
      tx,
    );
    return { entry: toWaitlistEntryView(row), created: true };
  });
}
