import "server-only";
/**
 * searchClubMembers — the partner picker: active members of a club whose name contains the query
 * (case-insensitive), excluding the caller. Minimal fields (id and name: no email, no tier).
 *
 *   searchClubMembers(
 *     actor: { userId: string },
 *     input: { club: string; q: unknown; limit?: unknown },   // MemberSearchInput (schemas/booking.ts)
 *   ): Promise<{ members: { userId: string; name: string }[] }>
 *
 * Only members of the club may search it (active or not: a suspended member still sees who is in
 * their club); anyone else gets 404. Errors: 400 { fields: { q } } for a query under 2 characters.
 */
import { MemberSearchInput } from "@/schemas/booking";
import { ClubSlug } from "@/schemas/planning";
import { assertActor } from "@/server/bookings/policy-context";
import { db } from "@/server/db";
import { AppError, fromZodIssues } from "@/server/errors";

export type MemberHit = { userId: string; name: string };

export async function searchClubMembers(
  actor: { userId: string },
  input: { club: string; q: unknown; limit?: unknown },
): Promise<{ members: MemberHit[] }> {
  assertActor(actor);
  const slug = ClubSlug.safeParse(input.club);
  if (!slug.success) throw new AppError("NOT_FOUND", "Club not found.");
  const club = await db.club.findUnique({
    where: { slug: slug.data },
    select: { id: true, memberships: { where: { userId: actor.userId }, select: { id: true } } },
  });
  if (!club || club.memberships.length === 0) throw new AppError("NOT_FOUND", "Club not found.");

  const parsed = MemberSearchInput.safeParse({ q: input.q, limit: input.limit ?? undefined });
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { q, limit } = parsed.data;

  const today = new Date(new Date().toISOString().slice(0, 10));
  const rows = await db.membership.findMany({
    where: {
      clubId: club.id,
      status: "ACTIVE",
      userId: { not: actor.userId },
      OR: [{ validUntil: null }, { validUntil: { gte: today } }],
      user: { name: { contains: q, mode: "insensitive" } },
    },
    orderBy: { user: { name: "asc" } },
    take: limit,
    select: { userId: true, user: { select: { name: true } } },
  });
  return { members: rows.map((r) => ({ userId: r.userId, name: r.user.name })) };
}
