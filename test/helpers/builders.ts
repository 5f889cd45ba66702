/** Data builders for integration tests: small, explicit, with sensible defaults. */
import { randomBytes } from "node:crypto";
import type { Role, Sport } from "@/generated/prisma/client";
import { db } from "@/server/db";

const uid = () => randomBytes(4).toString("hex");

export async function createClub(
  overrides: { slug?: string; timeZone?: string; slotMinutes?: number } = {},
) {
  return db.club.create({
    data: {
      slug: overrides.slug ?? `club-${uid()}`,
      name: "Test Club",
      timeZone: overrides.timeZone ?? "Europe/Paris",
      contactEmail: "contact@club.test",
      securityContactEmail: "security@club.test",
      slotMinutes: overrides.slotMinutes ?? 30,
    },
  });
}

export async function createCourt(
  clubId: string,
  overrides: { name?: string; sport?: Sport; position?: number } = {},
) {
  return db.court.create({
    data: {
      clubId,
      name: overrides.name ?? `Court ${uid()}`,
      sport: overrides.sport ?? "TENNIS",
      position: overrides.position ?? 0,
    },
  });
}

export async function createUser(overrides: { email?: string; name?: string } = {}) {
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${uid()}@example.test`,
      name: overrides.name ?? "Test User",
    },
  });
}

export async function createMember(clubId: string, role: Role = "PLAYER") {
  const user = await createUser();
  await db.membership.create({ data: { userId: user.id, clubId, role } });
  return user;
}

export function at(iso: string): Date {
  return new Date(iso);
}
