import "server-only";
/**
 * listClubBookings — the club's bookings for its admin screen, filtered by date range (club
 * dates), court, member (name or email of a player, or a guest's name) and status, newest first,
 * 25 to a page. STAFF and above; every filter is applied inside the authorized club.
 *
 *   listClubBookings(club: string, query: unknown (BookingListQuery: strings of the URL))
 *     : Promise<{ rows: AdminBookingRow[]; total: number; page: number; pages: number; query: BookingListQuery }>
 */
import type { BookingStatus, Prisma } from "@/generated/prisma/client";
import { dayBounds, localTime, todayIn } from "@/lib/time";
import { BookingListQuery } from "@/schemas/admin-bookings";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export const PAGE_SIZE = 25;

export type AdminBookingRow = {
  id: string;
  status: BookingStatus;
  courtName: string;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  players: string[];
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
};

export async function listClubBookings(
  club: string,
  raw: unknown,
): Promise<{
  rows: AdminBookingRow[];
  total: number;
  page: number;
  pages: number;
  query: BookingListQuery;
}> {
  const access = await requireClubPermission(club, "viewBookings");
  const zone = access.club.timeZone;
  const query = BookingListQuery.parse(raw ?? {});
  const and: Prisma.BookingWhereInput[] = [{ clubId: access.club.id }];
  if (query.from) and.push({ startsAt: { gte: dayBounds(query.from, zone).start } });
  if (query.to) and.push({ startsAt: { lt: dayBounds(query.to, zone).end } });
  if (query.court) and.push({ courtId: query.court });
  if (query.status) and.push({ status: query.status });
  if (query.member) {
    const term = query.member;
    and.push({
      players: {
        some: {
          OR: [
            { user: { name: { contains: term, mode: "insensitive" } } },
            { user: { email: { contains: term, mode: "insensitive" } } },
            { guestName: { contains: term, mode: "insensitive" } },
          ],
        },
      },
    });
  }
  const where: Prisma.BookingWhereInput = { AND: and };
  const total = await db.booking.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await db.booking.findMany({
    where,
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      createdAt: true,
      createdById: true,
      cancelledAt: true,
      cancelReason: true,
      court: { select: { name: true } },
      players: { select: { userId: true, guestName: true, user: { select: { name: true } } } },
    },
  });
  return {
    rows: rows.map((b) => ({
      id: b.id,
      status: b.status,
      courtName: b.court.name,
      date: todayIn(zone, b.startsAt),
      start: localTime(b.startsAt, zone),
      end: localTime(b.endsAt, zone),
      startsAt: b.startsAt.toISOString(),
      players: [...b.players]
        .sort((x, y) => Number(y.userId === b.createdById) - Number(x.userId === b.createdById))
        .map((p) => p.user?.name ?? `${p.guestName ?? ""} (guest)`),
      createdAt: b.createdAt.toISOString(),
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
      cancelReason: b.cancelReason,
    })),
    total,
    page,
    pages,
    query: { ...query, page },
  };
}
