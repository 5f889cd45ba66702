import "server-only";
import { PRICE_RULE_SELECT } from "@/server/pricing/price-rule-select";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

/** The club's price rules with its courts and currency (MANAGER). */
export async function listPriceRules(slug: string) {
  const access = await requireClubPermission(slug, "managePrices", {
    next: `/c/${slug}/admin/prices`,
  });
  const [club, rules, courts] = await Promise.all([
    db.club.findUniqueOrThrow({ where: { id: access.club.id }, select: { currency: true } }),
    db.priceRule.findMany({
      where: { clubId: access.club.id },
      orderBy: [{ audience: "asc" }, { startMinute: "asc" }, { name: "asc" }],
      select: PRICE_RULE_SELECT,
    }),
    db.court.findMany({
      where: { clubId: access.club.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, active: true },
    }),
  ]);
  return { access, currency: club.currency, rules, courts };
}
