import "server-only";
/**
 * listPayments — the club's payments for its admin screen, newest first, 50 to a page, filtered
 * by status and by "needs attention". STAFF and above may look (like the bookings list); only
 * managers act on them (refund-payment.ts, mark-refund-manual.ts, retry-refund.ts).
 *
 * A payment needs attention when:
 * - it carries a reconciliation flag (AMOUNT_MISMATCH, LATE_PAYMENT, REVERSED, REFUND_FAILED…);
 * - it is still PENDING after its hold expired (the expiry job has not run);
 * - one of its refunds is MANUAL (someone must pay it back by hand), or FAILED without a later
 *   refund of the same payment (not retried yet);
 * - one of its refunds is still REQUESTED or PENDING more than 10 minutes after it was queued
 *   (the worker should have sent it by then).
 *
 *   listPayments(club: string, raw: unknown (PaymentListQuery: strings of the URL), now?)
 *     : Promise<{ rows: AdminPaymentRow[]; total; page; pages; query; canAct }>
 */
import { Prisma } from "@/generated/prisma/client";
import type { PaymentStatus, RefundStatus } from "@/generated/prisma/client";
import { localTime, todayIn } from "@/lib/time";
import { PaymentListQuery } from "@/schemas/admin-payments";
import { can } from "@/lib/auth/capabilities";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export const PAYMENTS_PAGE_SIZE = 50;
/** A queued refund the worker has not finished after this long needs a look. */
export const STUCK_REFUND_MINUTES = 10;

export type AdminRefundRow = {
  id: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  gatewayRefundId: string | null;
  createdAt: string;
  completedAt: string | null;
};

export type AdminPaymentRow = {
  id: string;
  createdAt: string;
  /** Club-local date and time of creation. */
  createdLocal: { date: string; time: string };
  booking: {
    id: string;
    courtName: string;
    date: string;
    start: string;
    status: string;
    booker: string;
  };
  gateway: "PAYPAL" | "PAYBOX";
  amount: number;
  currency: string;
  status: PaymentStatus;
  refundedAmount: number;
  reference: string;
  paypalOrderId: string | null;
  paypalCaptureId: string | null;
  payboxTransaction: string | null;
  payboxCallNumber: string | null;
  payboxAuthorisation: string | null;
  flag: string | null;
  flagDetail: string | null;
  holdExpiresAt: string;
  needsAttention: boolean;
  /** What may still be refunded: amount − refunded − refunds queued or awaiting manual payment. */
  refundable: number;
  refunds: AdminRefundRow[];
};

/** SQL condition (on alias p) of a payment needing attention. */
function attentionSql(now: Date): Prisma.Sql {
  const stuckBefore = new Date(now.getTime() - STUCK_REFUND_MINUTES * 60_000);
  return Prisma.sql`(
    p."flag" IS NOT NULL
    OR (p."status" = 'PENDING' AND p."hold_expires_at" < ${now})
    OR EXISTS (
      SELECT 1 FROM "refund" r WHERE r."payment_id" = p."id" AND (
        r."status" = 'MANUAL'
        OR (r."status" IN ('REQUESTED', 'PENDING') AND r."created_at" < ${stuckBefore})
        OR (r."status" = 'FAILED' AND NOT EXISTS (
          SELECT 1 FROM "refund" later
          WHERE later."payment_id" = p."id" AND later."created_at" > r."created_at"
        ))
      )
    )
  )`;
}

/** The same rule, on loaded rows (for the badge of each row). */
export function needsAttention(
  p: {
    flag: string | null;
    status: PaymentStatus;
    holdExpiresAt: Date;
    refunds: Array<{ status: RefundStatus; createdAt: Date }>;
  },
  now: Date,
): boolean {
  if (p.flag) return true;
  if (p.status === "PENDING" && p.holdExpiresAt < now) return true;
  const stuckBefore = now.getTime() - STUCK_REFUND_MINUTES * 60_000;
  return p.refunds.some(
    (r) =>
      r.status === "MANUAL" ||
      ((r.status === "REQUESTED" || r.status === "PENDING") &&
        r.createdAt.getTime() < stuckBefore) ||
      (r.status === "FAILED" && !p.refunds.some((o) => o.createdAt > r.createdAt)),
  );
}

export async function listPayments(
  club: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<{
  rows: AdminPaymentRow[];
  total: number;
  page: number;
  pages: number;
  query: PaymentListQuery;
  canAct: boolean;
}> {
  const access = await requireClubPermission(club, "viewPayments");
  const zone = access.club.timeZone;
  const query = PaymentListQuery.parse(raw ?? {});

  const conditions: Prisma.Sql[] = [Prisma.sql`p."club_id" = ${access.club.id}::uuid`];
  if (query.status) conditions.push(Prisma.sql`p."status" = ${query.status}::"PaymentStatus"`);
  if (query.attention) conditions.push(attentionSql(now));
  const where = Prisma.join(conditions, " AND ");

  const [{ total }] = await db.$queryRaw<[{ total: number }]>`
    SELECT count(*)::int AS total FROM "payment" p WHERE ${where}`;
  const pages = Math.max(1, Math.ceil(total / PAYMENTS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT p."id"::text AS id FROM "payment" p WHERE ${where}
    ORDER BY p."created_at" DESC, p."id" ASC
    LIMIT ${PAYMENTS_PAGE_SIZE} OFFSET ${(page - 1) * PAYMENTS_PAGE_SIZE}`;

  const found = await db.payment.findMany({
    where: { id: { in: ids.map((r) => r.id) }, clubId: access.club.id },
    select: {
      id: true,
      createdAt: true,
      gateway: true,
      amount: true,
      currency: true,
      status: true,
      refundedAmount: true,
      reference: true,
      paypalOrderId: true,
      paypalCaptureId: true,
      payboxTransaction: true,
      payboxCallNumber: true,
      payboxAuthorisation: true,
      flag: true,
      flagDetail: true,
      holdExpiresAt: true,
      booking: {
        select: {
          id: true,
          startsAt: true,
          status: true,
          court: { select: { name: true } },
          createdBy: { select: { name: true, email: true } },
          players: {
            select: { guestName: true, user: { select: { name: true } } },
            take: 1,
          },
        },
      },
      refunds: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          amount: true,
          currency: true,
          status: true,
          reason: true,
          gatewayRefundId: true,
          createdAt: true,
          completedAt: true,
        },
      },
    },
  });
  const byId = new Map(found.map((p) => [p.id, p]));

  const rows: AdminPaymentRow[] = ids.flatMap(({ id }) => {
    const p = byId.get(id);
    if (!p) return [];
    const b = p.booking;
    const firstPlayer = b.players[0];
    const booker = b.createdBy
      ? `${b.createdBy.name} (${b.createdBy.email})`
      : (firstPlayer?.user?.name ??
        (firstPlayer?.guestName ? `${firstPlayer.guestName} (guest)` : "—"));
    const open = p.refunds
      .filter(
        (r) =>
          (r.status === "REQUESTED" || r.status === "PENDING" || r.status === "MANUAL") &&
          r.currency === p.currency,
      )
      .reduce((sum, r) => sum + r.amount, 0);
    const refundable =
      p.status === "PAID" || p.status === "PARTIALLY_REFUNDED"
        ? Math.max(0, p.amount - p.refundedAmount - open)
        : 0;
    return [
      {
        id: p.id,
        createdAt: p.createdAt.toISOString(),
        createdLocal: { date: todayIn(zone, p.createdAt), time: localTime(p.createdAt, zone) },
        booking: {
          id: b.id,
          courtName: b.court.name,
          date: todayIn(zone, b.startsAt),
          start: localTime(b.startsAt, zone),
          status: b.status,
          booker,
        },
        gateway: p.gateway,
        amount: p.amount,
        currency: p.currency,
        status: p.status,
        refundedAmount: p.refundedAmount,
        reference: p.reference,
        paypalOrderId: p.paypalOrderId,
        paypalCaptureId: p.paypalCaptureId,
        payboxTransaction: p.payboxTransaction,
        payboxCallNumber: p.payboxCallNumber,
        payboxAuthorisation: p.payboxAuthorisation,
        flag: p.flag,
        flagDetail: p.flagDetail,
        holdExpiresAt: p.holdExpiresAt.toISOString(),
        needsAttention: needsAttention(p, now),
        refundable,
        refunds: p.refunds.map((r) => ({
          id: r.id,
          amount: r.amount,
          currency: r.currency,
          status: r.status,
          reason: r.reason,
          gatewayRefundId: r.gatewayRefundId,
          createdAt: r.createdAt.toISOString(),
          completedAt: r.completedAt?.toISOString() ?? null,
        })),
      },
    ];
  });

  return {
    rows,
    total,
    page,
    pages,
    query: { ...query, page },
    canAct: can(access.role, "refundPayments"),
  };
}
