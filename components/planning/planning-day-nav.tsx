import Link from "next/link";
import { addYears, type LocalDate } from "@/lib/time";
import { PLANNING_RANGE_YEARS } from "@/schemas/planning";

const LINK_CLASS =
  "inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 py-2 text-blue-800 underline-offset-2 hover:underline";

/**
 * Day navigation of the planning: previous and next day (null when outside the planning's range),
 * today, and a date field (a GET form, so it works without JavaScript).
 */
export function PlanningDayNav({
  base,
  date,
  today,
  previousDate,
  nextDate,
}: {
  /** The planning page's path, without query. */
  base: string;
  date: LocalDate;
  today: LocalDate;
  previousDate: LocalDate | null;
  nextDate: LocalDate | null;
}) {
  return (
    <nav aria-label="Choose a day" className="mt-4 flex flex-wrap items-end gap-2">
      {previousDate ? (
        <Link href={`${base}?date=${previousDate}`} className={LINK_CLASS} rel="prev">
          <span aria-hidden="true">←&nbsp;</span>Previous day
        </Link>
      ) : null}
      {date !== today ? (
        <Link href={base} className={LINK_CLASS}>
          Today
        </Link>
      ) : null}
      {nextDate ? (
        <Link href={`${base}?date=${nextDate}`} className={LINK_CLASS} rel="next">
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
  );
}
