import "server-only";
/**
 * searchClubMembers — the partner picker: active members of a club whose name contains the query
 * (case-insensitive), excluding the caller. Minimal fields (id and name: no email, no tier).
 *
 *   searchClubMembers(
 *     actor: { userId: string },
 *     input: { club: string; q: unknown; limit?: unknown },   // MemberSearchInput (schemas/booking.ts)
 *     ctx?: { now?: Date },
 *   ): Promise<{ members: { userId: string; name: string }[] }>
 *
 * Need-to-know (docs/decisions/017-staff-powers-need-2fa.md): only members of the club may search
 * it (anyone else gets 404), and only an active one gets results (an invited, suspended, ended or
 * expired membership gets none: it cannot book). Listed: active members (isActiveMembership, in the club's
 * local date) whose email address is confirmed (only they can be named as partners).
 * Errors: 400 { fields: { q } } for a query under 2 characters.
 */
import { isActiveMembership } from "@/lib/membership";
import { MemberSearchInput } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { assertActor } from "@/server/bookings/policy-context";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

export type MemberHit = { userId: string; name: string };

/**
 * How many name matches are read before isActiveMembership filters them: status is filtered in SQL, so only
 * memberships past their validUntil are dropped afterwards.
 */
const CANDIDATES = 200;

export async function searchClubMembers(
  actor: { userId: string },
  input: { club: string; q: unknown; limit?: unknown },
  ctx: { now?: Date } = {},
): Promise<{ members: MemberHit[] }> {
  assertActor(actor);
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) throw notFoundError("Club");
  const club = await db.club.findUnique({
    where: { slug: slug.data },
    select: {
      id: true,
      timeZone: true,
      memberships: {
        where: { userId: actor.userId },
        select: { status: true, validUntil: true },
      },
    },
  });
  const mine = club?.memberships[0];
  if (!club || !mine) throw notFoundError("Club");

  const { q, limit } = parseInput(MemberSearchInput, {
    q: input.q,
    limit: input.limit ?? undefined,
  });

  const now = ctx.now ?? new Date();
  if (!isActiveMembership(mine, club.timeZone, now)) return { members: [] };
  const rows = await db.membership.findMany({
    where: {
      clubId: club.id,
      status: "ACTIVE",
      userId: { not: actor.userId },
      user: { name: { contains: q, mode: "insensitive" }, emailVerifiedAt: { not: null } },
    },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    take: CANDIDATES,
    select: { userId: true, status: true, validUntil: true, user: { select: { name: true } } },
  });
  return {
    members: rows
      .filter((r) => isActiveMembership(r, club.timeZone, now))
      .slice(0, limit)
      .map((r) => ({ userId: r.userId, name: r.user.name })),
  };
}
