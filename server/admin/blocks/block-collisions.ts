import "server-only";
/**
 * Shared by the block use cases (not a use case itself): what the occurrences of a new block
 * would collide with — live bookings (which the manager may cancel or skip) and other blocks
 * (which are never touched: those occurrences are skipped). Scoped by the club, always.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Occurrence } from "@/lib/recurrence";

type Client = Pick<Prisma.TransactionClient, "booking" | "block">;

export type CollidingBooking = {
  id: string;
  occurrence: number;
  courtId: string;
  courtName: string;
  startsAt: Date;
  endsAt: Date;
  players: string[];
};

export type CollidingBlock = {
  id: string;
  occurrence: number;
  title: string;
  courtName: string | null;
  startsAt: Date;
  endsAt: Date;
};

export type Collisions = { bookings: CollidingBooking[]; blocks: CollidingBlock[] };

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export async function findBlockCollisions(
  client: Client,
  input: { clubId: string; courtId: string | null; occurrences: Occurrence[] },
): Promise<Collisions> {
  if (input.occurrences.length === 0) return { bookings: [], blocks: [] };
  const during = input.occurrences.map((o) => ({
    startsAt: { lt: o.endsAt },
    endsAt: { gt: o.startsAt },
  }));
  // One after the other: inside a transaction the client runs one query at a time anyway.
  const bookings = await client.booking.findMany({
    where: {
      clubId: input.clubId,
      status: { not: "CANCELLED" },
      ...(input.courtId ? { courtId: input.courtId } : {}),
      OR: during,
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      courtId: true,
      startsAt: true,
      endsAt: true,
      createdById: true,
      court: { select: { name: true } },
      players: { select: { userId: true, guestName: true, user: { select: { name: true } } } },
    },
  });
  const blocks = await client.block.findMany({
    where: {
      clubId: input.clubId,
      AND: [
        { OR: during },
        ...(input.courtId ? [{ OR: [{ courtId: null }, { courtId: input.courtId }] }] : []),
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      court: { select: { name: true } },
    },
  });
  const occurrenceOf = (r: { startsAt: Date; endsAt: Date }) =>
    input.occurrences.findIndex((o) => overlaps(o, r));
  return {
    bookings: bookings.map((b) => ({
      id: b.id,
      occurrence: occurrenceOf(b),
      courtId: b.courtId,
      courtName: b.court.name,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      players: [...b.players]
        .sort((x, y) => Number(y.userId === b.createdById) - Number(x.userId === b.createdById))
        .map((p) => p.user?.name ?? (p.guestName ? `${p.guestName} (guest)` : "")),
    })),
    blocks: blocks.map((b) => ({
      id: b.id,
      occurrence: occurrenceOf(b),
      title: b.title,
      courtName: b.court?.name ?? null,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
    })),
  };
}
