import "server-only";
import { ClosureIdInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/** Removes a closure date of the club (MANAGER). */
export async function removeClosure(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageHours");
  const { closureId } = parseInput(ClosureIdInput, input);
  return db.$transaction(async (tx) => {
    const closure = await tx.closure.findFirst({
      where: { id: closureId, clubId: club.id },
      select: { id: true, date: true, courtId: true, reason: true },
    });
    if (!closure) throw notFoundError("closure date", { inClub: true });
    await tx.closure.delete({ where: { id: closureId } });
    await recordAuditEvent(
      {
        action: "closure.delete",
        clubId: club.id,
        actorId: user.userId,
        targetType: "closure",
        targetId: closureId,
        ...ctx,
        details: {
          date: closure.date.toISOString().slice(0, 10),
          courtId: closure.courtId,
          reason: closure.reason,
        },
      },
      tx,
    );
    return { deleted: closureId };
  });
}
