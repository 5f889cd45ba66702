import "server-only";
/**
 * previewBlock — what creating a block would do, before anything is written: its occurrences
 * (club wall clock, lib/recurrence.ts), the live bookings each would collide with (listed first,
 * so that the manager chooses to cancel them or skip those occurrences) and the occurrences that
 * another block already covers (always skipped). STAFF and above.
 *
 *   previewBlock(club: string, body: unknown): Promise<BlockPreview>
 */
import { localTime } from "@/lib/time";
import { requireClubPermission } from "@/server/auth/require-user";
import { findBlockCollisions } from "@/server/admin/blocks/block-collisions";
import { planBlock } from "@/server/admin/blocks/block-plan";
import { db } from "@/server/db";

export type BlockPreview = {
  title: string;
  courtName: string | null;
  occurrences: Array<{
    date: string;
    startsAt: string;
    endsAt: string;
    start: string;
    end: string;
    bookings: Array<{
      id: string;
      courtName: string;
      start: string;
      end: string;
      players: string[];
    }>;
    blockedBy: string[];
  }>;
  bookingIds: string[];
};

export async function previewBlock(club: string, body: unknown): Promise<BlockPreview> {
  const access = await requireClubPermission(club, "manageBlocks");
  const zone = access.club.timeZone;
  const plan = await planBlock(access.club, body);
  const collisions = await findBlockCollisions(db, {
    clubId: access.club.id,
    courtId: plan.court?.id ?? null,
    occurrences: plan.occurrences,
  });
  return {
    title: plan.input.title,
    courtName: plan.court?.name ?? null,
    occurrences: plan.occurrences.map((o, i) => ({
      date: o.date,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
      start: localTime(o.startsAt, zone),
      end: localTime(o.endsAt, zone),
      bookings: collisions.bookings
        .filter((b) => b.occurrence === i)
        .map((b) => ({
          id: b.id,
          courtName: b.courtName,
          start: localTime(b.startsAt, zone),
          end: localTime(b.endsAt, zone),
          players: b.players,
        })),
      blockedBy: collisions.blocks.filter((b) => b.occurrence === i).map((b) => b.title),
    })),
    bookingIds: collisions.bookings.map((b) => b.id),
  };
}
