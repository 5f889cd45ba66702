/**
 * The decisions of the booking page `/c/{club}/book` (app/c/[club]/book/page.tsx), pure: which
 * panel the page shows for the requested slot, the duration choices and the default one, how many
 * guests may be named, and the links that add or remove a partner when the page is used without
 * JavaScript (lib/booking-ui.ts bookPagePath carries them in the URL).
 */
import type { AvailabilityCell, CellRefusal } from "@/lib/availability";
import type { BookingPrefill } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { bookPagePath, formatClock, formatDuration } from "@/lib/booking-ui";

type Cell<S extends AvailabilityCell["status"]> = Extract<AvailabilityCell, { status: S }>;
type BookableCell = Extract<AvailabilityCell, { status: "free"; bookable: true }>;
type UnavailableCell = Cell<"past"> | Cell<"closed"> | Cell<"blocked">;

/** What the booking page shows under its header; `court` is the slot's court when it has one. */
export type BookingPageView<C> =
  | { kind: "email-unverified" }
  /** `eligibleOn`: when the viewer becomes eligible, in the club's words, or null. */
  | { kind: "refused"; reason: CellRefusal; eligibleOn: string | null }
  | { kind: "form"; court: C; cell: BookableCell }
  | { kind: "mine" }
  | { kind: "taken"; court: C }
  | { kind: "unavailable"; why: string };

/**
 * The panel for the requested slot: a member whose email address is not
 * confirmed yet (before any free slot: test/integration/need-to-know.test.ts), the rule that
 * refuses a free slot, the booking form, the viewer's own booking, the waiting list of a taken
 * slot, or why the slot cannot be booked (off the planning, past, closed or blocked).
 */
export function bookingPageView<C>(slot: {
  court: C | null;
  row: unknown;
  cell: AvailabilityCell | null;
  member: boolean;
  emailVerified: boolean;
  zone: string;
}): BookingPageView<C> {
  const { court, row, cell } = slot;
  if (!court || !row || !cell) {
    return { kind: "unavailable", why: "This time is not on the club’s planning for this court." };
  }
  if (slot.member && !slot.emailVerified && cell.status === "free") {
    return { kind: "email-unverified" };
  }
  switch (cell.status) {
    case "free":
      if (cell.bookable) return { kind: "form", court, cell };
      return {
        kind: "refused",
        reason: cell.reason,
        eligibleOn: eligibleOn(cell.reason, slot.zone),
      };
    case "booked":
      return cell.mine ? { kind: "mine" } : { kind: "taken", court };
    default:
      return { kind: "unavailable", why: unavailableReason(cell) };
  }
}

/** When a refused viewer becomes eligible, in words of the club's zone, or null. */
export function eligibleOn(reason: CellRefusal, zone: string): string | null {
  return reason.eligibleAt ? formatMoment(new Date(reason.eligibleAt), zone) : null;
}

/** Why a slot that is past, closed or blocked cannot be booked. */
export function unavailableReason(cell: UnavailableCell): string {
  if (cell.status === "past") return "This time has already started or passed.";
  if (cell.status === "closed") {
    return cell.reason
      ? `The court is closed: ${cell.reason}.`
      : "The court is not open at this time.";
  }
  return `The court is blocked: ${cell.title}.`;
}

/** The duration choices of a slot: "90 minutes (until 11:30)", in the club's zone. */
export function durationChoices(
  startsAt: Date,
  durations: ReadonlyArray<number>,
  zone: string,
): { minutes: number; label: string }[] {
  return durations.map((minutes) => ({
    minutes,
    label: `${formatDuration(minutes)} (until ${formatClock(
      new Date(startsAt.getTime() + minutes * 60_000),
      zone,
    )})`,
  }));
}

/** The duration chosen first: the one the link asked for when allowed, else the first allowed. */
export function preferredDuration(
  requested: number,
  allowed: ReadonlyArray<number>,
): number | undefined {
  return allowed.includes(requested) ? requested : allowed[0];
}

/** How many guest names the form offers: the court's largest party, less the booker and partners (0–5). */
export function guestSlotCount(playerCounts: ReadonlyArray<number>, partners: number): number {
  const maxPlayers = Math.max(...playerCounts, 2);
  return Math.max(0, Math.min(5, maxPlayers - 1 - partners));
}

export type PartnerLinks = {
  /** This page with the partners chosen so far and no search (where the waiting list returns). */
  here: string;
  /** The partners chosen so far, each with the page that drops them (the search kept). */
  chosen: { userId: string; name: string; removeHref: string }[];
  /** The members found, with the page that adds them (the search done), or null when chosen. */
  found: { userId: string; name: string; addHref: string | null }[];
};

/** The links of the partner picker: the booking page with one partner less or more. */
export function partnerLinks(input: {
  clubSlug: string;
  slot: BookingPrefill;
  q: string | undefined;
  partners: ReadonlyArray<{ userId: string; name: string }>;
  found: ReadonlyArray<{ userId: string; name: string }>;
}): PartnerLinks {
  const ids = input.partners.map((p) => p.userId);
  const path = (partners: string[], q: string | undefined) =>
    bookPagePath(input.clubSlug, input.slot, { partners, q });
  return {
    here: path(ids, undefined),
    chosen: input.partners.map((p) => ({
      ...p,
      removeHref: path(
        ids.filter((id) => id !== p.userId),
        input.q,
      ),
    })),
    found: input.found.map((m) => ({
      ...m,
      addHref: ids.includes(m.userId) ? null : path([...ids, m.userId], undefined),
    })),
  };
}

/** The booking page's own URL with its whole query, where sign-in sends the player back. */
export function bookPageReturnPath(
  clubSlug: string,
  query: Record<string, string | string[] | undefined>,
): string {
  const self = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of queryValues(v)) self.append(k, x);
  return `/c/${clubSlug}/book?${self.toString()}`;
}

/** Every value of a query parameter, in order. */
export function queryValues(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
