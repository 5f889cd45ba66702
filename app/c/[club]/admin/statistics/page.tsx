import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { addDays, formatMinuteOfDay, todayIn } from "@/lib/time";
import { getClubStatistics } from "@/server/admin/statistics/get-club-statistics";
import { requireClubPermission } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Statistics" };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const input = "mt-1 block rounded border border-slate-400 px-2 py-2";

const hours = (minutes: number) =>
  (minutes / 60).toLocaleString("en-GB", { maximumFractionDigits: 1 });
const percent = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 100)} %` : "—";
const duration = (minutes: number | null) => {
  if (minutes === null) return "—";
  const sign = minutes < 0 ? "−" : "";
  const m = Math.abs(minutes);
  if (m < 120) return `${sign}${m} min`;
  if (m < 2880) return `${sign}${hours(m)} h`;
  return `${sign}${(m / 1440).toLocaleString("en-GB", { maximumFractionDigits: 1 })} days`;
};

/**
 * Occupancy by court, a weekday × hour heatmap (a table with the numbers in it: colour is only
 * a help), bookings per tier and cancellations with their lead time, over a chosen period.
 * Managers and owners only; every number is an SQL aggregate (getClubStatistics).
 */
export default async function StatisticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const { club, role } = await requireClubPermission(slug, "viewStatistics", {
    next: `/c/${slug}/admin/statistics`,
  });
  const today = todayIn(club.timeZone);
  const from = typeof sp.from === "string" && sp.from ? sp.from : addDays(today, -27);
  const to = typeof sp.to === "string" && sp.to ? sp.to : today;
  let stats;
  let error: string | null = null;
  try {
    stats = await getClubStatistics(club.slug, { from, to });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "BAD_REQUEST") throw err;
    error = Object.values(err.fields)[0] ?? err.message;
  }
  const cells = new Map(stats?.heatmap.map((c) => [`${c.weekday}-${c.hour}`, c.bookedMinutes]));
  const hourRange = stats?.heatmap.length
    ? [
        Math.min(...stats.heatmap.map((c) => c.hour), 8),
        Math.max(...stats.heatmap.map((c) => c.hour), 21),
      ]
    : [8, 21];
  const hourList = Array.from(
    { length: hourRange[1]! - hourRange[0]! + 1 },
    (_, i) => hourRange[0]! + i,
  );
  const max = Math.max(1, ...(stats?.heatmap.map((c) => c.bookedMinutes) ?? [0]));
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="/statistics" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Statistics</h1>
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="stats-from" className="block font-medium">
              From
            </label>
            <input id="stats-from" name="from" type="date" defaultValue={from} className={input} />
          </div>
          <div>
            <label htmlFor="stats-to" className="block font-medium">
              To (included)
            </label>
            <input id="stats-to" name="to" type="date" defaultValue={to} className={input} />
          </div>
          <button
            type="submit"
            className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white"
          >
            Show
          </button>
        </form>
        {error ? (
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
          </p>
        ) : null}
        {stats ? (
          <>
            <p className="mt-4" data-testid="stats-totals">
              {stats.totals.bookings} bookings ({hours(stats.totals.bookedMinutes)} court hours),{" "}
              {stats.totals.cancelled} cancelled, from {stats.from} to {stats.to} ({stats.timeZone}
              ).
            </p>

            <section aria-labelledby="by-court" className="mt-6">
              <h2 id="by-court" className="text-xl font-semibold">
                Occupancy by court
              </h2>
              <table className="mt-2 w-full border-collapse text-sm">
                <thead>
                  <tr className="border-b text-left">
                    <th scope="col">Court</th>
                    <th scope="col">Bookings</th>
                    <th scope="col">Booked hours</th>
                    <th scope="col">Open hours</th>
                    <th scope="col">Occupancy</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byCourt.map((c) => (
                    <tr key={c.courtId} className="border-b">
                      <th scope="row" className="text-left font-medium">
                        {c.name}
                      </th>
                      <td>{c.bookings}</td>
                      <td>{hours(c.bookedMinutes)}</td>
                      <td>{hours(c.openMinutes)}</td>
                      <td>{percent(c.bookedMinutes, c.openMinutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-sm text-slate-600">
                Open hours follow the weekly opening hours (closure dates are not deducted).
              </p>
            </section>

            <section aria-labelledby="heatmap" className="mt-8 overflow-x-auto">
              <h2 id="heatmap" className="text-xl font-semibold">
                Booked court minutes by weekday and hour
              </h2>
              <table className="mt-2 border-collapse text-xs">
                <caption className="sr-only">
                  Minutes of court time booked, by weekday (rows) and starting hour (columns)
                </caption>
                <thead>
                  <tr>
                    <td />
                    {hourList.map((h) => (
                      <th key={h} scope="col" className="px-1 font-normal">
                        {formatMinuteOfDay(h * 60)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((name, i) => (
                    <tr key={name}>
                      <th scope="row" className="pr-2 text-left font-medium">
                        {name}
                      </th>
                      {hourList.map((h) => {
                        const v = cells.get(`${i + 1}-${h}`) ?? 0;
                        const level = v === 0 ? 0 : Math.ceil((v / max) * 4);
                        return (
                          <td
                            key={h}
                            className={`h-8 w-12 border border-white text-center ${HEAT[level]}`}
                          >
                            {v}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <div className="mt-8 grid gap-8 md:grid-cols-2">
              <section aria-labelledby="by-tier">
                <h2 id="by-tier" className="text-xl font-semibold">
                  Bookings per tier
                </h2>
                <table className="mt-2 w-full border-collapse text-sm">
                  <thead>
                    <tr className="border-b text-left">
                      <th scope="col">Tier of the booker</th>
                      <th scope="col">Bookings</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.byTier.map((t) => (
                      <tr key={t.tierId ?? "none"} className="border-b">
                        <th scope="row" className="text-left font-medium">
                          {t.name ?? "No tier"}
                        </th>
                        <td>{t.bookings}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section aria-labelledby="cancellations">
                <h2 id="cancellations" className="text-xl font-semibold">
                  Cancellations
                </h2>
                <p className="mt-2">
                  {stats.cancellations.count} cancelled; notice given: average{" "}
                  {duration(stats.cancellations.averageLeadMinutes)}, median{" "}
                  {duration(stats.cancellations.medianLeadMinutes)}.
                </p>
                <table className="mt-2 w-full border-collapse text-sm">
                  <thead>
                    <tr className="border-b text-left">
                      <th scope="col">Cancelled</th>
                      <th scope="col">Bookings</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.cancellations.buckets.map((b) => (
                      <tr key={b.label} className="border-b">
                        <th scope="row" className="text-left font-medium">
                          {b.label}
                        </th>
                        <td>{b.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          </>
        ) : null}
      </main>
    </>
  );
}

const HEAT = [
  "bg-slate-50",
  "bg-blue-100",
  "bg-blue-200",
  "bg-blue-400 text-white",
  "bg-blue-700 text-white",
];
