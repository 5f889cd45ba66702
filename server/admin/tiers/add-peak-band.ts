import "server-only";
import { PeakBandInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";

/** Adds a peak time band (weekday, local start and end) to the club (MANAGER). */
export async function addPeakBand(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageTiers");
  const { weekday, start, end } = parseInput(PeakBandInput, input);
  return db.$transaction(async (tx) => {
    const overlap = await tx.peakBand.findFirst({
      where: { clubId: club.id, weekday, startMinute: { lt: end }, endMinute: { gt: start } },
      select: { id: true },
    });
    if (overlap) {
      const message = "This band overlaps another peak band of the same weekday.";
      throw new AppError("CONFLICT", message, { start: message });
    }
    const band = await tx.peakBand.create({
      data: { clubId: club.id, weekday, startMinute: start, endMinute: end },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "club.peak_band.create",
        clubId: club.id,
        actorId: user.userId,
        targetType: "peak_band",
        targetId: band.id,
        ...ctx,
        details: { weekday, startMinute: start, endMinute: end },
      },
      tx,
    );
    return band;
  });
}
