import "server-only";
import { ClosureInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";

/**
 * Adds a closure date (holiday) of the whole club or of one court (MANAGER). The grid shows the
 * day closed with the reason. Bookings already made that day are not cancelled here: the answer
 * counts them so the screen can point the manager to the bookings screen.
 */
export async function addClosure(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageHours");
  const { date, courtId, reason } = parseInput(ClosureInput, input);
  return db.$transaction(async (tx) => {
    if (courtId) {
      const court = await tx.court.findFirst({
        where: { id: courtId, clubId: club.id },
        select: { id: true },
      });
      if (!court) throw notFoundError("court", { inClub: true });
    }
    const day = new Date(`${date}T00:00:00Z`);
    const dup = await tx.closure.findFirst({
      where: { clubId: club.id, courtId, date: day },
      select: { id: true },
    });
    if (dup) {
      const message = "This date is already closed.";
      throw new AppError("CONFLICT", message, { date: message });
    }
    const closure = await tx.closure.create({
      data: { clubId: club.id, courtId, date: day, reason },
      select: { id: true },
    });
    const [row] = await tx.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM booking b JOIN club c ON c.id = b.club_id
      WHERE b.club_id = ${club.id}::uuid AND b.status <> 'CANCELLED'
        AND (${courtId}::uuid IS NULL OR b.court_id = ${courtId}::uuid)
        AND (b.starts_at AT TIME ZONE c.time_zone)::date = ${date}::date`;
    const count = row?.count ?? 0;
    await recordAuditEvent(
      {
        action: "closure.create",
        clubId: club.id,
        actorId: user.userId,
        targetType: "closure",
        targetId: closure.id,
        ...ctx,
        details: { date, courtId, reason, bookingsThatDay: count },
      },
      tx,
    );
    return { id: closure.id, bookingsThatDay: count };
  });
}
