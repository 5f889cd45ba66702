import "server-only";
import { addDays, dayBounds, type LocalDate } from "@/lib/time";
import { PeriodInput } from "@/schemas/admin-reports";
import { parseInput } from "@/server/errors";

/** A validated period of local dates and its instants [start of `from`, start of day after `to`). */
export function periodBounds(
  raw: unknown,
  timeZone: string,
): { from: LocalDate; to: LocalDate; start: Date; end: Date } {
  const { from, to } = parseInput(PeriodInput, raw);
  return {
    from,
    to,
    start: dayBounds(from, timeZone).start,
    end: dayBounds(addDays(to, 1), timeZone).start,
  };
}
