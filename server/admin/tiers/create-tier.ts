import "server-only";
import { TierInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { conflictOnDuplicate } from "@/server/admin/setup-helpers";
import { parseInput } from "@/server/errors";

/** Adds a membership tier with its booking rules (MANAGER). */
export async function createTier(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageTiers");
  const { releaseTime, ...data } = parseInput(TierInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const tier = await tx.membershipTier.create({
        data: { ...data, releaseMinute: releaseTime, clubId: club.id },
        select: { id: true },
      });
      await recordAuditEvent(
        {
          action: "tier.create",
          clubId: club.id,
          actorId: user.userId,
          targetType: "membership_tier",
          targetId: tier.id,
          ...ctx,
          details: { ...data, releaseMinute: releaseTime },
        },
        tx,
      );
      return tier;
    });
  } catch (err) {
    conflictOnDuplicate(err, "name", "Another tier of the club already has this name.");
  }
}
