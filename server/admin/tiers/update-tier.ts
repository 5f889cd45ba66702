import "server-only";
import { UpdateTierInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { TIER_SELECT } from "@/server/bookings/policy-context";
import { db } from "@/server/db";
import { conflictOnDuplicate } from "@/server/admin/setup-helpers";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * Changes a tier's name and booking rules (MANAGER). New rules apply to the next booking and to
 * the planning grid at once; bookings already made are kept (rules are checked when booking).
 */
export async function updateTier(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageTiers");
  const { tierId, releaseTime, ...data } = parseInput(UpdateTierInput, input);
  const after = { ...data, releaseMinute: releaseTime };
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.membershipTier.findFirst({
        where: { id: tierId, clubId: club.id },
        select: { ...TIER_SELECT, description: true },
      });
      if (!before) throw notFoundError("tier", { inClub: true });
      await tx.membershipTier.update({ where: { id: tierId }, data: after });
      const changed = Object.fromEntries(
        Object.entries(after)
          .filter(([k, v]) => before[k as keyof typeof before] !== v)
          .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      await recordAuditEvent(
        {
          action: "tier.update",
          clubId: club.id,
          actorId: user.userId,
          targetType: "membership_tier",
          targetId: tierId,
          ...ctx,
          details: { changed },
        },
        tx,
      );
      return { id: tierId, changed: Object.keys(changed) };
    });
  } catch (err) {
    conflictOnDuplicate(err, "name", "Another tier of the club already has this name.");
  }
}
