import "server-only";
import { addDays, isoWeekday, type LocalDate } from "@/lib/time";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { periodBounds } from "@/server/admin/exports/period-bounds";

export type ClubStatistics = {
  from: LocalDate;
  to: LocalDate;
  timeZone: string;
  totals: { bookings: number; bookedMinutes: number; cancelled: number };
  /** Active (not cancelled) bookings per court; openMinutes from the weekly opening hours. */
  byCourt: {
    courtId: string;
    name: string;
    bookings: number;
    bookedMinutes: number;
    openMinutes: number;
  }[];
  /** Booked court-minutes per ISO weekday (1–7) and local hour (0–23), bookings split by hour. */
  heatmap: { weekday: number; hour: number; bookedMinutes: number }[];
  /** Active bookings by the booker's current tier in the club (null: no tier / not a member). */
  byTier: { tierId: string | null; name: string | null; bookings: number }[];
  cancellations: {
    count: number;
    /** Minutes between cancelling and the booked start. */
    averageLeadMinutes: number | null;
    medianLeadMinutes: number | null;
    buckets: { label: string; count: number }[];
  };
};

export const LEAD_BUCKETS = [
  "After the start",
  "Less than 2 hours",
  "2 to 24 hours",
  "1 to 7 days",
  "More than 7 days",
] as const;

/**
 * The statistics screen: every number is a SQL aggregate (GROUP BY in the club's time zone)
 * over bookings starting in the period — no booking rows are loaded. Managers and owners only.
 */
export async function getClubStatistics(slug: string, raw: unknown): Promise<ClubStatistics> {
  const access = await requireClubPermission(slug, "viewStatistics", {
    next: `/c/${slug}/admin/statistics`,
  });
  const { id: clubId, timeZone } = access.club;
  const { from, to, start, end } = periodBounds(raw, timeZone);

  const [byCourt, heatmap, byTier, cancelRows, hours, courtHours] = await Promise.all([
    db.$queryRaw<{ court_id: string; name: string; bookings: number; minutes: number }[]>`
      SELECT c.id AS court_id, c.name,
             COUNT(b.id)::int AS bookings,
             COALESCE(SUM(EXTRACT(EPOCH FROM (b.ends_at - b.starts_at)) / 60), 0)::int AS minutes
      FROM court c
      LEFT JOIN booking b ON b.court_id = c.id AND b.club_id = c.club_id
        AND b.status <> 'CANCELLED' AND b.starts_at >= ${start} AND b.starts_at < ${end}
      WHERE c.club_id = ${clubId}::uuid
      GROUP BY c.id, c.name, c.position
      ORDER BY c.position, c.name`,
    // Hour slots are real instants one hour apart, starting at the local hour that holds the
    // booking's start, each labelled with its local weekday and hour: on a DST night the repeated
    // hour gets both slots and the skipped one none, so the cells always add up to the minutes.
    db.$queryRaw<{ weekday: number; hour: number; minutes: number }[]>`
      SELECT EXTRACT(ISODOW FROM h.slot AT TIME ZONE ${timeZone})::int AS weekday,
             EXTRACT(HOUR FROM h.slot AT TIME ZONE ${timeZone})::int AS hour,
             SUM(EXTRACT(EPOCH FROM (LEAST(b.ends_at, h.slot + interval '1 hour')
                                     - GREATEST(b.starts_at, h.slot))) / 60)::int AS minutes
      FROM booking b
      CROSS JOIN LATERAL generate_series(
        date_trunc('hour', b.starts_at AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone},
        b.ends_at - interval '1 microsecond',
        interval '1 hour') AS h(slot)
      WHERE b.club_id = ${clubId}::uuid AND b.status <> 'CANCELLED'
        AND b.starts_at >= ${start} AND b.starts_at < ${end}
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    db.$queryRaw<{ tier_id: string | null; name: string | null; bookings: number }[]>`
      SELECT t.id AS tier_id, t.name, COUNT(*)::int AS bookings
      FROM booking b
      LEFT JOIN membership m ON m.user_id = b.created_by_id AND m.club_id = b.club_id
      LEFT JOIN membership_tier t ON t.id = m.tier_id
      WHERE b.club_id = ${clubId}::uuid AND b.status <> 'CANCELLED'
        AND b.starts_at >= ${start} AND b.starts_at < ${end}
      GROUP BY t.id, t.name
      ORDER BY bookings DESC, t.name NULLS LAST`,
    db.$queryRaw<
      {
        count: number;
        avg: number | null;
        median: number | null;
        after_start: number;
        under_2h: number;
        under_24h: number;
        under_7d: number;
        over_7d: number;
        total: number;
      }[]
    >`
      WITH c AS (
        SELECT b.status, EXTRACT(EPOCH FROM (b.starts_at - b.cancelled_at)) / 60 AS lead
        FROM booking b
        WHERE b.club_id = ${clubId}::uuid AND b.starts_at >= ${start} AND b.starts_at < ${end}
      )
      SELECT COUNT(*) FILTER (WHERE status = 'CANCELLED')::int AS count,
             AVG(lead) FILTER (WHERE status = 'CANCELLED')::float8 AS avg,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY lead)
                FILTER (WHERE status = 'CANCELLED'))::float8 AS median,
             COUNT(*) FILTER (WHERE status = 'CANCELLED' AND lead < 0)::int AS after_start,
             COUNT(*) FILTER (WHERE status = 'CANCELLED' AND lead >= 0 AND lead < 120)::int AS under_2h,
             COUNT(*) FILTER (WHERE status = 'CANCELLED' AND lead >= 120 AND lead < 1440)::int AS under_24h,
             COUNT(*) FILTER (WHERE status = 'CANCELLED' AND lead >= 1440 AND lead < 10080)::int AS under_7d,
             COUNT(*) FILTER (WHERE status = 'CANCELLED' AND lead >= 10080)::int AS over_7d,
             COUNT(*)::int AS total
      FROM c`,
    db.openingHours.findMany({
      where: { clubId },
      select: { weekday: true, opensMinute: true, closesMinute: true },
    }),
    db.courtOpeningHours.findMany({
      where: { court: { clubId } },
      select: {
        courtId: true,
        weekday: true,
        closed: true,
        opensMinute: true,
        closesMinute: true,
      },
    }),
  ]);

  // Days of each ISO weekday in the period (at most 366 days: a loop over dates, not bookings).
  const weekdayCount = new Map<number, number>();
  for (let d = from; d <= to; d = addDays(d, 1))
    weekdayCount.set(isoWeekday(d), (weekdayCount.get(isoWeekday(d)) ?? 0) + 1);
  const clubOpen = new Map(hours.map((h) => [h.weekday, h.closesMinute - h.opensMinute]));
  const openMinutes = (courtId: string) => {
    let total = 0;
    for (const [weekday, days] of weekdayCount) {
      const o = courtHours.find((c) => c.courtId === courtId && c.weekday === weekday);
      const minutes = o
        ? o.closed || o.opensMinute === null || o.closesMinute === null
          ? 0
          : o.closesMinute - o.opensMinute
        : (clubOpen.get(weekday) ?? 0);
      total += Math.max(0, minutes) * days;
    }
    return total;
  };

  const c = cancelRows[0]!;
  return {
    from,
    to,
    timeZone,
    totals: {
      bookings: byCourt.reduce((s, r) => s + r.bookings, 0),
      bookedMinutes: byCourt.reduce((s, r) => s + r.minutes, 0),
      cancelled: c.count,
    },
    byCourt: byCourt.map((r) => ({
      courtId: r.court_id,
      name: r.name,
      bookings: r.bookings,
      bookedMinutes: r.minutes,
      openMinutes: openMinutes(r.court_id),
    })),
    heatmap: heatmap.map((r) => ({ weekday: r.weekday, hour: r.hour, bookedMinutes: r.minutes })),
    byTier: byTier.map((r) => ({ tierId: r.tier_id, name: r.name, bookings: r.bookings })),
    cancellations: {
      count: c.count,
      averageLeadMinutes: c.avg === null ? null : Math.round(c.avg),
      medianLeadMinutes: c.median === null ? null : Math.round(c.median),
      buckets: [c.after_start, c.under_2h, c.under_24h, c.under_7d, c.over_7d].map((count, i) => ({
        label: LEAD_BUCKETS[i]!,
        count,
      })),
    },
  };
}
