import "server-only";
import { TestAsMemberInput } from "@/schemas/admin-club-setup";
import { requireClubPermission } from "@/server/auth/require-user";
import { getAvailability } from "@/server/bookings/get-availability";
import { db } from "@/server/db";
import { notFoundError, parseInput } from "@/server/errors";

/**
 * "Test as member" (MANAGER): the planning of a day exactly as one member of this club sees it —
 * which free slots they may book, for which durations, and for the others the rule that stops
 * them and when they become eligible. It is getAvailability with that member as the viewer, so
 * it gives the very answer the member gets. Read-only; the member must belong to this club.
 */
export async function testAsMember(slug: string, input: unknown, options: { now?: Date } = {}) {
  const { club } = await requireClubPermission(slug, "manageTiers");
  const { userId, date } = parseInput(TestAsMemberInput, input);
  const member = await db.membership.findFirst({
    where: { userId, clubId: club.id },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  if (!member) throw notFoundError("member", { inClub: true });
  const availability = await getAvailability(
    { userId: member.user.id },
    { club: club.slug, ...(date ? { date } : {}) },
    options,
  );
  if (!availability) throw notFoundError("club", { inClub: true });
  return { member: member.user, availability };
}
