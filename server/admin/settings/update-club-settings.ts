import "server-only";
import { ClubSettingsInput } from "@/schemas/admin-club-setup";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { RequestContext } from "@/server/auth/request-context";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * Changes the club's name, time zone, contact addresses and grid slot length (MANAGER).
 *
 * Bookings and blocks are stored as UTC instants, so neither a new time zone nor a new slot
 * length moves or shortens any of them: a 10:00–11:00 booking in Paris stays the same instant and
 * shows as 09:00–10:00 after a switch to Europe/London. Opening hours, closures, peak bands,
 * prices and release times are local wall-clock rules: they are read in the new zone from now on.
 * The answer counts the upcoming bookings so the screen can tell the manager.
 */
export async function updateClubSettings(slug: string, input: unknown, ctx: RequestContext) {
  const { club, user } = await requireClubPermission(slug, "manageSettings");
  const data = parseInput(ClubSettingsInput, input);
  return db.$transaction(async (tx) => {
    const before = await tx.club.findUnique({
      where: { id: club.id },
      select: {
        name: true,
        timeZone: true,
        contactEmail: true,
        securityContactEmail: true,
        slotMinutes: true,
      },
    });
    if (!before) throw notFoundError("club", { inClub: true });
    await tx.club.update({ where: { id: club.id }, data });
    const changed = Object.fromEntries(
      Object.entries(data)
        .filter(([k, v]) => String(before[k as keyof typeof before]) !== String(v))
        .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    const upcomingBookings = await tx.booking.count({
      where: { clubId: club.id, status: { not: "CANCELLED" }, endsAt: { gt: new Date() } },
    });
    await recordAuditEvent(
      {
        action: "club.settings.update",
        clubId: club.id,
        actorId: user.userId,
        targetType: "club",
        targetId: club.id,
        ...ctx,
        details: { changed },
      },
      tx,
    );
    return { changed: Object.keys(changed), upcomingBookings };
  });
}
