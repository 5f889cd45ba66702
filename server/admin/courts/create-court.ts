import "server-only";
import { CourtInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";
import { conflictOnDuplicate } from "@/server/admin/setup-helpers";

const DUPLICATE = "Another court of the club already has this name.";

/** Adds a court at the end of the club's list (MANAGER). */
export async function createCourt(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageCourts");
  const data = parseInput(CourtInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const sameName = await tx.court.findFirst({
        where: {
          clubId: club.id,
          name: { equals: data.name, mode: "insensitive" },
        },
        select: { id: true },
      });
      if (sameName) throw new AppError("CONFLICT", DUPLICATE, { name: DUPLICATE });
      const last = await tx.court.aggregate({
        where: { clubId: club.id },
        _max: { position: true },
      });
      const court = await tx.court.create({
        data: { ...data, clubId: club.id, position: (last._max.position ?? -1) + 1 },
        select: { id: true, name: true },
      });
      await recordAuditEvent(
        {
          action: "court.create",
          clubId: club.id,
          actorId: user.userId,
          targetType: "court",
          targetId: court.id,
          ...ctx,
          details: { ...data },
        },
        tx,
      );
      return court;
    });
  } catch (err) {
    conflictOnDuplicate(err, "name", DUPLICATE);
  }
}
