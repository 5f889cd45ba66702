import "server-only";
/**
 * createBlock — blocks one court, or every court of the club, once or weekly until a date, for a
 * lesson, tournament, maintenance… STAFF and above.
 *
 *   createBlock(club: string, body: unknown (BlockInput), options: unknown (BlockCreateOptions), ctx?)
 *     : Promise<{ blockIds: string[]; seriesId: string | null; created: number; skipped: string[]; cancelled: string[] }>
 *
 * Occurrences that collide with live bookings: with onCollision "none" nothing is written and a
 * 409 { code: "COLLISIONS" } answers (preview first); "cancel" cancels them — only the ones the
 * manager saw in the preview (`previewed`), else 409 { code: "COLLISIONS_CHANGED" } — with the
 * reason told to every player (afterBookingCancelled: emails, waiting list); "skip" leaves those
 * occurrences out. Occurrences another block covers are always left out. Everything happens in one
 * transaction under the advisory locks of the courts concerned (docs/decisions/007): the bookings
 * cancelled, the blocks, their audit events and the emails commit together or not at all. The
 * exclusion constraint stays the last line of defence (23P01 → 409).
 */
import { randomUUID } from "node:crypto";
import { BlockCreateOptions } from "@/schemas/admin-blocks";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requireClubPermission } from "@/server/auth/require-user";
import { findBlockCollisions } from "@/server/admin/blocks/block-collisions";
import { planBlock } from "@/server/admin/blocks/block-plan";
import { afterBookingCancelled } from "@/server/bookings/booking-hooks";
import {
  BOOKING_VIEW_SELECT,
  toBookingView,
  type BookingView,
} from "@/server/bookings/booking-view";
import { lockCourt, runBookingTransaction } from "@/server/bookings/transaction";
import { db } from "@/server/db";
import { AppError, parseInput, sqlState } from "@/server/errors";

export type CreateBlockResult = {
  blockIds: string[];
  seriesId: string | null;
  created: number;
  /** Dates of the occurrences left out. */
  skipped: string[];
  /** Ids of the bookings cancelled. */
  cancelled: string[];
};

export async function createBlock(
  club: string,
  body: unknown,
  options: unknown,
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<CreateBlockResult> {
  const access = await requireClubPermission(club, "manageBlocks");
  const clubId = access.club.id;
  const plan = await planBlock(access.club, body);
  const opts = parseInput(BlockCreateOptions, options ?? {});
  const { onCollision, previewed } = opts;
  const reason = opts.reason ?? plan.input.title;
  const now = ctx.now ?? new Date();
  const seriesId = plan.input.repeatUntil ? randomUUID() : null;
  const courtIds = plan.court
    ? [plan.court.id]
    : (await db.court.findMany({ where: { clubId }, select: { id: true } })).map((c) => c.id);

  try {
    return await runBookingTransaction("create-block", async (tx) => {
      // Same order for every writer (sorted ids): no deadlock between two club-wide writers.
      for (const id of [...courtIds].sort()) await lockCourt(tx, id);
      const collisions = await findBlockCollisions(tx, {
        clubId,
        courtId: plan.court?.id ?? null,
        occurrences: plan.occurrences,
      });
      if (collisions.bookings.length > 0 && onCollision === "none") {
        throw new AppError(
          "CONFLICT",
          `This block collides with ${collisions.bookings.length} booking(s): review them first.`,
          {},
          { code: "COLLISIONS" },
        );
      }
      if (onCollision === "cancel") {
        const seen = new Set(previewed);
        if (collisions.bookings.some((b) => !seen.has(b.id))) {
          throw new AppError(
            "CONFLICT",
            "New bookings collide with this block since you reviewed it. Please review them again.",
            {},
            { code: "COLLISIONS_CHANGED" },
          );
        }
      }
      const skip = new Set<number>(collisions.blocks.map((b) => b.occurrence));
      if (onCollision === "skip") for (const b of collisions.bookings) skip.add(b.occurrence);
      const kept = plan.occurrences.filter((_, i) => !skip.has(i));
      const skipped = plan.occurrences.filter((_, i) => skip.has(i)).map((o) => o.date);
      if (kept.length === 0) {
        throw new AppError(
          "CONFLICT",
          "Every occurrence of this block collides with something: nothing to create.",
          {},
          { code: "NOTHING_LEFT" },
        );
      }

      // Cancel the colliding bookings of the occurrences kept, on the players' behalf.
      const toCancel = collisions.bookings.filter((b) => !skip.has(b.occurrence));
      const cancelledViews: BookingView[] = [];
      for (const b of toCancel) {
        const row = await tx.booking.update({
          where: { id: b.id, clubId },
          data: {
            status: "CANCELLED",
            cancelledAt: now,
            cancelledById: access.user.userId,
            cancelReason: reason,
          },
          select: BOOKING_VIEW_SELECT,
        });
        const view = toBookingView(row);
        cancelledViews.push(view);
        await recordAuditEvent(
          {
            action: "booking.cancelled_by_staff",
            clubId,
            actorId: access.user.userId,
            targetType: "booking",
            targetId: b.id,
            ip: ctx.ip ?? null,
            userAgent: ctx.userAgent ?? null,
            details: {
              courtId: b.courtId,
              startsAt: view.startsAt,
              reason,
              cause: "block",
              seriesId,
            },
          },
          tx,
        );
      }

      const blockIds: string[] = [];
      for (const o of kept) {
        const created = await tx.block.create({
          data: {
            clubId,
            courtId: plan.court?.id ?? null,
            startsAt: o.startsAt,
            endsAt: o.endsAt,
            kind: plan.input.kind,
            title: plan.input.title,
            createdById: access.user.userId,
            seriesId,
          },
          select: { id: true },
        });
        blockIds.push(created.id);
      }
      await recordAuditEvent(
        {
          action: "block.created",
          clubId,
          actorId: access.user.userId,
          targetType: seriesId ? "block_series" : "block",
          targetId: seriesId ?? blockIds[0]!,
          ip: ctx.ip ?? null,
          userAgent: ctx.userAgent ?? null,
          details: {
            kind: plan.input.kind,
            title: plan.input.title,
            courtId: plan.court?.id ?? null,
            first: kept[0]!.startsAt.toISOString(),
            occurrences: kept.length,
            skipped,
            cancelledBookings: toCancel.map((b) => b.id),
          },
        },
        tx,
      );
      // Told after the blocks exist: the waiting list is offered nothing the block now covers.
      for (const booking of cancelledViews) {
        await afterBookingCancelled(tx, {
          booking,
          actorId: access.user.userId,
          onBehalf: true,
          reason,
        });
      }
      return {
        blockIds,
        seriesId,
        created: blockIds.length,
        skipped,
        cancelled: toCancel.map((b) => b.id),
      };
    });
  } catch (err) {
    if (sqlState(err) === "23P01") {
      throw new AppError(
        "CONFLICT",
        "Something else took this court at this time meanwhile. Please review the block again.",
        {},
        { code: "COLLISIONS_CHANGED" },
      );
    }
    throw err;
  }
}
