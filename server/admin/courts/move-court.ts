import "server-only";
import { MoveCourtInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * Moves a court one place up or down in the club's display order (MANAGER). Positions are
 * renumbered 0…n-1 in the same transaction, so gaps and ties left by older data disappear.
 */
export async function moveCourt(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageCourts");
  const { courtId, direction } = parseInput(MoveCourtInput, input);
  return db.$transaction(async (tx) => {
    // Serialise reorderings of one club.
    await tx.$queryRaw`SELECT id FROM club WHERE id = ${club.id}::uuid FOR NO KEY UPDATE`;
    const courts = await tx.court.findMany({
      where: { clubId: club.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true },
    });
    const order = courts.map((c) => c.id);
    const i = order.indexOf(courtId);
    if (i === -1) throw notFoundError("court", { inClub: true });
    const j = direction === "up" ? i - 1 : i + 1;
    if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [position, id] of order.entries()) {
      await tx.court.update({ where: { id }, data: { position } });
    }
    await recordAuditEvent(
      {
        action: "court.reorder",
        clubId: club.id,
        actorId: user.userId,
        targetType: "court",
        targetId: courtId,
        ...ctx,
        details: { direction, order },
      },
      tx,
    );
    return { order };
  });
}
