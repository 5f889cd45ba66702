import type { PlanningCell, PlanningGrid } from "@/lib/planning";

/** The words a cell shows, read as is by screen readers (never colour alone). */
export function cellText(cell: PlanningCell): string {
  switch (cell.status) {
    case "free":
      return "Free";
    case "past":
      return "Past";
    case "closed":
      return cell.reason ? `Closed: ${cell.reason}` : "Closed";
    case "booked":
      return cell.partial ? `Booked ${cell.from}–${cell.until}` : "Booked";
    case "blocked":
      return cell.partial
        ? `Blocked ${cell.from}–${cell.until}: ${cell.title}`
        : `Blocked: ${cell.title}`;
  }
}

const CELL_CLASS: Record<PlanningCell["status"], string> = {
  free: "bg-emerald-50 text-emerald-900",
  past: "bg-slate-100 text-slate-700",
  closed: "bg-slate-200 text-slate-700",
  booked: "bg-rose-100 text-rose-900 font-medium",
  blocked: "bg-amber-100 text-amber-900 font-medium",
};

/**
 * The day grid: a real table, courts as column headers, times as row headers. On a narrow screen
 * it scrolls sideways inside a focusable region (so keyboard users can scroll it too) with the
 * time column kept in view.
 */
export function PlanningTable({ grid, caption }: { grid: PlanningGrid; caption: string }) {
  return (
    <div
      role="region"
      aria-label={`${caption} (scrolls sideways on small screens)`}
      tabIndex={0}
      className="max-w-full overflow-x-auto rounded border border-slate-300 bg-white"
      data-testid="planning-region"
    >
      <table className="min-w-max border-collapse text-sm">
        <caption className="px-3 py-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th
              scope="col"
              className="sticky left-0 z-10 border-b border-slate-300 bg-white px-3 py-2 text-left"
            >
              Time
            </th>
            {grid.courts.map((court) => (
              <th
                key={court.id}
                scope="col"
                className="border-b border-l border-slate-300 px-3 py-2 text-left"
              >
                {court.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.startsAt}>
              <th
                scope="row"
                className="sticky left-0 z-10 border-t border-slate-200 bg-white px-3 py-1.5 text-left font-mono font-normal whitespace-nowrap"
              >
                <time dateTime={row.startsAt}>{row.label}</time>
                {row.repeatedLabel ? (
                  <span className="ml-1 text-xs text-slate-700">({row.offset})</span>
                ) : null}
              </th>
              {row.cells.map((cell, i) => (
                <td
                  key={grid.courts[i]?.id ?? i}
                  className={`min-w-28 border-t border-l border-slate-200 px-3 py-1.5 ${CELL_CLASS[cell.status]}`}
                  data-status={cell.status}
                >
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
