import "server-only";
import { CourtIdInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput, sqlState } from "@/server/errors";

/**
 * Deletes a court that was never booked, e.g. one added by mistake (MANAGER). A court with any
 * booking — even cancelled or past — is refused (409): deactivate it instead, so that history
 * and receipts keep their court. The database refuses it too (booking.court_id is ON DELETE
 * RESTRICT), which also covers a booking made while this runs.
 */
export async function deleteCourt(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageCourts");
  const { courtId } = parseInput(CourtIdInput, input);
  const refused = new AppError(
    "CONFLICT",
    "This court has bookings, so it cannot be deleted. Deactivate it instead: it leaves the planning and keeps its history.",
  );
  try {
    return await db.$transaction(async (tx) => {
      const court = await tx.court.findFirst({
        where: { id: courtId, clubId: club.id },
        select: { id: true, name: true, _count: { select: { bookings: true } } },
      });
      if (!court) throw notFoundError("court", { inClub: true });
      if (court._count.bookings > 0) throw refused;
      await tx.court.delete({ where: { id: courtId } });
      await recordAuditEvent(
        {
          action: "court.delete",
          clubId: club.id,
          actorId: user.userId,
          targetType: "court",
          targetId: courtId,
          ...ctx,
          details: { name: court.name },
        },
        tx,
      );
      return { deleted: courtId };
    });
  } catch (err) {
    if (sqlState(err) === "23503" || (err as { code?: unknown })?.code === "P2003") throw refused;
    throw err;
  }
}
