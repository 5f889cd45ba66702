import "server-only";
import {
  buildDayPlanning,
  type BlockKind,
  type OccupancyInterval,
  type PlanningGrid,
} from "@/lib/planning";
import { addDays, dayBounds, parseLocalDate, todayIn, type LocalDate } from "@/lib/time";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

export type DayPlanning = {
  club: { slug: string; name: string; timeZone: string; slotMinutes: number };
  /** The day shown, and today, in the club's time zone. */
  date: LocalDate;
  today: LocalDate;
  previousDate: LocalDate;
  nextDate: LocalDate;
  grid: PlanningGrid;
};

type OccupancyRow = {
  courtId: string;
  startsAt: Date;
  endsAt: Date;
  title: string | null;
  blockKind: BlockKind | null;
};

/**
 * The public, read-only planning of one club for one local day (default: today in the club's
 * zone). Null when the club does not exist. Three SQL round trips whatever the number of courts:
 * the club with its courts and hours, then closures and occupancy of the day in parallel.
 * Who booked is not disclosed: a booking is only "booked".
 */
export async function getDayPlanning(input: {
  slug: string;
  date?: LocalDate;
  now?: Date;
}): Promise<DayPlanning | null> {
  if (input.date !== undefined && parseLocalDate(input.date) === null) {
    throw new AppError("BAD_REQUEST", "date must be a real date written YYYY-MM-DD", {
      date: "must be a real date written YYYY-MM-DD",
    });
  }
  const club = await getClubBySlug(input.slug);
  if (!club) return null;

  const now = input.now ?? new Date();
  const today = todayIn(club.timeZone, now);
  const date = input.date ?? today;
  const { start, end } = dayBounds(date, club.timeZone);
  const courtIds = club.courts.map((c) => c.id);

  const [closures, occupancy] = await Promise.all([
    db.closure.findMany({
      where: { clubId: club.id, date: new Date(`${date}T00:00:00Z`) },
      select: { courtId: true, date: true, reason: true },
    }),
    courtIds.length === 0
      ? Promise.resolve([] as OccupancyRow[])
      : // The range test uses the GiST index of the court_occupancy_no_overlap constraint.
        db.$queryRaw<OccupancyRow[]>`
          SELECT o.court_id::text AS "courtId", o.starts_at AS "startsAt", o.ends_at AS "endsAt",
                 b.title AS "title", b.kind::text AS "blockKind"
          FROM court_occupancy o
          LEFT JOIN block b ON b.id = o.block_id
          WHERE o.court_id = ANY(${courtIds}::uuid[])
            AND tstzrange(o.starts_at, o.ends_at, '[)') && tstzrange(${start}, ${end}, '[)')
          ORDER BY o.starts_at`,
  ]);

  const grid = buildDayPlanning({
    timeZone: club.timeZone,
    slotMinutes: club.slotMinutes,
    date,
    openingHours: club.openingHours,
    courtOverrides: club.courts.flatMap((c) =>
      c.openingHours.map((o) => ({ ...o, courtId: c.id })),
    ),
    closures: closures.map((c) => ({
      courtId: c.courtId,
      date: c.date.toISOString().slice(0, 10),
      reason: c.reason,
    })),
    courts: club.courts.map((c) => ({ id: c.id, name: c.name })),
    occupancy: occupancy.map((o): OccupancyInterval =>
      o.blockKind !== null
        ? {
            courtId: o.courtId,
            startsAt: new Date(o.startsAt),
            endsAt: new Date(o.endsAt),
            kind: "block",
            title: o.title ?? "",
            blockKind: o.blockKind,
          }
        : {
            courtId: o.courtId,
            startsAt: new Date(o.startsAt),
            endsAt: new Date(o.endsAt),
            kind: "booking",
          },
    ),
    now,
  });

  return {
    club: {
      slug: club.slug,
      name: club.name,
      timeZone: club.timeZone,
      slotMinutes: club.slotMinutes,
    },
    date,
    today,
    previousDate: addDays(date, -1),
    nextDate: addDays(date, 1),
    grid,
  };
}
