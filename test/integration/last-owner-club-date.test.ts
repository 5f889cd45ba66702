/**
 * The last owner is counted in the club's calendar (docs/decisions/019-capability-table.md): an
 * owner's validity ends with its last day in the club's time zone, for the members use cases
 * (owner-guard, lib/membership.ts isActiveMembership) and for the database trigger alike. The two
 * clubs sit at the ends of the day (UTC+14 and UTC−12): whatever the hour of the run, at least
 * one of them has a date other than UTC's, so a rule counted in UTC fails here.
 */
import { describe, expect, it, vi } from "vitest";
import { addDays, todayIn } from "@/lib/time";
import { updateMembership } from "@/server/admin/members/update-membership";
import { db } from "@/server/db";
import { AppError, sqlState } from "@/server/errors";
import { createClub } from "../helpers/builders";
import { addMembership, createAccount, sessionCookieFor } from "../helpers/auth";
import { newRequest } from "../helpers/fake-next-request";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const ctx = { ip: "203.0.113.9", userAgent: "test" };

/** A club with two owners: `lastDay` is the validity of the first, the second has none. */
async function clubWithTwoOwners(timeZone: string, lastDay: (today: string) => string) {
  const club = await createClub({ timeZone });
  const ending = await createAccount({ totp: true });
  const staying = await createAccount({ totp: true });
  await addMembership(ending.id, club.id, "OWNER");
  await addMembership(staying.id, club.id, "OWNER");
  const until = new Date(`${lastDay(todayIn(timeZone))}T00:00:00Z`);
  await db.membership.update({
    where: { userId_clubId: { userId: ending.id, clubId: club.id } },
    data: { validUntil: until },
  });
  const other = await db.membership.findUniqueOrThrow({
    where: { userId_clubId: { userId: staying.id, clubId: club.id } },
  });
  newRequest({ cookies: await sessionCookieFor(staying.id) });
  return { club, other };
}

describe("the last owner, in the club's calendar", () => {
  it("an owner whose last day is today in the club still counts: the other may step down", async () => {
    const { club, other } = await clubWithTwoOwners("Etc/GMT+12", (today) => today);
    await updateMembership(club.slug, { membershipId: other.id, role: "MANAGER" }, ctx);
    expect((await db.membership.findUniqueOrThrow({ where: { id: other.id } })).role).toBe(
      "MANAGER",
    );
  });

  it("an owner whose last day was yesterday in the club does not: the use case and the database refuse", async () => {
    const { club, other } = await clubWithTwoOwners("Pacific/Kiritimati", (today) =>
      addDays(today, -1),
    );
    const refused = await updateMembership(
      club.slug,
      { membershipId: other.id, role: "MANAGER" },
      ctx,
    ).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("CONFLICT");
    const direct = await db.membership
      .update({ where: { id: other.id }, data: { role: "MANAGER" } })
      .catch((err: unknown) => err);
    expect(sqlState(direct)).toBe("23514");
    expect((await db.membership.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("OWNER");
  });
});
