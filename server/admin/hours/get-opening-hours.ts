import "server-only";
import { todayIn } from "@/lib/time";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

/** The club's weekly hours, each court's overrides and the closure dates from today (MANAGER). */
export async function getOpeningHours(slug: string) {
  const access = await requireClubPermission(slug, "manageHours", {
    next: `/c/${slug}/admin/hours`,
  });
  const today = todayIn(access.club.timeZone);
  const [hours, courts, closures] = await Promise.all([
    db.openingHours.findMany({
      where: { clubId: access.club.id },
      orderBy: { weekday: "asc" },
      select: { weekday: true, opensMinute: true, closesMinute: true },
    }),
    db.court.findMany({
      where: { clubId: access.club.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        active: true,
        openingHours: {
          orderBy: { weekday: "asc" },
          select: { weekday: true, closed: true, opensMinute: true, closesMinute: true },
        },
      },
    }),
    db.closure.findMany({
      where: { clubId: access.club.id, date: { gte: new Date(`${today}T00:00:00Z`) } },
      orderBy: [{ date: "asc" }],
      take: 200,
      select: { id: true, date: true, reason: true, court: { select: { id: true, name: true } } },
    }),
  ]);
  return {
    access,
    hours,
    courts,
    closures: closures.map((c) => ({ ...c, date: c.date.toISOString().slice(0, 10) })),
  };
}
