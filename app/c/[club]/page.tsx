import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sportLabel, surfaceLabel, weekdayName } from "@/lib/court-labels";
import { myBookingsPath } from "@/lib/booking-links";
import { formatMinuteOfDay } from "@/lib/time";
import { getSession } from "@/server/auth/get-session";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";

type Props = { params: Promise<{ club: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const club = await getClubBySlug((await params).club);
  return { title: club ? club.name : "Club not found" };
}

const range = (opens: number, closes: number) =>
  `${formatMinuteOfDay(opens)}–${formatMinuteOfDay(closes)}`;

export default async function ClubPage({ params }: Props) {
  const club = await getClubBySlug((await params).club);
  if (!club) notFound();
  const session = await getSession();

  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const hours = club.openingHours.find((h) => h.weekday === weekday);
    const exceptions = club.courts.flatMap((court) => {
      const o = court.openingHours.find((x) => x.weekday === weekday);
      if (!o) return [];
      if (o.closed || o.opensMinute === null || o.closesMinute === null)
        return [`${court.name}: closed`];
      return [`${court.name}: ${range(o.opensMinute, o.closesMinute)}`];
    });
    return { weekday, hours, exceptions };
  });

  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-6">
      <h1 className="text-3xl font-bold">{club.name}</h1>
      <p className="mt-4">
        <Link
          href={`/c/${club.slug}/planning`}
          className="inline-flex min-h-11 items-center rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
        >
          See today’s court planning
        </Link>
        {session ? (
          <Link
            href={myBookingsPath(club.slug)}
            className="ml-3 inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-4 py-2 font-medium text-blue-800 hover:bg-slate-100"
          >
            My bookings
          </Link>
        ) : null}
      </p>

      <section aria-labelledby="courts-heading" className="mt-8">
        <h2 id="courts-heading" className="text-xl font-semibold">
          Courts
        </h2>
        {club.courts.length === 0 ? (
          <p className="mt-2">This club has no courts open for booking yet.</p>
        ) : (
          <div
            role="region"
            aria-label="Courts (scrolls sideways on small screens)"
            tabIndex={0}
            className="mt-2 overflow-x-auto"
          >
            <table className="min-w-full border-collapse bg-white text-sm">
              <caption className="sr-only">Courts of {club.name}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="px-3 py-2">
                    Court
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Sport
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Surface
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Indoor or outdoor
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Floodlights
                  </th>
                </tr>
              </thead>
              <tbody>
                {club.courts.map((court) => (
                  <tr key={court.id} className="border-b border-slate-200">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {court.name}
                    </th>
                    <td className="px-3 py-2">{sportLabel(court.sport)}</td>
                    <td className="px-3 py-2">{surfaceLabel(court.surface)}</td>
                    <td className="px-3 py-2">{court.indoor ? "Indoor" : "Outdoor"}</td>
                    <td className="px-3 py-2">{court.floodlights ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="hours-heading" className="mt-8">
        <h2 id="hours-heading" className="text-xl font-semibold">
          Opening hours
        </h2>
        <p className="mt-1 text-sm text-slate-700">Local time of the club ({club.timeZone}).</p>
        <table className="mt-2 min-w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Opening hours of {club.name}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="px-3 py-2">
                Day
              </th>
              <th scope="col" className="px-3 py-2">
                Hours
              </th>
              <th scope="col" className="px-3 py-2">
                Courts with other hours
              </th>
            </tr>
          </thead>
          <tbody>
            {weekdays.map(({ weekday, hours, exceptions }) => (
              <tr key={weekday} className="border-b border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {weekdayName(weekday)}
                </th>
                <td className="px-3 py-2">
                  {hours ? range(hours.opensMinute, hours.closesMinute) : "Closed"}
                </td>
                <td className="px-3 py-2">{exceptions.length ? exceptions.join("; ") : "None"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
