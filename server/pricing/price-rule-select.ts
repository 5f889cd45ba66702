import "server-only";
/**
 * The columns of a price rule that lib/pricing.ts `PriceRule` needs (not a use case): shared by the
 * admin Prices screen, its quote, and the checkout that prices every booking.
 */
import type { Prisma } from "@/generated/prisma/client";

export const PRICE_RULE_SELECT = {
  id: true,
  name: true,
  courtId: true,
  weekdays: true,
  startMinute: true,
  endMinute: true,
  audience: true,
  amountMinor: true,
} as const satisfies Prisma.PriceRuleSelect;
