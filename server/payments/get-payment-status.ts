import "server-only";
/**
 * Use case: what the booker of a payment may see of it (the payment status page and its JSON
 * poll). Read-only: it never changes a payment — only the gateways' verified messages do. Anyone
 * but the booker (or an unknown / malformed id) gets a 404.
 */
import type { BookingStatus, PaymentStatus, RefundStatus } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PaymentStatusView = {
  id: string;
  gateway: "PAYPAL" | "PAYBOX";
  status: PaymentStatus;
  amount: number;
  currency: string;
  refundedAmount: number;
  flag: string | null;
  holdExpiresAt: Date;
  paidAt: Date | null;
  club: { slug: string; name: string; timeZone: string };
  booking: {
    id: string;
    status: BookingStatus;
    startsAt: Date;
    endsAt: Date;
    courtName: string;
    cancelReason: string | null;
  };
  refunds: { status: RefundStatus; amount: number; currency: string }[];
};

export async function getPaymentStatus(input: {
  paymentId: string;
  userId: string;
}): Promise<PaymentStatusView> {
  if (!UUID_RE.test(input.paymentId)) throw notFoundError("Payment");
  const p = await db.payment.findUnique({
    where: { id: input.paymentId },
    select: {
      id: true,
      gateway: true,
      status: true,
      amount: true,
      currency: true,
      refundedAmount: true,
      flag: true,
      holdExpiresAt: true,
      paidAt: true,
      club: { select: { slug: true, name: true, timeZone: true } },
      booking: {
        select: {
          id: true,
          status: true,
          startsAt: true,
          endsAt: true,
          createdById: true,
          cancelReason: true,
          court: { select: { name: true } },
        },
      },
      refunds: {
        orderBy: { createdAt: "asc" },
        select: { status: true, amount: true, currency: true },
      },
    },
  });
  if (!p || p.booking.createdById !== input.userId) throw notFoundError("Payment");
  return {
    id: p.id,
    gateway: p.gateway,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    refundedAmount: p.refundedAmount,
    flag: p.flag,
    holdExpiresAt: p.holdExpiresAt,
    paidAt: p.paidAt,
    club: p.club,
    booking: {
      id: p.booking.id,
      status: p.booking.status,
      startsAt: p.booking.startsAt,
      endsAt: p.booking.endsAt,
      courtName: p.booking.court.name,
      cancelReason: p.booking.cancelReason,
    },
    refunds: p.refunds,
  };
}
