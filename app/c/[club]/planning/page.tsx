import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { BadRequestView } from "@/components/bad-request-view";
import { PlanningTable } from "@/components/planning-table";
import type { AvailabilityGrid } from "@/lib/availability";
import { myBookingsPath, parseBookingPrefill } from "@/lib/booking-links";
import { bookPagePath, formatClock } from "@/lib/booking-ui";
import { addYears, formatLongDate } from "@/lib/time";
import {
  parsePlanningQuery,
  planningDate,
  PLANNING_RANGE_YEARS,
  type RawSearchParams,
} from "@/schemas/planning";
import { getSession } from "@/server/auth/get-session";
import { loginUrl } from "@/server/auth/require-user";
import { getAvailability } from "@/server/bookings/get-availability";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";

type Props = { params: Promise<{ club: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { club } = await params;
  const parsed = parsePlanningQuery(club, await searchParams);
  if (!parsed.ok) {
    return { title: parsed.badClub ? "Club not found" : "Bad request", robots: { index: false } };
  }
  const found = await getClubBySlug(parsed.query.club);
  return { title: found ? `Planning · ${found.name}` : "Club not found" };
}

const FIELD_NAMES: Record<string, string> = { date: "The date" };

/** The time of this request (a server component renders once per request). */
const requestTime = (): number => Date.now();

/** The court and times of one of the viewer's bookings shown on the grid. */
function bookedSummary(grid: AvailabilityGrid, bookingId: string, zone: string): string | null {
  for (const [i, court] of grid.courts.entries()) {
    const rows = grid.rows.filter((r) => {
      const c = r.cells[i];
      return c?.status === "booked" && c.bookingId === bookingId;
    });
    const first = rows[0];
    const last = rows.at(-1);
    if (first && last) {
      const cell = first.cells[i];
      const from = cell?.status === "booked" ? cell.from : formatClock(first.startsAt, zone);
      const lastCell = last.cells[i];
      const until = lastCell?.status === "booked" ? lastCell.until : formatClock(last.endsAt, zone);
      return `${court.name}, ${from}–${until}`;
    }
  }
  return null;
}

/**
 * The one rule that stops the viewer from booking anything on this day (e.g. the day is not open
 * for booking yet), when there is one: shown once above the grid. Gaps too short for a booking
 * do not count.
 */
function commonRefusal(grid: AvailabilityGrid): string | null {
  const reasons = new Set<string>();
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.status !== "free") continue;
      if (cell.bookable) return null;
      if (cell.reason.rule !== "TOO_SHORT") reasons.add(cell.reason.message);
    }
  }
  return reasons.size === 1 ? [...reasons][0]! : null;
}

export default async function PlanningPage({ params, searchParams }: Props) {
  const { club: slug } = await params;
  const query = await searchParams;
  // The waiting-list email (lib/booking-links.ts bookingPrefillPath) opens the planning with a
  // slot: the booking page of that slot, prefilled, is where it is booked.
  const prefill = parseBookingPrefill(query);
  if (prefill) redirect(bookPagePath(slug, prefill));
  const parsed = parsePlanningQuery(slug, query);
  if (!parsed.ok) {
    if (parsed.badClub) notFound();
    // A page cannot set its HTTP status in Next 16; proxy.ts gives this answer its 400 status
    // (planningQueryProblem) while the page explains the problem.
    const problems = new Map<string, string>();
    for (const p of parsed.problems) {
      if (!problems.has(p.field))
        problems.set(p.field, `${FIELD_NAMES[p.field] ?? p.field} ${p.message}.`);
    }
    return (
      <BadRequestView
        title="This planning date cannot be shown"
        problems={[...problems.values()]}
        back={{ href: `/c/${slug}/planning`, label: "See today’s planning" }}
      />
    );
  }

  const session = await getSession();
  const planning = await getAvailability(session ? { userId: session.userId } : null, {
    club: parsed.query.club,
    date: parsed.query.date,
  });
  if (!planning) notFound();
  const { club, grid, date, today, viewer } = planning;
  const base = `/c/${club.slug}/planning`;
  const here = parsed.query.date ? `${base}?date=${parsed.query.date}` : base;
  const member = viewer.signedIn && viewer.member;
  const bookedId = typeof query.booked === "string" ? query.booked : null;
  const booked = bookedId && member ? bookedSummary(grid, bookedId, club.timeZone) : null;
  const refusal = member ? commonRefusal(grid) : null;
  const inRange = (d: string) => planningDate().safeParse(d).success;
  const longDate = formatLongDate(date);
  const linkClass =
    "inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 py-2 text-blue-800 underline-offset-2 hover:underline";

  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href={`/c/${club.slug}`} className="text-blue-800 underline">
          {club.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Court planning</h1>
      <p className="mt-1 text-slate-800">
        <time dateTime={date}>{longDate}</time>
        {date === today ? " (today)" : null} · times in the club’s time zone ({club.timeZone})
      </p>

      {booked ? (
        <div role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3">
          <p className="font-semibold">Your booking is confirmed: {booked}.</p>
          <p>
            We have emailed you (and your partners) a confirmation with a calendar file.{" "}
            <Link href={myBookingsPath(club.slug)} className="text-blue-800 underline">
              See my bookings
            </Link>
          </p>
        </div>
      ) : null}
      {!viewer.signedIn ? (
        <p className="mt-4 rounded border border-blue-300 bg-blue-50 p-3">
          <Link href={loginUrl(here)} className="font-semibold text-blue-800 underline">
            Sign in to book
          </Link>{" "}
          a free court.
        </p>
      ) : !viewer.member ? (
        <p className="mt-4 rounded border border-slate-300 bg-white p-3">
          Only members of this club can book. Ask the club to add you.
        </p>
      ) : (
        <p className="mt-4">
          Choose <strong>Book</strong> in a free slot to book it. Free slots you cannot book say
          why.{" "}
          <Link href={myBookingsPath(club.slug)} className="text-blue-800 underline">
            My bookings
          </Link>
        </p>
      )}
      {refusal ? (
        <p
          className="mt-4 rounded border border-amber-300 bg-amber-50 p-3"
          data-testid="day-refusal"
        >
          You cannot book on this day: {refusal}
        </p>
      ) : null}

      <nav aria-label="Choose a day" className="mt-4 flex flex-wrap items-end gap-2">
        {inRange(planning.previousDate) ? (
          <Link href={`${base}?date=${planning.previousDate}`} className={linkClass} rel="prev">
            <span aria-hidden="true">←&nbsp;</span>Previous day
          </Link>
        ) : null}
        {date !== today ? (
          <Link href={base} className={linkClass}>
            Today
          </Link>
        ) : null}
        {inRange(planning.nextDate) ? (
          <Link href={`${base}?date=${planning.nextDate}`} className={linkClass} rel="next">
            Next day<span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : null}
        <form method="get" action={base} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col">
            <label htmlFor="planning-date" className="text-sm font-medium">
              Go to date
            </label>
            <input
              id="planning-date"
              type="date"
              name="date"
              defaultValue={date}
              min={addYears(today, -PLANNING_RANGE_YEARS)}
              max={addYears(today, PLANNING_RANGE_YEARS)}
              required
              className="min-h-11 rounded border border-slate-500 bg-white px-2"
            />
          </div>
          <button
            type="submit"
            className="min-h-11 rounded bg-blue-800 px-4 font-medium text-white hover:bg-blue-900"
          >
            Show
          </button>
        </form>
      </nav>

      {grid.offsetChange ? (
        <p className="mt-4 rounded border border-sky-300 bg-sky-50 p-3 text-sky-950">
          Clocks change on this day: the club’s time goes from {grid.offsetChange.before} to{" "}
          {grid.offsetChange.after}
          {grid.dayMinutes > 1440
            ? ", so one hour appears twice (told apart by its UTC offset)."
            : null}
          {grid.dayMinutes < 1440 ? ", so one hour is skipped." : null}
        </p>
      ) : null}
      {grid.clubClosure ? (
        <p className="mt-4 rounded border border-slate-400 bg-slate-100 p-3">
          The club is closed on this day: {grid.clubClosure}.
        </p>
      ) : null}

      <div className="mt-4">
        {grid.rows.length === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            No court is open on this day.
          </p>
        ) : (
          <PlanningTable
            grid={grid}
            caption={`Courts and times on ${longDate}`}
            links={
              member
                ? {
                    clubSlug: club.slug,
                    myBookingsHref: myBookingsPath(club.slug),
                    canWait: true,
                    now: requestTime(),
                  }
                : null
            }
          />
        )}
      </div>

      <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
        <li>
          <span className="rounded bg-emerald-50 px-1.5 text-emerald-900">Free</span> can be booked
        </li>
        {member ? (
          <li>
            <span className="rounded bg-emerald-50 px-1.5 text-emerald-900">Free, not for you</span>{" "}
            a booking rule stops you: open it to see which
          </li>
        ) : null}
        <li>
          <span className="rounded bg-rose-100 px-1.5 text-rose-900">Booked</span> by players
        </li>
        {member ? (
          <li>
            <span className="rounded bg-blue-100 px-1.5 text-blue-950">Your booking</span> you play
          </li>
        ) : null}
        <li>
          <span className="rounded bg-amber-100 px-1.5 text-amber-900">Blocked</span> lesson,
          tournament or maintenance
        </li>
        <li>
          <span className="rounded bg-slate-200 px-1.5 text-slate-700">Closed</span> outside opening
          hours
        </li>
        <li>
          <span className="rounded bg-slate-100 px-1.5 text-slate-700">Past</span> already started
        </li>
      </ul>
    </main>
  );
}
