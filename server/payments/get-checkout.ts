import "server-only";
/**
 * getCheckout — what the checkout page of a booking shows (read-only use case).
 *
 *   getCheckout(viewer: { userId }, input: { club: string; bookingId: string })
 *     → null when the booking is not the viewer's in that club (the page answers 404: a stranger
 *       learns nothing), else the booking, its latest payment and the gateway's public settings.
 *
 * Only the booker may pay. The amount shown is the one computed when the booking was made
 * (payment.amount, with its price lines), never recomputed here.
 */
import type { GatewayMode, PaymentGateway, PaymentStatus } from "@/generated/prisma/client";
import type { PriceLine } from "@/lib/pricing";
import { Uuid } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { db } from "@/server/db";
import { PaypalSettings } from "@/server/payments/gateway-config";

export type Checkout = {
  booking: {
    id: string;
    status: "PENDING_PAYMENT" | "CONFIRMED" | "CANCELLED";
    startsAt: Date;
    endsAt: Date;
    courtName: string;
    guests: string[];
    cancelReason: string | null;
  };
  club: { slug: string; name: string; timeZone: string };
  payment: {
    id: string;
    gateway: PaymentGateway;
    status: PaymentStatus;
    amount: number;
    currency: string;
    holdExpiresAt: Date;
    lines: PriceLine[];
  } | null;
  /** PayPal's public client id and environment, when the payment goes through PayPal. */
  paypal: { clientId: string; environment: "sandbox" | "production" } | null;
};

const ENVIRONMENT: Record<GatewayMode, "sandbox" | "production"> = {
  SANDBOX: "sandbox",
  LIVE: "production",
};

function linesOf(snapshot: unknown): PriceLine[] {
  const lines = (snapshot as { lines?: unknown } | null)?.lines;
  return Array.isArray(lines) ? (lines as PriceLine[]) : [];
}

export async function getCheckout(
  viewer: { userId: string },
  input: { club: string; bookingId: string },
): Promise<Checkout | null> {
  const slug = ClubSlug.safeParse(input.club);
  const id = Uuid.safeParse(input.bookingId);
  if (!slug.success || !id.success) return null;
  const b = await db.booking.findFirst({
    where: { id: id.data, club: { slug: slug.data }, createdById: viewer.userId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      cancelReason: true,
      court: { select: { name: true } },
      club: { select: { id: true, slug: true, name: true, timeZone: true } },
      players: { where: { guestName: { not: null } }, select: { guestName: true } },
      payments: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          id: true,
          gateway: true,
          status: true,
          amount: true,
          currency: true,
          holdExpiresAt: true,
          priceSnapshot: true,
        },
      },
    },
  });
  if (!b) return null;
  const p = b.payments[0] ?? null;
  let paypal: Checkout["paypal"] = null;
  if (p?.gateway === "PAYPAL" && p.status === "PENDING") {
    const config = await db.paymentGatewayConfig.findUnique({
      where: { clubId_gateway: { clubId: b.club.id, gateway: "PAYPAL" } },
      select: { mode: true, enabled: true, settings: true },
    });
    const settings = config ? PaypalSettings.safeParse(config.settings) : null;
    if (config?.enabled && settings?.success)
      paypal = { clientId: settings.data.clientId, environment: ENVIRONMENT[config.mode] };
  }
  return {
    booking: {
      id: b.id,
      status: b.status,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      courtName: b.court.name,
      guests: b.players.flatMap((pl) => (pl.guestName ? [pl.guestName] : [])),
      cancelReason: b.cancelReason,
    },
    club: { slug: b.club.slug, name: b.club.name, timeZone: b.club.timeZone },
    payment: p
      ? {
          id: p.id,
          gateway: p.gateway,
          status: p.status,
          amount: p.amount,
          currency: p.currency,
          holdExpiresAt: p.holdExpiresAt,
          lines: linesOf(p.priceSnapshot),
        }
      : null,
    paypal,
  };
}
