import "server-only";
import type { Role } from "@/generated/prisma/client";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

export type MemberRow = {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  tierId: string | null;
  tierName: string | null;
  status: string;
  validUntil: string | null;
  since: string;
};

export type MembersView = {
  club: { slug: string; name: string };
  actorRole: Role;
  actorUserId: string;
  tiers: { id: string; name: string }[];
  members: MemberRow[];
  truncated: boolean;
  invitations: {
    id: string;
    email: string;
    name: string | null;
    role: Role;
    tierName: string | null;
    createdAt: string;
    expiresAt: string;
  }[];
};

const LIMIT = 500;

/** The member list of the members screen (managers and owners), with an optional search. */
export async function listMembers(slug: string, query: { q?: string } = {}): Promise<MembersView> {
  const access = await requireClubPermission(slug, "manageMembers", {
    next: `/c/${slug}/admin/members`,
  });
  const clubId = access.club.id;
  const q = query.q?.trim().slice(0, 100) || undefined;
  const [tiers, memberships, invitations] = await Promise.all([
    db.membershipTier.findMany({
      where: { clubId },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.membership.findMany({
      where: {
        clubId,
        ...(q
          ? {
              user: {
                OR: [
                  { name: { contains: q, mode: "insensitive" } },
                  { email: { contains: q, mode: "insensitive" } },
                ],
              },
            }
          : {}),
      },
      orderBy: [{ status: "asc" }, { user: { name: "asc" } }],
      take: LIMIT + 1,
      select: {
        id: true,
        role: true,
        status: true,
        validUntil: true,
        createdAt: true,
        tierId: true,
        tier: { select: { name: true } },
        user: { select: { name: true, email: true } },
      },
    }),
    db.membershipInvitation.findMany({
      where: { clubId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        tier: { select: { name: true } },
      },
    }),
  ]);
  return {
    club: { slug: access.club.slug, name: access.club.name },
    actorRole: access.role,
    actorUserId: access.user.userId,
    tiers,
    truncated: memberships.length > LIMIT,
    members: memberships.slice(0, LIMIT).map((m) => ({
      membershipId: m.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      tierId: m.tierId,
      tierName: m.tier?.name ?? null,
      status: m.status,
      validUntil: m.validUntil?.toISOString().slice(0, 10) ?? null,
      since: m.createdAt.toISOString().slice(0, 10),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.role,
      tierName: i.tier?.name ?? null,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    })),
  };
}
