import "server-only";
import { ClubHoursInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";

/**
 * Replaces the club's weekly opening hours (MANAGER): the weekdays given are open at those local
 * times, the others closed. The planning grid reads these rows, so it follows at once. Bookings
 * already made outside the new hours stay (they are UTC instants the club accepted).
 */
export async function setClubHours(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageHours");
  const days = parseInput(ClubHoursInput, input);
  return db.$transaction(async (tx) => {
    await tx.openingHours.deleteMany({ where: { clubId: club.id } });
    if (days.length) {
      await tx.openingHours.createMany({ data: days.map((d) => ({ ...d, clubId: club.id })) });
    }
    await recordAuditEvent(
      {
        action: "club.hours.update",
        clubId: club.id,
        actorId: user.userId,
        targetType: "club",
        targetId: club.id,
        ...ctx,
        details: { days },
      },
      tx,
    );
    return { days };
  });
}
