/**
 * The one time-zone helper (docs/architecture.md). Instants are stored in UTC; every club has an IANA
 * time zone and its opening hours, grid and rules are computed in that zone. Backed by Luxon,
 * which resolves DST gaps and overlaps the way the IANA database defines them.
 */
import { DateTime, IANAZone } from "luxon";

/** A calendar date written YYYY-MM-DD. */
export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Parses YYYY-MM-DD, refusing impossible dates (2026-02-30) and years outside 2000–2100. */
export function parseLocalDate(value: string): LocalDate | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  const dt = DateTime.fromISO(value, { zone: "UTC" });
  return dt.isValid && dt.toISODate() === value ? value : null;
}

/** Today's date in the given zone. */
export function todayIn(zone: string, now: Date = new Date()): LocalDate {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate()!;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: "UTC" }).weekday;
}

/**
 * The instant at which the wall clock of `zone` shows `minute` minutes after midnight of `date`
 * (wall-clock arithmetic, not elapsed time: 09:00 is 09:00 on a 23- or 25-hour day too).
 * `minute` may be 1440, the next midnight. A wall time inside a DST gap does not exist; it is
 * shifted forward by the gap's length (02:30 in a 02:00→03:00 gap becomes 03:30). A wall time
 * that occurs twice (DST overlap) is taken at its first occurrence.
 */
export function zonedInstant(date: LocalDate, minute: number, zone: string): Date {
  const day = DateTime.fromISO(date, { zone: "UTC" }).plus({ days: Math.floor(minute / 1440) });
  const m = minute % 1440;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  ).toJSDate();
}

/** Start and end instants of a local calendar day (23, 24 or 25 hours long). */
export function dayBounds(date: LocalDate, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(date, { zone }).startOf("day");
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** Wall-clock time HH:mm of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
}

/** UTC offset of an instant in a zone, e.g. "UTC+2". */
export function utcOffsetLabel(instant: Date, zone: string): string {
  return "UTC" + DateTime.fromJSDate(instant, { zone }).toFormat("Z");
}

/** A calendar date moved by whole years (29 Feb + 1 year gives 28 Feb). */
export function addYears(date: LocalDate, years: number): LocalDate {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ years }).toISODate()!;
}

/** A calendar date for people, e.g. "Sunday 29 March 2026". */
export function formatLongDate(date: LocalDate, locale = "en-GB"): string {
  return DateTime.fromISO(date, { zone: "UTC" }).setLocale(locale).toFormat("cccc d LLLL yyyy");
}

/** Minutes since local midnight written HH:mm; 1440 is written 24:00 (closing at midnight). */
export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
