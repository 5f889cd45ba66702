import "server-only";
/**
 * Shared by the booking use cases (not a use case itself): the one shape in which a booking leaves
 * the server (JSON API, UI, emails), and the Prisma `select` that loads it.
 */
import type { BookingStatus, Sport } from "@/generated/prisma/client";

export type BookingPlayerView =
  | { kind: "member"; userId: string; name: string; isBooker: boolean }
  | { kind: "guest"; name: string };

export type BookingView = {
  id: string;
  status: BookingStatus;
  club: { id: string; slug: string; name: string; timeZone: string };
  court: { id: string; name: string; sport: Sport };
  /** ISO 8601 instants (UTC), half-open. */
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  createdById: string | null;
  createdAt: string;
  /** Booker first, then partners, then guests. */
  players: BookingPlayerView[];
  cancelledAt: string | null;
  cancelledById: string | null;
  cancelReason: string | null;
};

export const BOOKING_VIEW_SELECT = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  createdById: true,
  createdAt: true,
  cancelledAt: true,
  cancelledById: true,
  cancelReason: true,
  club: { select: { id: true, slug: true, name: true, timeZone: true } },
  court: { select: { id: true, name: true, sport: true } },
  players: {
    select: { userId: true, guestName: true, user: { select: { name: true } } },
  },
} as const;

export type BookingViewRow = {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  createdById: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledById: string | null;
  cancelReason: string | null;
  club: { id: string; slug: string; name: string; timeZone: string };
  court: { id: string; name: string; sport: Sport };
  players: { userId: string | null; guestName: string | null; user: { name: string } | null }[];
};

export function toBookingView(row: BookingViewRow): BookingView {
  const members: BookingPlayerView[] = row.players
    .filter((p) => p.userId !== null)
    .map((p) => ({
      kind: "member" as const,
      userId: p.userId!,
      name: p.user?.name ?? "",
      isBooker: p.userId === row.createdById,
    }))
    .sort((a, b) => Number(b.isBooker) - Number(a.isBooker) || a.name.localeCompare(b.name));
  const guests: BookingPlayerView[] = row.players
    .filter((p) => p.guestName !== null)
    .map((p) => ({ kind: "guest" as const, name: p.guestName! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: row.id,
    status: row.status,
    club: row.club,
    court: row.court,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    players: [...members, ...guests],
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelledById: row.cancelledById,
    cancelReason: row.cancelReason,
  };
}
