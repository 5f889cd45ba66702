import "server-only";
import { requireClubPermission } from "@/server/auth/require-user";
import { DEFAULT_SPORT_RULES, TIER_SELECT } from "@/server/bookings/policy-context";
import { db } from "@/server/db";

/**
 * The club's membership tiers with every booking rule, the sport rules (configured or default)
 * of the sports its courts use, its peak bands, and its members for "test as member" (MANAGER).
 */
export async function listTiers(slug: string) {
  const access = await requireClubPermission(slug, "manageTiers", {
    next: `/c/${slug}/admin/tiers`,
  });
  const clubId = access.club.id;
  const [tiers, sports, courts, peakBands, members] = await Promise.all([
    db.membershipTier.findMany({
      where: { clubId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        description: true,
        ...TIER_SELECT,
        _count: { select: { memberships: true } },
      },
    }),
    db.clubSport.findMany({
      where: { clubId },
      select: { sport: true, allowedDurations: true, allowedPlayerCounts: true },
    }),
    db.court.findMany({ where: { clubId }, select: { sport: true }, distinct: ["sport"] }),
    db.peakBand.findMany({
      where: { clubId },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { id: true, weekday: true, startMinute: true, endMinute: true },
    }),
    db.membership.findMany({
      where: { clubId },
      orderBy: { user: { name: "asc" } },
      take: 500,
      select: {
        userId: true,
        status: true,
        user: { select: { name: true, email: true } },
        tier: { select: { name: true } },
      },
    }),
  ]);
  const sportNames = [...new Set([...courts.map((c) => c.sport), ...sports.map((s) => s.sport)])];
  return {
    access,
    tiers: tiers.map(({ _count, ...t }) => ({ ...t, memberCount: _count.memberships })),
    sports: sportNames.sort().map((sport) => {
      const row = sports.find((s) => s.sport === sport);
      return {
        sport,
        configured: row !== undefined,
        allowedDurations: row?.allowedDurations ?? DEFAULT_SPORT_RULES[sport].allowedDurations,
        allowedPlayerCounts:
          row?.allowedPlayerCounts ?? DEFAULT_SPORT_RULES[sport].allowedPlayerCounts,
      };
    }),
    peakBands,
    members: members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      status: m.status,
      tierName: m.tier?.name ?? null,
    })),
  };
}
