import "server-only";
/**
 * leaveWaitlist — a player stops waiting for a slot.
 *
 *   leaveWaitlist(
 *     actor: { userId: string },
 *     input: { entryId: string },
 *     ctx?: { ip?: string | null; userAgent?: string | null; now?: Date },
 *   ): Promise<{ left: boolean }>
 *
 * Idempotent: leaving an entry already closed (booked, expired, left) answers { left: false }.
 * Someone else's entry, or an unknown id, is 404 (nothing leaks).
 */
import { Uuid } from "@/schemas/booking";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db";
import { notFoundError } from "@/server/errors";

export async function leaveWaitlist(
  actor: { userId: string },
  input: { entryId: string },
  ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ left: boolean }> {
  const id = Uuid.safeParse(input.entryId);
  const notFound = () => notFoundError("Waiting-list entry");
  if (!id.success) throw notFound();
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const entry = await tx.waitlistEntry.findFirst({
      where: { id: id.data, userId: actor.userId },
      select: { id: true, clubId: true, resolvedAt: true },
    });
    if (!entry) throw notFound();
    const updated = await tx.waitlistEntry.updateMany({
      where: { id: entry.id, resolvedAt: null },
      data: { resolvedAt: now, resolution: "WITHDRAWN" },
    });
    if (updated.count === 0) return { left: false };
    await recordAuditEvent(
      {
        action: "waitlist.left",
        clubId: entry.clubId,
        actorId: actor.userId,
        targetType: "waitlist_entry",
        targetId: entry.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      tx,
    );
    return { left: true };
  });
}
