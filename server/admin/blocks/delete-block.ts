import "server-only";
/**
 * deleteBlock — removes one occurrence of a block, it and the following ones of its series
 * ("ends" the series), or the whole series. STAFF and above. The block is looked up in the
 * authorized club only: an id of another club's block is "not found". The freed time is offered to
 * nobody (a waiting list is for bookings cancelled, not for blocks lifted).
 *
 *   deleteBlock(club: string, body: unknown (DeleteBlockInput), ctx?): Promise<{ deleted: number }>
 */
import { DeleteBlockInput } from "@/schemas/admin-blocks";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

export async function deleteBlock(
  club: string,
  body: unknown,
  ctx: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ deleted: number }> {
  const access = await requireClubPermission(club, "manageBlocks");
  const { blockId, scope } = parseInput(DeleteBlockInput, body);
  const clubId = access.club.id;
  return db.$transaction(async (tx) => {
    const block = await tx.block.findFirst({
      where: { id: blockId, clubId },
      select: { id: true, seriesId: true, startsAt: true, title: true, kind: true, courtId: true },
    });
    if (!block) throw notFoundError("Block");
    const where =
      scope === "one" || !block.seriesId
        ? { id: block.id, clubId }
        : scope === "following"
          ? { clubId, seriesId: block.seriesId, startsAt: { gte: block.startsAt } }
          : { clubId, seriesId: block.seriesId };
    const { count } = await tx.block.deleteMany({ where });
    await recordAuditEvent(
      {
        action: "block.deleted",
        clubId,
        actorId: access.user.userId,
        targetType: block.seriesId && scope !== "one" ? "block_series" : "block",
        targetId: block.seriesId && scope !== "one" ? block.seriesId : block.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: {
          scope: block.seriesId ? scope : "one",
          from: block.startsAt.toISOString(),
          title: block.title,
          kind: block.kind,
          courtId: block.courtId,
          deleted: count,
        },
      },
      tx,
    );
    return { deleted: count };
  });
}
