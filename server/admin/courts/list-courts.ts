import "server-only";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

/** The club's courts in display order, with whether each has ever been booked (MANAGER). */
export async function listCourts(slug: string) {
  const access = await requireClubPermission(slug, "manageCourts", {
    next: `/c/${slug}/admin/courts`,
  });
  const courts = await db.court.findMany({
    where: { clubId: access.club.id },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      sport: true,
      surface: true,
      indoor: true,
      floodlights: true,
      active: true,
      position: true,
      _count: { select: { bookings: true } },
    },
  });
  return {
    access,
    courts: courts.map(({ _count, ...c }) => ({ ...c, bookingCount: _count.bookings })),
  };
}
