import "server-only";
/**
 * getDashboard — the first screen of a club's admin area: today's occupancy per court (booked
 * and blocked time against the court's opening hours), the next blocks, the latest bookings and
 * cancellations, and the latest security events of the club (admin actions in the club, and
 * sign-in, lockout, password and 2FA events of its current staff accounts: by actor, or by target
 * for failed sign-ins and lockouts, which have no actor). STAFF and above; everything is
 * scoped by the authorized club. Security events are shown to MANAGER and OWNER only (like the
 * audit log; STAFF handle bookings and blocks: need-to-know); for STAFF they are null.
 *
 *   getDashboard(club: string, now?: Date): Promise<Dashboard>
 */
import type { Role } from "@/generated/prisma/client";
import { dayBounds, isoWeekday, localTime, todayIn } from "@/lib/time";
import { can, STAFF_ROLES } from "@/lib/auth/capabilities";
import { requireClubPermission } from "@/server/auth/require-user";
import { isActiveMembership } from "@/lib/membership";
import { db } from "@/server/db";

export type Dashboard = {
  club: { slug: string; name: string; timeZone: string };
  role: Role;
  today: string;
  occupancy: Array<{
    courtId: string;
    courtName: string;
    openMinutes: number;
    bookedMinutes: number;
    blockedMinutes: number;
    bookings: number;
    /** Share of open time taken (0–100), or null when the court is closed today. */
    percent: number | null;
  }>;
  upcomingBlocks: Array<{
    id: string;
    title: string;
    kind: string;
    courtName: string | null;
    date: string;
    start: string;
    end: string;
  }>;
  recentBookings: Array<{
    id: string;
    courtName: string;
    date: string;
    start: string;
    players: string[];
    createdAt: string;
  }>;
  recentCancellations: Array<{
    id: string;
    courtName: string;
    date: string;
    start: string;
    players: string[];
    cancelledAt: string;
    reason: string | null;
  }>;
  /** Null for STAFF (need-to-know). */
  securityEvents: Array<{
    id: string;
    at: string;
    action: string;
    actor: string | null;
    /** The current staff account the event is about (sign-in failures and lockouts have no actor). */
    account: string | null;
    ip: string | null;
    targetType: string | null;
  }> | null;
};

/** Routine player activity: not shown among security events. */
const ROUTINE = ["booking.created", "booking.cancelled", "waitlist.joined", "waitlist.left"];
/** Account events that matter when they concern a member with a staff role. */
const STAFF_ACCOUNT_EVENTS = [
  "auth.login.failed",
  "auth.login.refused_locked",
  "auth.login.throttled",
  "auth.account.locked",
  "auth.account.unlocked",
  "auth.password.changed",
  "auth.password.reset",
  "auth.email.changed",
  "auth.2fa.enabled",
  "auth.2fa.disabled",
  "auth.logout_everywhere",
];

const overlapMinutes = (a: Date, b: Date, from: Date, to: Date) =>
  Math.max(
    0,
    (Math.min(b.getTime(), to.getTime()) - Math.max(a.getTime(), from.getTime())) / 60_000,
  );

export async function getDashboard(club: string, now: Date = new Date()): Promise<Dashboard> {
  const access = await requireClubPermission(club, "viewDashboard");
  const clubId = access.club.id;
  const zone = access.club.timeZone;
  const today = todayIn(zone, now);
  const { start, end } = dayBounds(today, zone);
  const weekday = isoWeekday(today);

  const [courts, hours, closures, occupancy] = await Promise.all([
    db.court.findMany({
      where: { clubId, active: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        openingHours: {
          where: { weekday },
          select: { closed: true, opensMinute: true, closesMinute: true },
        },
      },
    }),
    db.openingHours.findFirst({
      where: { clubId, weekday },
      select: { opensMinute: true, closesMinute: true },
    }),
    db.closure.findMany({
      where: { clubId, date: new Date(`${today}T00:00:00Z`) },
      select: { courtId: true },
    }),
    db.courtOccupancy.findMany({
      where: { court: { clubId }, startsAt: { lt: end }, endsAt: { gt: start } },
      select: { courtId: true, startsAt: true, endsAt: true, bookingId: true, blockId: true },
    }),
  ]);

  const occupancyRows = courts.map((c) => {
    const override = c.openingHours[0];
    const closed =
      closures.some((x) => x.courtId === null || x.courtId === c.id) || override?.closed === true;
    const opens = override?.opensMinute ?? hours?.opensMinute ?? null;
    const closes = override?.closesMinute ?? hours?.closesMinute ?? null;
    const openMinutes =
      closed || opens === null || closes === null ? 0 : Math.max(0, closes - opens);
    const mine = occupancy.filter((o) => o.courtId === c.id);
    const minutes = (rows: typeof mine) =>
      Math.round(
        rows.reduce((sum, o) => sum + overlapMinutes(o.startsAt, o.endsAt, start, end), 0),
      );
    const bookedMinutes = minutes(mine.filter((o) => o.bookingId));
    const blockedMinutes = minutes(mine.filter((o) => o.blockId));
    return {
      courtId: c.id,
      courtName: c.name,
      openMinutes,
      bookedMinutes,
      blockedMinutes,
      bookings: mine.filter((o) => o.bookingId).length,
      percent:
        openMinutes > 0
          ? Math.min(100, Math.round(((bookedMinutes + blockedMinutes) * 100) / openMinutes))
          : null,
    };
  });

  const playerSelect = {
    createdById: true,
    players: { select: { userId: true, guestName: true, user: { select: { name: true } } } },
  } as const;
  const namesOf = (b: {
    createdById: string | null;
    players: { userId: string | null; guestName: string | null; user: { name: string } | null }[];
  }) =>
    [...b.players]
      .sort((x, y) => Number(y.userId === b.createdById) - Number(x.userId === b.createdById))
      .map((p) => p.user?.name ?? `${p.guestName ?? ""} (guest)`);

  const showSecurity = can(access.role, "viewSecurityEvents");
  // The club's current staff: an ended, expired or lowered membership is no longer the club's
  // business (need-to-know). Sign-in failures and lockouts have no actor: they name the account
  // as their target (its user id, or the address typed when no account was found).
  const staff = (
    await db.membership.findMany({
      where: { clubId, role: { in: [...STAFF_ROLES] } },
      select: {
        userId: true,
        status: true,
        validUntil: true,
        user: { select: { email: true, name: true } },
      },
    })
  ).filter((m) => isActiveMembership(m, zone, now));
  const staffIds = staff.map((s) => s.userId);
  const staffEmails = staff.map((s) => s.user.email.toLowerCase());
  const [blocks, booked, cancelled, events] = await Promise.all([
    db.block.findMany({
      where: { clubId, endsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 8,
      select: {
        id: true,
        title: true,
        kind: true,
        startsAt: true,
        endsAt: true,
        court: { select: { name: true } },
      },
    }),
    db.booking.findMany({
      where: { clubId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 8,
      select: {
        id: true,
        startsAt: true,
        createdAt: true,
        court: { select: { name: true } },
        ...playerSelect,
      },
    }),
    db.booking.findMany({
      where: { clubId, status: "CANCELLED", cancelledAt: { not: null } },
      orderBy: [{ cancelledAt: "desc" }, { id: "asc" }],
      take: 8,
      select: {
        id: true,
        startsAt: true,
        cancelledAt: true,
        cancelReason: true,
        court: { select: { name: true } },
        ...playerSelect,
      },
    }),
    !showSecurity
      ? Promise.resolve([])
      : db.auditEvent.findMany({
          where: {
            OR: [
              { clubId, action: { notIn: ROUTINE } },
              { action: { in: STAFF_ACCOUNT_EVENTS }, actorId: { in: staffIds } },
              {
                action: { in: STAFF_ACCOUNT_EVENTS },
                targetType: "user",
                targetId: { in: staffIds },
              },
              {
                action: { in: STAFF_ACCOUNT_EVENTS },
                targetType: "email",
                targetId: { in: staffEmails },
              },
            ],
          },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          take: 12,
          select: {
            id: true,
            at: true,
            action: true,
            actorId: true,
            ip: true,
            targetType: true,
            targetId: true,
          },
        }),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((a): a is string => !!a))];
  const actors = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];

  const staffAccountOf = (e: { targetType: string | null; targetId: string | null }) =>
    e.targetType === "user"
      ? staff.find((m) => m.userId === e.targetId)
      : e.targetType === "email"
        ? staff.find((m) => m.user.email.toLowerCase() === e.targetId?.toLowerCase())
        : undefined;

  return {
    club: { slug: access.club.slug, name: access.club.name, timeZone: zone },
    role: access.role,
    today,
    occupancy: occupancyRows,
    upcomingBlocks: blocks.map((b) => ({
      id: b.id,
      title: b.title,
      kind: b.kind,
      courtName: b.court?.name ?? null,
      date: todayIn(zone, b.startsAt),
      start: localTime(b.startsAt, zone),
      end: localTime(b.endsAt, zone),
    })),
    recentBookings: booked.map((b) => ({
      id: b.id,
      courtName: b.court.name,
      date: todayIn(zone, b.startsAt),
      start: localTime(b.startsAt, zone),
      players: namesOf(b),
      createdAt: b.createdAt.toISOString(),
    })),
    recentCancellations: cancelled.map((b) => ({
      id: b.id,
      courtName: b.court.name,
      date: todayIn(zone, b.startsAt),
      start: localTime(b.startsAt, zone),
      players: namesOf(b),
      cancelledAt: b.cancelledAt!.toISOString(),
      reason: b.cancelReason,
    })),
    securityEvents: !showSecurity
      ? null
      : events.map((e) => ({
          id: e.id.toString(),
          at: e.at.toISOString(),
          action: e.action,
          actor: actors.find((a) => a.id === e.actorId)?.name ?? null,
          account: staffAccountOf(e)?.user.name ?? null,
          ip: e.ip,
          targetType: e.targetType,
        })),
  };
}
