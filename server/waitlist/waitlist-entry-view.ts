import "server-only";
/**
 * Shared by the waiting-list use cases (not a use case itself): the one shape in which a waiting
 * list entry leaves the server, and the `select` that loads it.
 */
export type WaitlistEntryView = {
  id: string;
  club: { slug: string; name: string; timeZone: string };
  court: { id: string; name: string };
  /** ISO 8601 instants (UTC), half-open. */
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  createdAt: string;
  /** When the player was last told that the slot freed up. */
  notifiedAt: string | null;
};

export const WAITLIST_ENTRY_SELECT = {
  id: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
  notifiedAt: true,
  club: { select: { slug: true, name: true, timeZone: true } },
  court: { select: { id: true, name: true } },
} as const;

export function toWaitlistEntryView(row: {
  id: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  notifiedAt: Date | null;
  club: { slug: string; name: string; timeZone: string };
  court: { id: string; name: string };
}): WaitlistEntryView {
  return {
    id: row.id,
    club: row.club,
    court: row.court,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    createdAt: row.createdAt.toISOString(),
    notifiedAt: row.notifiedAt?.toISOString() ?? null,
  };
}
