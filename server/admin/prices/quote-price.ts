import "server-only";
import { PRICE_RULE_SELECT } from "@/server/pricing/price-rule-select";
import { priceBooking, type PriceQuote } from "@/lib/pricing";
import { zonedInstant } from "@/lib/time";
import { PriceQuoteInput } from "@/schemas/admin-club-setup";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * "What would this cost?" on the Prices screen (MANAGER): the club's price rules run through
 * lib/pricing.ts — the function the payments issue calls — for a court, a local date and start
 * time, a duration and a party. Read-only.
 */
export async function quotePrice(
  slug: string,
  input: unknown,
): Promise<{ quote: PriceQuote; startsAt: Date }> {
  const { club } = await requireClubPermission(slug, "managePrices");
  const q = parseInput(PriceQuoteInput, input);
  const [court, settings, rules] = await Promise.all([
    db.court.findFirst({ where: { id: q.courtId, clubId: club.id }, select: { id: true } }),
    db.club.findUniqueOrThrow({
      where: { id: club.id },
      select: { timeZone: true, currency: true },
    }),
    db.priceRule.findMany({
      where: { clubId: club.id },
      orderBy: { createdAt: "asc" },
      select: PRICE_RULE_SELECT,
    }),
  ]);
  if (!court) throw notFoundError("court", { inClub: true });
  const startsAt = zonedInstant(q.date, q.start, settings.timeZone);
  const quote = priceBooking({
    rules,
    courtId: court.id,
    startsAt,
    durationMinutes: q.durationMinutes,
    timeZone: settings.timeZone,
    party: { members: q.members, guests: q.guests, nonMembers: q.nonMembers },
    currency: settings.currency,
  });
  return { quote, startsAt };
}
