/**
 * Pure helpers of the club admin's bookings screen (no I/O): what its query asks for (the list's
 * filters, the notices after an action), the URLs of the list's pages and how a booking reads.
 */
import { courtOptions } from "@/lib/blocks-page";
import { formatLongDate, type LocalDate } from "@/lib/time";

type Query = Record<string, string | string[] | undefined>;
type Option = { value: string; label: string };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The list's filters as the URL sends them (undefined when absent or repeated). */
export function bookingListFilters(query: Query): {
  from: string | undefined;
  to: string | undefined;
  court: string | undefined;
  member: string | undefined;
  status: string | undefined;
  page: string | undefined;
} {
  return {
    from: one(query.from),
    to: one(query.to),
    court: one(query.court),
    member: one(query.member),
    status: one(query.status),
    page: one(query.page),
  };
}

/** The words of each booking status. */
export const BOOKING_STATUS_LABELS: Record<string, string> = {
  CONFIRMED: "Confirmed",
  PENDING_PAYMENT: "Awaiting payment",
  CANCELLED: "Cancelled",
};

/** The status filter's choices: any status first, then each status. */
export const STATUS_FILTER_OPTIONS: Option[] = [
  { value: "", label: "Any status" },
  ...Object.entries(BOOKING_STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

/** The court filter's choices: all courts first, then each court. */
export function courtFilterOptions(courts: ReadonlyArray<{ id: string; name: string }>): Option[] {
  return [{ value: "", label: "All courts" }, ...courtOptions(courts)];
}

/** The member choices of the new-booking form: a walk-in guest first, then "Name (email)". */
export function memberOptions(
  members: ReadonlyArray<{ id: string; name: string; email: string }>,
): Option[] {
  return [
    { value: "", label: "— a walk-in guest —" },
    ...members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
  ];
}

/** The filters the list applied (as parsed), each null when not applied. */
export type AppliedFilters = {
  from: string | null;
  to: string | null;
  court: string | null;
  member: string | null;
  status: string | null;
};

/** The URL of a page of the list, with its filters. */
export function bookingsPageHref(clubSlug: string, query: AppliedFilters, page: number): string {
  const p = new URLSearchParams();
  if (query.from) p.set("from", query.from);
  if (query.to) p.set("to", query.to);
  if (query.court) p.set("court", query.court);
  if (query.member) p.set("member", query.member);
  if (query.status) p.set("status", query.status);
  p.set("page", String(page));
  return `/c/${clubSlug}/admin/bookings?${p.toString()}`;
}

/** "3 booking(s)", with " · page 2 of 4" when there is more than one page. */
export function resultsHeading(list: { total: number; page: number; pages: number }): string {
  return `${list.total} booking(s)${list.pages > 1 ? ` · page ${list.page} of ${list.pages}` : ""}`;
}

/** The notices after an action redirected here (`cancelled`, then `booked`). */
export function bookingNotices(query: Query): string[] {
  const notices: string[] = [];
  if (one(query.cancelled)) {
    notices.push("Booking cancelled. The players have been told, with your reason.");
  }
  if (one(query.booked)) notices.push("Booking made.");
  return notices;
}

export type BookingRowView = {
  id: string;
  status: string;
  date: LocalDate;
  start: string;
  end: string;
  players: ReadonlyArray<string>;
};

/** A booking's date and time, e.g. "Wednesday 10 June 2026" and "18:00–19:00". */
export function bookingWhen(b: BookingRowView): { date: string; time: string } {
  return { date: formatLongDate(b.date), time: `${b.start}–${b.end}` };
}

/** A booking's players, "Alice Martin, Bob Durand". */
export function playersText(b: BookingRowView): string {
  return b.players.join(", ");
}

/** The words of a booking's status. */
export function statusLabel(b: BookingRowView): string | undefined {
  return BOOKING_STATUS_LABELS[b.status];
}

/** Whether staff may still cancel the booking. */
export function isCancellable(b: BookingRowView): boolean {
  return b.status !== "CANCELLED";
}

/** The accessible name of a booking's cancellation form. */
export function cancelBookingLabel(b: BookingRowView): string {
  return `Cancel the booking of ${playersText(b)}`;
}
