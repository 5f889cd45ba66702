import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatisticsPeriodForm } from "@/components/admin/statistics/statistics-period-form";
import { StatisticsReport } from "@/components/admin/statistics/statistics-report";
import { addDays, todayIn } from "@/lib/time";
import { getClubStatistics } from "@/server/admin/statistics/get-club-statistics";
import { requireClubPermission } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Statistics" };

/**
 * Occupancy by court, a weekday × hour heatmap, bookings per tier and cancellations with their
 * lead time, over a chosen period (the last four weeks by default).
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
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="/statistics" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Statistics</h1>
        <StatisticsPeriodForm from={from} to={to} />
        {error ? (
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
          </p>
        ) : null}
        {stats ? <StatisticsReport stats={stats} /> : null}
      </main>
    </>
  );
}
