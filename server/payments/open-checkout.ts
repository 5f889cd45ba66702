import "server-only";
import { PRICE_RULE_SELECT } from "@/server/pricing/price-rule-select";
/**
 * What a new booking costs and how it is paid (not a use case: called by create-booking inside its
 * transaction). The amount is computed here, on the server, with lib/pricing.ts and snapshotted
 * with the rules that produced it; the client never sends an amount. A booking with a fee at a
 * club that takes payments online waits for payment (PENDING_PAYMENT) and holds its slot for
 * PAYMENT_HOLD_MINUTES; a club without an enabled gateway is paid at the desk. The rules and
 * gateways are read before the booking transaction (they are the club's prices at booking time),
 * so that pricing adds no statement while the court is locked.
 */
import { randomBytes } from "node:crypto";
import type { PaymentGateway } from "@/generated/prisma/client";
import { priceBooking, type PriceQuote, type PriceRule } from "@/lib/pricing";
import type { PrismaTx } from "@/server/bookings/transaction";
import { AppError } from "@/server/errors";

/** How long a booking waiting for payment holds its slot. */
export const PAYMENT_HOLD_MINUTES = 15;

export type CheckoutPlan =
  | { kind: "FREE"; quote: PriceQuote }
  /** A fee, but the club takes no payment online: paid at the club. */
  | { kind: "PAY_AT_CLUB"; quote: PriceQuote }
  | { kind: "ONLINE"; quote: PriceQuote; gateway: PaymentGateway };

/** What pricing a booking needs from the database: read before the booking transaction. */
export type CheckoutContext = {
  currency: string;
  rules: PriceRule[];
  /** The club's enabled gateways. */
  gateways: PaymentGateway[];
};

export async function loadCheckoutContext(
  client: Pick<PrismaTx, "club" | "priceRule" | "paymentGatewayConfig">,
  clubId: string,
  courtId: string,
): Promise<CheckoutContext> {
  const [club, rules, gateways] = await Promise.all([
    client.club.findUniqueOrThrow({ where: { id: clubId }, select: { currency: true } }),
    client.priceRule.findMany({
      where: { clubId, OR: [{ courtId: null }, { courtId }] },
      orderBy: { createdAt: "asc" },
      select: PRICE_RULE_SELECT,
    }),
    client.paymentGatewayConfig.findMany({
      where: { clubId, enabled: true },
      select: { gateway: true },
      orderBy: { gateway: "asc" },
    }),
  ]);
  return { currency: club.currency, rules, gateways: gateways.map((g) => g.gateway) };
}

/** Prices the booking (pure) and says how it is paid; a gateway the club does not offer is a 400. */
export function planCheckout(
  context: CheckoutContext,
  input: {
    courtId: string;
    startsAt: Date;
    durationMinutes: number;
    timeZone: string;
    party: { members: number; guests: number };
    /** The gateway the player chose, if any. */
    gateway?: PaymentGateway;
  },
): CheckoutPlan {
  const quote = priceBooking({
    rules: context.rules,
    courtId: input.courtId,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    timeZone: input.timeZone,
    party: input.party,
    currency: context.currency,
  });
  if (quote.amountMinor <= 0) return { kind: "FREE", quote };
  const enabled = context.gateways;
  if (enabled.length === 0) return { kind: "PAY_AT_CLUB", quote };
  if (input.gateway) {
    if (!enabled.includes(input.gateway))
      throw new AppError(
        "BAD_REQUEST",
        `Invalid input — gateway: this club does not take payments by ${input.gateway}`,
        { gateway: `must be one of ${enabled.join(", ")}` },
      );
    return { kind: "ONLINE", quote, gateway: input.gateway };
  }
  if (enabled.length > 1)
    throw new AppError("BAD_REQUEST", "Invalid input — gateway: choose how to pay", {
      gateway: `is required: choose one of ${enabled.join(", ")}`,
    });
  return { kind: "ONLINE", quote, gateway: enabled[0]! };
}

export type OpenedPayment = {
  id: string;
  gateway: PaymentGateway;
  amount: number;
  currency: string;
  holdExpiresAt: Date;
};

/** Our reference for the gateways (PayPal invoice_id, Paybox PBX_CMD): unique, short, opaque. */
export function newPaymentReference(): string {
  return `CS-${randomBytes(8).toString("hex").toUpperCase()}`;
}

/** Creates the pending payment of a booking that waits for payment (same transaction). */
export async function openPayment(
  tx: PrismaTx,
  input: {
    clubId: string;
    bookingId: string;
    plan: Extract<CheckoutPlan, { kind: "ONLINE" }>;
    now: Date;
  },
): Promise<OpenedPayment> {
  const { quote, gateway } = input.plan;
  const p = await tx.payment.create({
    data: {
      clubId: input.clubId,
      bookingId: input.bookingId,
      gateway,
      amount: quote.amountMinor,
      currency: quote.currency,
      priceSnapshot: {
        amountMinor: quote.amountMinor,
        currency: quote.currency,
        lines: quote.lines,
        unpricedMinutes: quote.unpricedMinutes,
        pricedAt: input.now.toISOString(),
      },
      reference: newPaymentReference(),
      holdExpiresAt: new Date(input.now.getTime() + PAYMENT_HOLD_MINUTES * 60_000),
    },
    select: { id: true, gateway: true, amount: true, currency: true, holdExpiresAt: true },
  });
  return p;
}
