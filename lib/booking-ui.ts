/**
 * Pure helpers of the player's booking pages (no I/O): the booking page URL that grid cells and
 * the waiting-list email open, and the words used to show a slot.
 *
 * The booking page is `/c/{club}/book?court={courtId}&start={ISO instant}&duration={minutes}`,
 * the same parameters as the waiting-list link of lib/booking-links.ts (bookingPrefillPath opens
 * the planning page, which forwards them here), so one parser (parseBookingPrefill) reads both.
 * `partner` (repeated) carries the partners chosen so far and `q` the partner search when the page
 * is used without JavaScript.
 */
import { DateTime } from "luxon";
import type { BookingPrefill } from "@/lib/booking-links";

const enc = encodeURIComponent;

export function bookPagePath(
  clubSlug: string,
  slot: BookingPrefill,
  extra: { partners?: ReadonlyArray<string>; q?: string } = {},
): string {
  const q = new URLSearchParams({
    court: slot.courtId,
    start: slot.startsAt.toISOString(),
    duration: String(slot.durationMinutes),
  });
  for (const p of extra.partners ?? []) q.append("partner", p);
  if (extra.q) q.set("q", extra.q);
  return `/c/${enc(clubSlug)}/book?${q.toString()}`;
}

/** "Saturday 14 June 2026" in the club's zone. */
export function formatDay(instant: Date | string, zone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return DateTime.fromJSDate(d, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy");
}

/** "10:00" in the club's zone. */
export function formatClock(instant: Date | string, zone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return DateTime.fromJSDate(d, { zone }).toFormat("HH:mm");
}

/**
 * "Saturday 14 June 2026, 10:00–11:30" in the club's zone. When the clocks change during the
 * slot, both ends carry their UTC offset ("02:30 (UTC+2)–02:30 (UTC+1)").
 */
export function formatSlot(startsAt: string, endsAt: string, zone: string): string {
  const start = DateTime.fromJSDate(new Date(startsAt), { zone });
  const end = DateTime.fromJSDate(new Date(endsAt), { zone });
  const offset = (d: DateTime) => (start.offset === end.offset ? "" : ` (${d.toFormat("'UTC'Z")})`);
  return `${formatDay(startsAt, zone)}, ${start.toFormat("HH:mm")}${offset(start)}–${end.toFormat("HH:mm")}${offset(end)}`;
}

/** "90 minutes". */
export function formatDuration(minutes: number): string {
  return `${minutes} minutes`;
}

/** Names in plain English: "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function listNames(names: ReadonlyArray<string>): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
