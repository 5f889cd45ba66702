import { CountTable } from "@/components/admin/statistics/count-table";
import { AdminSection } from "@/components/admin/admin-section";
import { formatHours, formatLeadTime, formatShare, heatmapTable } from "@/lib/club-statistics";
import { formatMinuteOfDay } from "@/lib/time";
import type { ClubStatistics } from "@/server/admin/statistics/get-club-statistics";

/** Cell colours by heat level (lib/club-statistics.ts heatmapTable): the numbers stay in the cells. */
const HEAT = [
  "bg-slate-50",
  "bg-blue-100",
  "bg-blue-200",
  "bg-blue-400 text-white",
  "bg-blue-700 text-white",
];

/**
 * The statistics of a period: totals, occupancy by court, the weekday × hour heat map (a table
 * with the numbers in it: colour is only a help), bookings per tier and cancellations.
 */
export function StatisticsReport({ stats }: { stats: ClubStatistics }) {
  const heatmap = heatmapTable(stats.heatmap);
  return (
    <>
      <p className="mt-4" data-testid="stats-totals">
        {stats.totals.bookings} bookings ({formatHours(stats.totals.bookedMinutes)} court hours),{" "}
        {stats.totals.cancelled} cancelled, from {stats.from} to {stats.to} ({stats.timeZone}
        ).
      </p>

      <AdminSection id="by-court" title="Occupancy by court" className="mt-6">
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
                <td>{formatHours(c.bookedMinutes)}</td>
                <td>{formatHours(c.openMinutes)}</td>
                <td>{formatShare(c.bookedMinutes, c.openMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-sm text-slate-600">
          Open hours follow the weekly opening hours (closure dates are not deducted).
        </p>
      </AdminSection>

      <AdminSection
        id="heatmap"
        title="Booked court minutes by weekday and hour"
        className="mt-8 overflow-x-auto"
      >
        <table className="mt-2 border-collapse text-xs">
          <caption className="sr-only">
            Minutes of court time booked, by weekday (rows) and starting hour (columns)
          </caption>
          <thead>
            <tr>
              <td />
              {heatmap.hours.map((h) => (
                <th key={h} scope="col" className="px-1 font-normal">
                  {formatMinuteOfDay(h * 60)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.rows.map((row) => (
              <tr key={row.name}>
                <th scope="row" className="pr-2 text-left font-medium">
                  {row.name}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.hour}
                    className={`h-8 w-12 border border-white text-center ${HEAT[cell.level]}`}
                  >
                    {cell.minutes}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </AdminSection>

      <div className="mt-8 grid gap-8 md:grid-cols-2">
        <AdminSection id="by-tier" title="Bookings per tier">
          <CountTable
            head={["Tier of the booker", "Bookings"]}
            rows={stats.byTier.map((t) => ({
              key: t.tierId ?? "none",
              label: t.name ?? "No tier",
              count: t.bookings,
            }))}
          />
        </AdminSection>
        <AdminSection id="cancellations" title="Cancellations">
          <p className="mt-2">
            {stats.cancellations.count} cancelled; notice given: average{" "}
            {formatLeadTime(stats.cancellations.averageLeadMinutes)}, median{" "}
            {formatLeadTime(stats.cancellations.medianLeadMinutes)}.
          </p>
          <CountTable
            head={["Cancelled", "Bookings"]}
            rows={stats.cancellations.buckets.map((b) => ({
              key: b.label,
              label: b.label,
              count: b.count,
            }))}
          />
        </AdminSection>
      </div>
    </>
  );
}
