/**
 * Paths that booking emails, calendar files and the UI share, in one place. Pure.
 *
 * The waiting-list offer opens the planning page with the booking dialog prefilled:
 *   /c/{club}/planning?date=YYYY-MM-DD&court={courtId}&start={ISO instant}&duration={minutes}
 * The booking UI reads these parameters with parseBookingPrefill().
 */
export type BookingPrefill = { courtId: string; startsAt: Date; durationMinutes: number };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const enc = encodeURIComponent;

/** The player's "my bookings" page of a club. */
export function myBookingsPath(clubSlug: string): string {
  return `/c/${enc(clubSlug)}/bookings`;
}

/** The planning grid of a club, on a local date when given. */
export function planningPath(clubSlug: string, date?: string): string {
  return `/c/${enc(clubSlug)}/planning${date ? `?date=${enc(date)}` : ""}`;
}

/** The planning grid of the slot's local date, with the booking dialog prefilled for that slot. */
export function bookingPrefillPath(
  clubSlug: string,
  localDate: string,
  slot: BookingPrefill,
): string {
  const q = new URLSearchParams({
    date: localDate,
    court: slot.courtId,
    start: slot.startsAt.toISOString(),
    duration: String(slot.durationMinutes),
  });
  return `/c/${enc(clubSlug)}/planning?${q.toString()}`;
}

/** The prefilled slot of a planning URL, or null when the parameters are absent or malformed. */
export function parseBookingPrefill(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): BookingPrefill | null {
  const get = (k: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(k) ?? undefined;
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const courtId = get("court");
  const start = get("start");
  const duration = Number(get("duration"));
  if (!courtId || !UUID_RE.test(courtId) || !start) return null;
  const startsAt = new Date(start);
  if (
    Number.isNaN(startsAt.getTime()) ||
    !Number.isInteger(duration) ||
    duration < 10 ||
    duration > 720
  )
    return null;
  return { courtId: courtId.toLowerCase(), startsAt, durationMinutes: duration };
}

/** Download of one booking as an .ics file (route app/api/c/[club]/bookings/[id]/ics). */
export function bookingIcsPath(clubSlug: string, bookingId: string): string {
  return `/api/c/${enc(clubSlug)}/bookings/${enc(bookingId)}/ics`;
}

/** The personal calendar feed (route app/api/calendar/[token]). */
export function calendarFeedPath(token: string): string {
  return `/api/calendar/${enc(token)}.ics`;
}

/** The checkout of a booking that waits for payment. */
export function checkoutPath(clubSlug: string, bookingId: string): string {
  return `/c/${encodeURIComponent(clubSlug)}/bookings/${encodeURIComponent(bookingId)}/pay`;
}

/** The status page of one payment (processing → paid / failed / refunded). */
export function paymentStatusPath(clubSlug: string, paymentId: string): string {
  return `/c/${encodeURIComponent(clubSlug)}/payments/${encodeURIComponent(paymentId)}`;
}
