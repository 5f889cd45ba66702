import "server-only";
import { toCsv } from "@/lib/csv";
import { localTime, todayIn } from "@/lib/time";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { periodBounds } from "@/server/admin/exports/period-bounds";

export const BOOKING_EXPORT_COLUMNS = [
  "Date",
  "Start",
  "End",
  "Court",
  "Status",
  "Booked by",
  "Booker email",
  "Players",
  "Guests",
  "Created at",
  "Cancelled at",
  "Cancel reason",
] as const;

const MAX_ROWS = 50_000;

/**
 * The club's bookings starting in a period, as CSV (lib/csv.ts: formula-safe, RFC 4180, BOM).
 * Times are in the club's time zone. Managers and owners only; the export is audited.
 */
export async function exportBookingsCsv(
  slug: string,
  raw: unknown,
  ctx: RequestContext,
): Promise<{ filename: string; body: string }> {
  const access = await requireClubPermission(slug, "exportData");
  const { timeZone, id: clubId } = access.club;
  const period = periodBounds(raw, timeZone);
  const count = await db.booking.count({
    where: { clubId, startsAt: { gte: period.start, lt: period.end } },
  });
  if (count > MAX_ROWS)
    throw new AppError("UNPROCESSABLE", `Too many bookings (${count}): choose a shorter period.`);
  const bookings = await db.booking.findMany({
    where: { clubId, startsAt: { gte: period.start, lt: period.end } },
    orderBy: [{ startsAt: "asc" }, { court: { position: "asc" } }],
    select: {
      startsAt: true,
      endsAt: true,
      status: true,
      createdAt: true,
      cancelledAt: true,
      cancelReason: true,
      court: { select: { name: true } },
      createdBy: { select: { name: true, email: true } },
      players: { select: { guestName: true, user: { select: { name: true } } } },
    },
  });
  const stamp = (d: Date | null) => (d ? `${todayIn(timeZone, d)} ${localTime(d, timeZone)}` : "");
  const rows = bookings.map((b) => [
    todayIn(timeZone, b.startsAt),
    localTime(b.startsAt, timeZone),
    localTime(b.endsAt, timeZone),
    b.court.name,
    b.status,
    b.createdBy?.name ?? "",
    b.createdBy?.email ?? "",
    b.players.flatMap((p) => (p.user ? [p.user.name] : [])).join("; "),
    b.players.flatMap((p) => (p.guestName ? [p.guestName] : [])).join("; "),
    stamp(b.createdAt),
    stamp(b.cancelledAt),
    b.cancelReason ?? "",
  ]);
  await recordAuditEvent({
    action: "admin.export.bookings",
    clubId,
    actorId: access.user.userId,
    targetType: "club",
    targetId: clubId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: { from: period.from, to: period.to, rows: rows.length },
  });
  return {
    filename: `${access.club.slug}-bookings-${period.from}-to-${period.to}.csv`,
    body: toCsv(BOOKING_EXPORT_COLUMNS, rows),
  };
}
