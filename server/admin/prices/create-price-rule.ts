import "server-only";
import { parseMoney, rulesOverlap } from "@/lib/pricing";
import { PriceRuleInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError, notFoundError, parseInput } from "@/server/errors";

/**
 * Adds a price rule (MANAGER): an amount per player and per hour, in the club's currency, for one
 * audience on one court (or every court) during a weekly time band. A rule that would price the
 * same minutes as another of the same court scope and audience is refused (409), so every minute
 * has one price; a court's own rule does override an all-courts rule (lib/pricing.ts).
 */
export async function createPriceRule(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "managePrices");
  const { name, courtId, weekdays, start, end, audience, amount } = parseInput(
    PriceRuleInput,
    input,
  );
  const rule = { courtId, weekdays, startMinute: start, endMinute: end, audience };
  const { currency } = await db.club.findUniqueOrThrow({
    where: { id: club.id },
    select: { currency: true },
  });
  const amountMinor = parseMoney(amount, currency);
  if (amountMinor === null || amountMinor > 10_000_000) {
    const message = `must be an amount in ${currency} such as ${currency === "JPY" ? "800" : "12.50"}`;
    throw new AppError("BAD_REQUEST", `Invalid input — amount: ${message}`, { amount: message });
  }
  return db.$transaction(async (tx) => {
    // Serialise price changes of one club, so two overlapping rules cannot both pass the check.
    await tx.$queryRaw`SELECT id FROM club WHERE id = ${club.id}::uuid FOR NO KEY UPDATE`;
    if (courtId) {
      const court = await tx.court.findFirst({
        where: { id: courtId, clubId: club.id },
        select: { id: true },
      });
      if (!court) throw notFoundError("court", { inClub: true });
    }
    const existing = await tx.priceRule.findMany({
      where: { clubId: club.id, audience, courtId },
      select: {
        name: true,
        courtId: true,
        weekdays: true,
        startMinute: true,
        endMinute: true,
        audience: true,
      },
    });
    const clash = existing.find((e) => rulesOverlap(e, rule));
    if (clash) {
      const message = `This overlaps the rule “${clash.name}” for the same courts and players.`;
      throw new AppError("CONFLICT", message, { start: message });
    }
    const created = await tx.priceRule.create({
      data: { ...rule, name, amountMinor, clubId: club.id },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        action: "price_rule.create",
        clubId: club.id,
        actorId: user.userId,
        targetType: "price_rule",
        targetId: created.id,
        ...ctx,
        details: { name, ...rule, amountMinor, currency },
      },
      tx,
    );
    return created;
  });
}
