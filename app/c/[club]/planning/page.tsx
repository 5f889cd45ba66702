import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { BadRequestView } from "@/components/bad-request-view";
import { PlanningDayNav } from "@/components/planning/planning-day-nav";
import { PlanningLegend } from "@/components/planning/planning-legend";
import {
  BookedNotice,
  DayNotes,
  DayRefusal,
  ViewerPrompt,
} from "@/components/planning/planning-notices";
import { PlanningTable } from "@/components/planning-table";
import { bookedSummary, commonRefusal } from "@/lib/availability";
import { myBookingsPath, parseBookingPrefill } from "@/lib/booking-links";
import { bookPagePath } from "@/lib/booking-ui";
import { formatLongDate } from "@/lib/time";
import {
  parsePlanningQuery,
  planningDate,
  planningProblemMessages,
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

/** The time of this request (a server component renders once per request). */
const requestTime = (): number => Date.now();

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
    return (
      <BadRequestView
        title="This planning date cannot be shown"
        problems={planningProblemMessages(parsed.problems)}
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
  const booked = bookedId && member ? bookedSummary(grid, bookedId) : null;
  const refusal = member ? commonRefusal(grid) : null;
  const inRange = (d: string) => (planningDate().safeParse(d).success ? d : null);
  const longDate = formatLongDate(date);
  const myBookingsHref = myBookingsPath(club.slug);

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

      {booked ? <BookedNotice summary={booked} myBookingsHref={myBookingsHref} /> : null}
      <ViewerPrompt viewer={viewer} loginHref={loginUrl(here)} myBookingsHref={myBookingsHref} />
      {refusal ? <DayRefusal refusal={refusal} /> : null}

      <PlanningDayNav
        base={base}
        date={date}
        today={today}
        previousDate={inRange(planning.previousDate)}
        nextDate={inRange(planning.nextDate)}
      />

      <DayNotes grid={grid} />

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
                ? { clubSlug: club.slug, myBookingsHref, canWait: true, now: requestTime() }
                : null
            }
          />
        )}
      </div>

      <PlanningLegend member={member} />
    </main>
  );
}
