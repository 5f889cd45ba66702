import "server-only";
import { SetCourtActiveInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * Deactivates (or reactivates) a court (MANAGER): an inactive court leaves the planning grid and
 * takes no new bookings; its existing bookings stay as they are (the manager cancels them from
 * the bookings screen if need be), and it keeps its history. Returns how many upcoming bookings
 * remain on it so the screen can say so.
 */
export async function setCourtActive(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageCourts");
  const { courtId, active } = parseInput(SetCourtActiveInput, input);
  return db.$transaction(async (tx) => {
    const court = await tx.court.findFirst({
      where: { id: courtId, clubId: club.id },
      select: { id: true, active: true },
    });
    if (!court) throw notFoundError("court", { inClub: true });
    await tx.court.update({ where: { id: courtId }, data: { active } });
    const upcoming = await tx.booking.count({
      where: { courtId, status: { not: "CANCELLED" }, endsAt: { gt: new Date() } },
    });
    await recordAuditEvent(
      {
        action: active ? "court.activate" : "court.deactivate",
        clubId: club.id,
        actorId: user.userId,
        targetType: "court",
        targetId: courtId,
        ...ctx,
        details: { upcomingBookings: upcoming },
      },
      tx,
    );
    return { active, upcomingBookings: upcoming };
  });
}
