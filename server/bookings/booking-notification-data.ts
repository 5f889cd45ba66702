import "server-only";
/**
 * Shared by the notification, calendar and waiting-list use cases (not a use case itself): one
 * booking as emails and calendar files need it, and its iCalendar event. Only names and ids of the
 * other players appear in what a recipient gets, never their email addresses.
 */
import type { Prisma } from "@/generated/prisma/client";
import { bookingSequence, bookingUid, type IcsEvent, type IcsPerson } from "@/lib/ics";
import { myBookingsPath } from "@/lib/booking-links";
import { localTime, todayIn } from "@/lib/time";
import { getMailConfig } from "@/server/mail/mail-config";

type ReadTx = Pick<Prisma.TransactionClient, "booking">;

export const NOTIFICATION_BOOKING_SELECT = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
  cancelledAt: true,
  cancelReason: true,
  createdById: true,
  cancelledById: true,
  club: { select: { id: true, slug: true, name: true, timeZone: true } },
  court: { select: { id: true, name: true, sport: true } },
  players: {
    orderBy: { id: "asc" },
    select: {
      userId: true,
      guestName: true,
      user: { select: { id: true, email: true, name: true, locale: true } },
    },
  },
} as const satisfies Prisma.BookingSelect;

export type NotificationBooking = Prisma.BookingGetPayload<{
  select: typeof NOTIFICATION_BOOKING_SELECT;
}>;

export type MemberPlayer = { id: string; email: string; name: string; locale: string };

export async function loadNotificationBooking(
  tx: ReadTx,
  bookingId: string,
): Promise<NotificationBooking | null> {
  return tx.booking.findUnique({ where: { id: bookingId }, select: NOTIFICATION_BOOKING_SELECT });
}

/** Member players, the booker first (the booker receives mail even if not listed as a player). */
export function memberPlayers(b: NotificationBooking): MemberPlayer[] {
  const users = b.players.flatMap((p) => (p.user ? [p.user] : []));
  users.sort((x, y) => Number(y.id === b.createdById) - Number(x.id === b.createdById));
  return users;
}

export function guestNames(b: NotificationBooking): string[] {
  return b.players.flatMap((p) => (p.guestName ? [p.guestName] : []));
}

/** The data every booking template takes (BookingFactsSchema). */
export function bookingFacts(b: NotificationBooking) {
  return {
    courtName: b.court.name,
    sport: b.court.sport,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    timeZone: b.club.timeZone,
    players: memberPlayers(b).map((u) => u.name),
    guests: guestNames(b),
  };
}

/** The address part of MAIL_FROM (`Courtside <no-reply@example.org>` → no-reply@example.org). */
function fromAddress(from: string): string {
  return (/<([^>\s]+@[^>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

const SPORT_NAMES: Record<string, string> = {
  TENNIS: "Tennis",
  PADEL: "Padel",
  SQUASH: "Squash",
  BADMINTON: "Badminton",
  PICKLEBALL: "Pickleball",
};

/**
 * The calendar event of a booking. UID and SEQUENCE are stable (same UID in the confirmation,
 * the cancellation, the download and the feed). `attendee`: the one recipient of an invitation
 * (iTIP needs ORGANIZER and ATTENDEE); other players are named in the description only.
 */
export function bookingIcsEvent(b: NotificationBooking, attendee?: IcsPerson): IcsEvent {
  const config = getMailConfig();
  const sport = SPORT_NAMES[b.court.sport] ?? b.court.sport;
  const zone = b.club.timeZone;
  const players = memberPlayers(b).map((u) => u.name);
  const guests = guestNames(b);
  const description = [
    `${sport} — ${b.court.name}, ${b.club.name}`,
    `${localTime(b.startsAt, zone)}–${localTime(b.endsAt, zone)} (${zone})`,
    players.length
      ? `Players: ${[...players, ...guests.map((g) => `${g} (guest)`)].join(", ")}`
      : "",
    b.status === "CANCELLED" && b.cancelReason ? `Cancelled: ${b.cancelReason}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const stamp = b.status === "CANCELLED" ? (b.cancelledAt ?? b.createdAt) : b.createdAt;
  return {
    uid: bookingUid(b.id, config.messageIdDomain),
    sequence: bookingSequence(b.status),
    stamp,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    summary: `${sport} — ${b.court.name} (${b.club.name})`,
    description,
    location: `${b.court.name}, ${b.club.name}`,
    url: `${config.appUrl}${myBookingsPath(b.club.slug)}`,
    status: b.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED",
    ...(attendee
      ? {
          organizer: { name: b.club.name, email: fromAddress(config.from) },
          attendees: [attendee],
        }
      : {}),
  };
}

/** A file name for a booking's .ics: ASCII only, e.g. `court-1-2026-11-28.ics`. */
export function bookingIcsFilename(b: NotificationBooking): string {
  const court = b.court.name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()
    .slice(0, 40);
  const day = todayIn(b.club.timeZone, b.startsAt);
  return `${court || "booking"}-${day}.ics`;
}
