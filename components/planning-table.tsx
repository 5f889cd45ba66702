import Link from "next/link";
import type { AvailabilityCell, AvailabilityGrid } from "@/lib/availability";
import { bookPagePath } from "@/lib/booking-ui";
import type { PlanningCell } from "@/lib/planning";

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

const MINE_CLASS = "bg-blue-100 text-blue-950 font-medium";

const LINK_CLASS =
  "inline-flex min-h-8 items-center rounded px-1 underline underline-offset-2 hover:decoration-2 focus:ring-2 focus:ring-blue-600 focus:outline-none";

/** What a signed-in member can do from the grid: book free cells, wait for taken ones. */
export type PlanningTableLinks = {
  clubSlug: string;
  /** "My bookings" page (a booking of the viewer links to `#booking-{id}` there). */
  myBookingsHref: string;
  /** The viewer may join the waiting list of taken slots that have not started. */
  canWait: boolean;
  now: number;
};

function CellContent({
  cell,
  court,
  row,
  links,
}: {
  cell: AvailabilityCell;
  court: AvailabilityGrid["courts"][number];
  row: AvailabilityGrid["rows"][number];
  links: PlanningTableLinks | null;
}) {
  const where = ` ${court.name} at ${row.label}${row.repeatedLabel ? ` (${row.offset})` : ""}`;
  if (cell.status === "free" && links) {
    if (cell.bookable) {
      const href = bookPagePath(links.clubSlug, {
        courtId: court.id,
        startsAt: new Date(row.startsAt),
        durationMinutes: cell.durations[0]!,
      });
      return (
        <Link href={href} className={`${LINK_CLASS} font-semibold text-emerald-950`}>
          Book<span className="sr-only">{where}</span>
        </Link>
      );
    }
    if (cell.reason.rule !== "SIGN_IN") {
      return (
        <details className="max-w-56" data-rule={cell.reason.rule}>
          <summary className="cursor-pointer rounded px-1 text-slate-800 focus:ring-2 focus:ring-blue-600 focus:outline-none">
            Free, not for you<span className="sr-only">: why?</span>
          </summary>
          <p className="mt-1 text-xs whitespace-normal text-slate-900">{cell.reason.message}</p>
        </details>
      );
    }
  }
  if (cell.status === "booked" && links) {
    if (cell.mine && cell.bookingId) {
      return (
        <Link href={`${links.myBookingsHref}#booking-${cell.bookingId}`} className={LINK_CLASS}>
          Your booking<span className="sr-only">{where}</span>
        </Link>
      );
    }
    if (links.canWait && Date.parse(row.startsAt) > links.now && court.durations.length) {
      const href = bookPagePath(links.clubSlug, {
        courtId: court.id,
        startsAt: new Date(row.startsAt),
        durationMinutes: court.durations[0]!,
      });
      return (
        <span className="flex flex-col items-start">
          <span>{cellText(cell)}</span>
          <Link href={href} className={`${LINK_CLASS} text-xs font-normal`}>
            <span className="sr-only">Join the </span>waiting list
            <span className="sr-only"> for{where}</span>
          </Link>
        </span>
      );
    }
  }
  return <>{cellText(cell)}</>;
}

/**
 * The day grid: a real table, courts as column headers, times as row headers. On a narrow screen
 * it scrolls sideways inside a focusable region (so keyboard users can scroll it too) with the
 * time column kept in view. With `links` (a signed-in member), free cells the viewer may book are
 * links to the booking page, free cells they may not book tell why (a disclosure, so the grid stays
 * compact), their own bookings link to "My bookings" and taken slots offer the waiting list.
 */
export function PlanningTable({
  grid,
  caption,
  links = null,
}: {
  grid: AvailabilityGrid;
  caption: string;
  links?: PlanningTableLinks | null;
}) {
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
              {row.cells.map((cell, i) => {
                const court = grid.courts[i]!;
                const mine = cell.status === "booked" && cell.mine;
                return (
                  <td
                    key={court.id}
                    className={`min-w-28 border-t border-l border-slate-200 px-3 py-1.5 align-top ${mine ? MINE_CLASS : CELL_CLASS[cell.status]}`}
                    data-status={mine ? "mine" : cell.status}
                    data-bookable={
                      cell.status === "free" && links ? String(cell.bookable) : undefined
                    }
                  >
                    <CellContent cell={cell} court={court} row={row} links={links} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
