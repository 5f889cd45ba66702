import "server-only";
import { PeakBandIdInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/** Removes a peak time band of the club (MANAGER). */
export async function removePeakBand(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageTiers");
  const { peakBandId } = parseInput(PeakBandIdInput, input);
  return db.$transaction(async (tx) => {
    const band = await tx.peakBand.findFirst({
      where: { id: peakBandId, clubId: club.id },
      select: { weekday: true, startMinute: true, endMinute: true },
    });
    if (!band) throw notFoundError("peak band", { inClub: true });
    await tx.peakBand.delete({ where: { id: peakBandId } });
    await recordAuditEvent(
      {
        action: "club.peak_band.delete",
        clubId: club.id,
        actorId: user.userId,
        targetType: "peak_band",
        targetId: peakBandId,
        ...ctx,
        details: band,
      },
      tx,
    );
    return { deleted: peakBandId };
  });
}
