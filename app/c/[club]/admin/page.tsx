import type { Metadata } from "next";
import Link from "next/link";
import { logOutAction } from "@/app/account/actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdminSection } from "@/components/admin/admin-section";
import { formatLongDate } from "@/lib/time";
import { getDashboard } from "@/server/admin/dashboard/get-dashboard";
import { requireClubPermission } from "@/server/auth/require-user";

export const metadata: Metadata = { title: "Club admin" };

const fmtHours = (minutes: number) =>
  `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}`;

/**
 * Dashboard of a club's admin area: staff roles only, with two-factor authentication on
 * (requireClubPermission sends them to enrol first). Today's occupancy per court, the next blocks, the
 * latest bookings and cancellations, and the latest security events of the club.
 */
export default async function AdminHomePage({ params }: { params: Promise<{ club: string }> }) {
  const { club: slug } = await params;
  const { club, role, user } = await requireClubPermission(slug, "viewDashboard", {
    next: `/c/${slug}/admin`,
  });
  const d = await getDashboard(club.slug);
  const when = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone: club.timeZone,
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(iso));
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <p className="text-sm text-slate-600">
          Signed in as {user.name} · {role.toLowerCase()}
        </p>
        <h1 className="mt-2 text-2xl font-bold">{club.name} — admin</h1>

        <section aria-labelledby="occupancy" className="mt-6">
          <h2 id="occupancy" className="text-xl font-semibold">
            Today, {formatLongDate(d.today)}
          </h2>
          {d.occupancy.length === 0 ? (
            <p className="mt-2 text-slate-700">No active court yet.</p>
          ) : (
            <table className="mt-2 w-full border-collapse text-left text-sm">
              <caption className="sr-only">Occupancy of each court today</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-1 pr-2">
                    Court
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Bookings
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Booked
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Blocked
                  </th>
                  <th scope="col" className="py-1">
                    Occupancy
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.occupancy.map((c) => (
                  <tr key={c.courtId} className="border-b border-slate-200">
                    <th scope="row" className="py-1 pr-2 font-medium">
                      {c.courtName}
                    </th>
                    <td className="py-1 pr-2">{c.bookings}</td>
                    <td className="py-1 pr-2">{fmtHours(c.bookedMinutes)}</td>
                    <td className="py-1 pr-2">{fmtHours(c.blockedMinutes)}</td>
                    <td className="py-1">
                      {c.percent === null ? (
                        "Closed today"
                      ) : (
                        <span className="flex items-center gap-2">
                          <meter
                            min={0}
                            max={100}
                            value={c.percent}
                            aria-label={`${c.courtName} occupancy`}
                            className="w-32"
                          />
                          {c.percent}% of {fmtHours(c.openMinutes)}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <div className="mt-8 grid gap-8 md:grid-cols-2">
          <AdminSection id="blocks" title="Upcoming blocks">
            {d.upcomingBlocks.length === 0 ? (
              <p className="mt-2 text-slate-700">None.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {d.upcomingBlocks.map((b) => (
                  <li key={b.id}>
                    <span className="font-medium">{b.title}</span> · {formatLongDate(b.date)}{" "}
                    {b.start}–{b.end} · {b.courtName ?? "all courts"}
                  </li>
                ))}
              </ul>
            )}
            <Link
              className="mt-2 inline-block text-blue-700 underline"
              href={`/c/${club.slug}/admin/blocks`}
            >
              Manage blocks
            </Link>
          </AdminSection>

          <AdminSection id="recent-bookings" title="Latest bookings">
            {d.recentBookings.length === 0 ? (
              <p className="mt-2 text-slate-700">None yet.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {d.recentBookings.map((b) => (
                  <li key={b.id}>
                    {formatLongDate(b.date)} {b.start} · {b.courtName} · {b.players.join(", ")}
                  </li>
                ))}
              </ul>
            )}
            <Link
              className="mt-2 inline-block text-blue-700 underline"
              href={`/c/${club.slug}/admin/bookings`}
            >
              All bookings
            </Link>
          </AdminSection>

          <AdminSection id="recent-cancellations" title="Latest cancellations">
            {d.recentCancellations.length === 0 ? (
              <p className="mt-2 text-slate-700">None.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {d.recentCancellations.map((b) => (
                  <li key={b.id}>
                    {formatLongDate(b.date)} {b.start} · {b.courtName} · {b.players.join(", ")}
                    {b.reason ? <span className="text-slate-600"> — {b.reason}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </AdminSection>

          {d.securityEvents ? (
            <AdminSection id="security" title="Security events">
              {d.securityEvents.length === 0 ? (
                <p className="mt-2 text-slate-700">None.</p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm">
                  {d.securityEvents.map((e) => (
                    <li key={e.id}>
                      <time dateTime={e.at}>{when(e.at)}</time> · <code>{e.action}</code>
                      {e.actor ? ` · ${e.actor}` : ""}
                      {e.account && e.account !== e.actor ? ` · account: ${e.account}` : ""}
                      {e.ip ? ` · ${e.ip}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </AdminSection>
          ) : null}
        </div>

        <div className="mt-8 flex gap-4">
          <Link className="text-blue-700 underline" href="/account">
            Your account
          </Link>
          <form action={logOutAction}>
            <button type="submit" className="text-blue-700 underline">
              Log out
            </button>
          </form>
        </div>
      </main>
    </>
  );
}
