/**
 * Occurrences of a block (ADR 010): one-off, or weekly on the same weekday until a date.
 * Computed on the club's wall clock, never by adding 7 × 24 hours: an 18:00 lesson stays at 18:00
 * across a DST change (its UTC instant moves by an hour). Pure: no I/O.
 */
import { addDays, zonedInstant, type LocalDate } from "@/lib/time";

/** A weekly series never has more occurrences than this (two years). */
export const MAX_OCCURRENCES = 104;

export type BlockPattern = {
  /** Date of the first occurrence, in the club's zone. */
  date: LocalDate;
  /** Minutes since local midnight, half-open; endMinute may be 1440 (midnight). */
  startMinute: number;
  endMinute: number;
  /** Last date an occurrence may fall on (inclusive), or null for a one-off block. */
  repeatUntil: LocalDate | null;
};

export type Occurrence = { date: LocalDate; startsAt: Date; endsAt: Date };

export function blockOccurrences(pattern: BlockPattern, timeZone: string): Occurrence[] {
  if (!(pattern.startMinute >= 0 && pattern.endMinute <= 1440)) {
    throw new RangeError("minutes out of range");
  }
  if (pattern.startMinute >= pattern.endMinute) throw new RangeError("ends before it starts");
  const out: Occurrence[] = [];
  const last = pattern.repeatUntil ?? pattern.date;
  for (let date = pattern.date; date <= last; date = addDays(date, 7)) {
    if (out.length === MAX_OCCURRENCES) throw new RangeError("too many occurrences");
    out.push({
      date,
      startsAt: zonedInstant(date, pattern.startMinute, timeZone),
      endsAt: zonedInstant(date, pattern.endMinute, timeZone),
    });
  }
  return out;
}

/** "18:30" → 1110; "24:00" → 1440; null when malformed. */
export function parseClockTime(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return minute <= 1440 ? minute : null;
}

/** A weekly series described by how many of its occurrences are still to come: "weekly (3 to come)". */
export function weeklySeriesLabel(remaining: number): string {
  return `weekly (${remaining} to come)`;
}
