import "server-only";
import { SportRulesInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";

/** Sets the booking durations and players on court the club allows for a sport (MANAGER). */
export async function setSportRules(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageTiers");
  const { sport, allowedDurations, allowedPlayerCounts } = parseInput(SportRulesInput, input);
  return db.$transaction(async (tx) => {
    const row = await tx.clubSport.upsert({
      where: { clubId_sport: { clubId: club.id, sport } },
      create: { clubId: club.id, sport, allowedDurations, allowedPlayerCounts },
      update: { allowedDurations, allowedPlayerCounts },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "club.sport_rules.update",
        clubId: club.id,
        actorId: user.userId,
        targetType: "club_sport",
        targetId: row.id,
        ...ctx,
        details: { sport, allowedDurations, allowedPlayerCounts },
      },
      tx,
    );
    return { sport, allowedDurations, allowedPlayerCounts };
  });
}
