import "server-only";
import { PriceRuleIdInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/** Removes a price rule of the club (MANAGER). Amounts already charged are not affected. */
export async function deletePriceRule(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "managePrices");
  const { priceRuleId } = parseInput(PriceRuleIdInput, input);
  return db.$transaction(async (tx) => {
    const rule = await tx.priceRule.findFirst({
      where: { id: priceRuleId, clubId: club.id },
      select: {
        name: true,
        courtId: true,
        weekdays: true,
        startMinute: true,
        endMinute: true,
        audience: true,
        amountMinor: true,
      },
    });
    if (!rule) throw notFoundError("price rule", { inClub: true });
    await tx.priceRule.delete({ where: { id: priceRuleId } });
    await recordAuditEvent(
      {
        action: "price_rule.delete",
        clubId: club.id,
        actorId: user.userId,
        targetType: "price_rule",
        targetId: priceRuleId,
        ...ctx,
        details: rule,
      },
      tx,
    );
    return { deleted: priceRuleId };
  });
}
