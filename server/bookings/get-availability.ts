import "server-only";
/**
 * getAvailability — the day planning of a club as one viewer sees it: courts × slots, and for each
 * free cell whether the viewer may book it (with the durations they may choose) or the rule that
 * stops them and when they become eligible. Anonymous viewers see every free cell as not bookable
 * ("Sign in to book"); signed-in non-members as NOT_A_MEMBER.
 *
 *   getAvailability(
 *     viewer: { userId: string } | null,
 *     input: { club: string; date?: string },         // club slug; date YYYY-MM-DD (default: today, club time)
 *     options?: { now?: Date },
 *   ): Promise<Availability | null>                    // null: no such club (→ 404)
 *
 * Errors: 400 BAD_REQUEST { fields: { date } } for a malformed or out-of-range date.
 *
 * Same answer as the server's check: free cells are decided by decideSlot (lib/booking-policy.ts)
 * with the same tier, held bookings, sport rules and peak bands that create-booking loads; the
 * party rules (guests, partners, players on court) are decided when the dialog is submitted.
 * A small fixed number of SQL statements whatever the number of courts: the public planning
 * (server/planning/get-day-planning.ts), one query of the club's rules and the viewer's
 * membership, and one of the viewer's held bookings.
 */
import { buildAvailability, type AvailabilityGrid, type Viewer } from "@/lib/availability";
import type { SportRules } from "@/lib/booking-policy";
import type { LocalDate } from "@/lib/time";
import { availabilityQuery } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import {
  assertActor,
  loadHeldBookings,
  memberStateOf,
  peakBandsOf,
  sportRulesOf,
  TIER_SELECT,
  tierPolicyOf,
} from "@/server/bookings/policy-context";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { getDayPlanning } from "@/server/planning/get-day-planning";

export type Availability = {
  club: { slug: string; name: string; timeZone: string; slotMinutes: number };
  date: LocalDate;
  today: LocalDate;
  previousDate: LocalDate;
  nextDate: LocalDate;
  viewer: { signedIn: boolean; member: boolean; tierName: string | null };
  grid: AvailabilityGrid;
};

export async function getAvailability(
  viewer: { userId: string } | null,
  input: { club: string; date?: string },
  options: { now?: Date } = {},
): Promise<Availability | null> {
  assertActor(viewer);
  const now = options.now ?? new Date();
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) return null;
  let date: LocalDate | undefined;
  if (input.date !== undefined) {
    date = parseInput(availabilityQuery(now), { date: input.date }).date;
  }

  const [planning, rules, membership] = await Promise.all([
    getDayPlanning({ slug: slug.data, date, now }),
    db.club.findUnique({
      where: { slug: slug.data },
      select: {
        id: true,
        courts: { where: { active: true }, select: { id: true, sport: true } },
        sports: { select: { sport: true, allowedDurations: true, allowedPlayerCounts: true } },
        peakBands: { select: { weekday: true, startMinute: true, endMinute: true } },
      },
    }),
    viewer
      ? db.membership.findFirst({
          where: { userId: viewer.userId, club: { slug: slug.data } },
          select: { status: true, validUntil: true, tier: { select: TIER_SELECT } },
        })
      : Promise.resolve(null),
  ]);
  if (!planning || !rules) return null;

  const sports = new Map<string, { sport: string; rules: SportRules }>(
    rules.courts.map((c) => [c.id, { sport: c.sport, rules: sportRulesOf(c.sport, rules.sports) }]),
  );

  let who: Viewer;
  if (!viewer) who = { kind: "anonymous" };
  else if (!membership) who = { kind: "not-member" };
  else {
    const held = await loadHeldBookings(db, rules.id, viewer.userId, now);
    who = {
      kind: "member",
      ctx: {
        now,
        timeZone: planning.club.timeZone,
        tier: tierPolicyOf(membership.tier),
        member: memberStateOf(membership),
        peakBands: peakBandsOf(rules.peakBands),
        held,
      },
      mine: held,
    };
  }

  return {
    club: planning.club,
    date: planning.date,
    today: planning.today,
    previousDate: planning.previousDate,
    nextDate: planning.nextDate,
    viewer: {
      signedIn: viewer !== null,
      member: membership !== null,
      tierName: membership ? tierPolicyOf(membership.tier).tierName : null,
    },
    grid: buildAvailability(planning.grid, sports, who),
  };
}
