import "server-only";
import { UpdateCourtInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";
import { conflictOnDuplicate } from "@/server/admin/setup-helpers";

const DUPLICATE = "Another court of the club already has this name.";

/** Renames a court or changes its sport, surface and equipment (MANAGER). */
export async function updateCourt(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageCourts");
  const { courtId, ...data } = parseInput(UpdateCourtInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.court.findFirst({
        where: { id: courtId, clubId: club.id },
        select: { name: true, sport: true, surface: true, indoor: true, floodlights: true },
      });
      if (!before) throw notFoundError("court", { inClub: true });
      const sameName = await tx.court.findFirst({
        where: {
          clubId: club.id,
          name: { equals: data.name, mode: "insensitive" },
          id: { not: courtId },
        },
        select: { id: true },
      });
      if (sameName) throw new AppError("CONFLICT", DUPLICATE, { name: DUPLICATE });
      await tx.court.update({ where: { id: courtId }, data });
      await recordAuditEvent(
        {
          action: "court.update",
          clubId: club.id,
          actorId: user.userId,
          targetType: "court",
          targetId: courtId,
          ...ctx,
          details: { before, after: data },
        },
        tx,
      );
      return { id: courtId };
    });
  } catch (err) {
    conflictOnDuplicate(err, "name", DUPLICATE);
  }
}
