import "server-only";
import type { PaymentGateway } from "@/generated/prisma/client";
/**
 * getBookingForm — the data of the booking page `/c/{club}/book` (a page loader: it reads only,
 * through the booking use cases wherever one exists):
 * - the requested slot as the viewer sees it on the grid (getAvailability: bookable with the
 *   durations they may choose, or the rule that refuses it and when they become eligible);
 * - the partners chosen so far (ids carried in the URL), resolved to names among the club's
 *   members — unknown ids are dropped, nothing is shown to a non-member;
 * - the partner search (searchClubMembers) when the page is used without JavaScript;
 * - the viewer's open waiting-list entry for this court and start, if any.
 *
 *   getBookingForm(
 *     viewer: { userId: string },
 *     input: { club: string; slot: BookingPrefill; partnerIds: string[]; q?: string },
 *   ): Promise<BookingForm | null>          // null: no such club (→ 404)
 */
import type { AvailabilityCell, AvailabilityCourt } from "@/lib/availability";
import type { BookingPrefill } from "@/lib/booking-links";
import { todayIn, type LocalDate } from "@/lib/time";
import { Uuid } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { getAvailability, type Availability } from "@/server/bookings/get-availability";
import { searchClubMembers, type MemberHit } from "@/server/bookings/search-club-members";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { listMyWaitlist } from "@/server/waitlist/list-my-waitlist";
import type { WaitlistEntryView } from "@/server/waitlist/waitlist-entry-view";

export type BookingFormSearch =
  { q: string; members: MemberHit[]; error: null } | { q: string; members: []; error: string };

export type BookingForm = {
  club: Availability["club"];
  /** The slot's local date (its planning page). */
  date: LocalDate;
  viewer: Availability["viewer"];
  /** Null when the court is not an active court of the club or the start is not a slot of the day. */
  court: AvailabilityCourt | null;
  row: { startsAt: string; endsAt: string; label: string } | null;
  cell: AvailabilityCell | null;
  partners: MemberHit[];
  search: BookingFormSearch | null;
  waitlist: WaitlistEntryView | null;
  /** Gateways the club takes payments with; a booking with a fee is paid through one of them. */
  paymentGateways: PaymentGateway[];
};

/** At most this many partners are carried in the URL. */
const MAX_PARTNERS = 11;

export async function getBookingForm(
  viewer: { userId: string },
  input: { club: string; slot: BookingPrefill; partnerIds: string[]; q?: string },
  options: { now?: Date } = {},
): Promise<BookingForm | null> {
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) return null;
  const club = await getClubBySlug(slug.data);
  if (!club) return null;
  const date = todayIn(club.timeZone, input.slot.startsAt);

  let availability: Availability | null;
  try {
    availability = await getAvailability(viewer, { club: slug.data, date }, options);
  } catch (err) {
    // A date outside the planning's range: the slot is simply not on the planning.
    if (err instanceof AppError && err.code === "BAD_REQUEST") availability = null;
    else throw err;
  }
  if (!availability) {
    return {
      club: {
        slug: club.slug,
        name: club.name,
        timeZone: club.timeZone,
        slotMinutes: club.slotMinutes,
      },
      date,
      viewer: { signedIn: true, member: false, tierName: null },
      court: null,
      row: null,
      cell: null,
      partners: [],
      search: null,
      waitlist: null,
      paymentGateways: [],
    };
  }

  const { grid } = availability;
  const courtIndex = grid.courts.findIndex((c) => c.id === input.slot.courtId);
  const rowIndex = grid.rows.findIndex(
    (r) => Date.parse(r.startsAt) === input.slot.startsAt.getTime(),
  );
  const court = grid.courts[courtIndex] ?? null;
  const row = grid.rows[rowIndex] ?? null;
  const cell = court && row ? (row.cells[courtIndex] ?? null) : null;
  const member = availability.viewer.member;

  const ids = [
    ...new Set(
      input.partnerIds
        .map((id) => Uuid.safeParse(id))
        .flatMap((r) => (r.success ? [r.data] : []))
        .filter((id) => id !== viewer.userId),
    ),
  ].slice(0, MAX_PARTNERS);

  const [partnerRows, search, waiting, gateways] = await Promise.all([
    member && ids.length
      ? db.membership.findMany({
          where: { club: { slug: slug.data }, userId: { in: ids } },
          select: { userId: true, user: { select: { name: true } } },
        })
      : Promise.resolve([]),
    member && input.q !== undefined && input.q.trim() !== ""
      ? searchMembers(viewer, slug.data, input.q)
      : Promise.resolve(null),
    member && court ? listMyWaitlist(viewer, { club: slug.data }) : Promise.resolve([]),
    member && court
      ? db.paymentGatewayConfig.findMany({
          where: { club: { slug: slug.data }, enabled: true },
          select: { gateway: true },
          orderBy: { gateway: "asc" },
        })
      : Promise.resolve([]),
  ]);
  const names = new Map(partnerRows.map((p) => [p.userId, p.user.name]));
  const partners = ids.flatMap((id) => {
    const name = names.get(id);
    return name === undefined ? [] : [{ userId: id, name }];
  });
  const waitlist =
    waiting.find(
      (e) =>
        e.court.id === input.slot.courtId &&
        Date.parse(e.startsAt) === input.slot.startsAt.getTime(),
    ) ?? null;

  return {
    club: availability.club,
    date: availability.date,
    viewer: availability.viewer,
    court,
    row: row ? { startsAt: row.startsAt, endsAt: row.endsAt, label: row.label } : null,
    cell,
    partners,
    search,
    waitlist,
    paymentGateways: gateways.map((g) => g.gateway),
  };
}

async function searchMembers(
  viewer: { userId: string },
  club: string,
  q: string,
): Promise<BookingFormSearch> {
  const query = q.slice(0, 100);
  try {
    const { members } = await searchClubMembers(viewer, { club, q: query, limit: 20 });
    return { q: query, members, error: null };
  } catch (err) {
    if (err instanceof AppError && err.code === "BAD_REQUEST") {
      const message = err.fields.q ?? err.message;
      return { q: query, members: [], error: `The name ${message}.` };
    }
    throw err;
  }
}
