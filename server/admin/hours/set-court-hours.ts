import "server-only";
import { CourtHoursInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * Replaces one court's weekday overrides (MANAGER): per weekday the court follows the club's
 * hours, is closed, or has its own hours.
 */
export async function setCourtHours(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageHours");
  const { courtId, days } = parseInput(CourtHoursInput, input);
  return db.$transaction(async (tx) => {
    const court = await tx.court.findFirst({
      where: { id: courtId, clubId: club.id },
      select: { id: true },
    });
    if (!court) throw notFoundError("court", { inClub: true });
    await tx.courtOpeningHours.deleteMany({ where: { courtId } });
    if (days.length) {
      await tx.courtOpeningHours.createMany({ data: days.map((d) => ({ ...d, courtId })) });
    }
    await recordAuditEvent(
      {
        action: "court.hours.update",
        clubId: club.id,
        actorId: user.userId,
        targetType: "court",
        targetId: courtId,
        ...ctx,
        details: { days },
      },
      tx,
    );
    return { days };
  });
}
