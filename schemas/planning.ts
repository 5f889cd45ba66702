/**
 * Input of the day planning page `/c/[club]/planning?date=YYYY-MM-DD`. Shared by the page and, if
 * wanted, by proxy.ts (which alone can give the response a 400 status: see planningQueryProblem).
 */
import { z } from "zod";
import { addYears, type LocalDate } from "@/lib/time";

/** YYYY-MM-DD naming a day that exists (any year 0000–9999; the range is checked apart). */
function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A club's slug as the database accepts it (club_slug_format). */
export const CLUB_SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const ClubSlug = z.string().regex(CLUB_SLUG_RE, "is not a club address");

/** How far from today the grid can be asked for. */
export const PLANNING_RANGE_YEARS = 2;

/**
 * A calendar date YYYY-MM-DD that exists (no 2026-02-30), within ±2 years of `now` (UTC date; a
 * day's difference in the club's zone does not matter at this range). Repeated or overlong values
 * are refused with a message that says so; the value itself is never echoed.
 */
export function planningDate(now: Date = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const min = addYears(today, -PLANNING_RANGE_YEARS);
  const max = addYears(today, PLANNING_RANGE_YEARS);
  return z
    .string({
      error: (issue) =>
        Array.isArray(issue.input)
          ? "was given more than once; give one date"
          : "must be a date written YYYY-MM-DD, e.g. 2026-06-16",
    })
    .max(10, "is too long: write the date as YYYY-MM-DD, e.g. 2026-06-16")
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD, e.g. 2026-06-16")
    .refine(isRealDate, "is not a real calendar date (check the day and the month)")
    .refine(
      (v) => v >= min && v <= max,
      `is too far away: the planning covers ${min} to ${max} (${PLANNING_RANGE_YEARS} years either side of today)`,
    );
}

/** Search parameters as Next.js hands them to a page. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export function planningQuerySchema(now: Date = new Date()) {
  return z.object({
    club: ClubSlug,
    // An empty `date=` (a date picker submitted empty) means today.
    date: z.preprocess((v) => (v === "" ? undefined : v), planningDate(now).optional()),
  });
}

export type PlanningQuery = { club: string; date: LocalDate | undefined };

export type PlanningQueryResult =
  | { ok: true; query: PlanningQuery }
  | { ok: false; badClub: boolean; problems: { field: string; message: string }[] };

/** Validates the club slug and the search parameters (other parameters are ignored). */
export function parsePlanningQuery(
  club: string,
  searchParams: RawSearchParams,
  now: Date = new Date(),
): PlanningQueryResult {
  const result = planningQuerySchema(now).safeParse({ club, date: searchParams.date });
  if (result.success)
    return { ok: true, query: { club: result.data.club, date: result.data.date } };
  const problems = result.error.issues.map((i) => ({
    field: i.path.map(String).join(".") || "input",
    message: i.message,
  }));
  return { ok: false, badClub: problems.some((p) => p.field === "club"), problems };
}

const FIELD_NAMES: Record<string, string> = { date: "The date" };

/** The planning page's 400 explanation: one sentence per field ("The date is not a …."). */
export function planningProblemMessages(
  problems: ReadonlyArray<{ field: string; message: string }>,
): string[] {
  const messages = new Map<string, string>();
  for (const p of problems) {
    if (!messages.has(p.field))
      messages.set(p.field, `${FIELD_NAMES[p.field] ?? p.field} ${p.message}.`);
  }
  return [...messages.values()];
}

/**
 * For proxy.ts: the problem with a planning URL's query, or null when it is fine (or is not a
 * planning URL). A page cannot set its HTTP status in Next 16, but the proxy can: with
 * `NextResponse.next({ status: 400, request: { headers } })` Next renders the page as usual and
 * sends it with status 400 (checked on Next 16.4.6, `next start`). The page renders the same
 * explanation. A malformed club slug is left to the page (404).
 */
export function planningQueryProblem(
  url: { pathname: string; searchParams: URLSearchParams },
  now: Date = new Date(),
): string | null {
  const m = /^\/c\/([^/]+)\/planning\/?$/.exec(url.pathname);
  if (!m) return null;
  const dates = url.searchParams.getAll("date");
  const date = dates.length === 0 ? undefined : dates.length === 1 ? dates[0] : dates;
  const result = planningQuerySchema(now).shape.date.safeParse(date);
  return result.success ? null : `date ${result.error.issues[0]?.message ?? "is invalid"}`;
}
