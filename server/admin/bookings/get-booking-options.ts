import "server-only";
/**
 * getBookingOptions — what the admin booking and block forms offer: the club's active courts and
 * its active members (for "book for a member" and the member filter). STAFF and above.
 *
 *   getBookingOptions(club: string): Promise<{ courts: {id, name}[]; members: {id, name, email}[] }>
 */
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export async function getBookingOptions(club: string): Promise<{
  courts: Array<{ id: string; name: string }>;
  members: Array<{ id: string; name: string; email: string }>;
}> {
  const access = await requireClubPermission(club, "bookForMember");
  const [courts, members] = await Promise.all([
    db.court.findMany({
      where: { clubId: access.club.id, active: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    db.membership.findMany({
      where: { clubId: access.club.id, status: "ACTIVE" },
      orderBy: { user: { name: "asc" } },
      take: 2000,
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  return { courts, members: members.map((m) => m.user) };
}
