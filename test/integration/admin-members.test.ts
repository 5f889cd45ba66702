/**
 * Members (ADR 009): invitations (hashed single-use token, throttled, accepted by a new or
 * an existing user), role / tier / validity changes, deactivation, the last owner (use case and
 * database trigger), the CSV import (preview, all or nothing) and club scoping of every id.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256Hex } from "@/server/auth/crypto-tokens";
import { db } from "@/server/db";
import { AppError, sqlState } from "@/server/errors";
import { LIMITS } from "@/server/rate-limit/limits";
import { confirmMemberImport } from "@/server/admin/members/confirm-member-import";
import { deactivateMembership } from "@/server/admin/members/deactivate-membership";
import { inviteMember } from "@/server/admin/members/invite-member";
import { listMembers } from "@/server/admin/members/list-members";
import { previewMemberImportFile } from "@/server/admin/members/preview-member-import";
import { revokeInvitation } from "@/server/admin/members/revoke-invitation";
import { updateMembership } from "@/server/admin/members/update-membership";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { getInvitation } from "@/server/invitations/get-invitation";
import { registerFromInvitation } from "@/server/invitations/register-from-invitation";
import { createClub } from "../helpers/builders";
import { addMembership, as, createAccount, lastEmailTo, PASSWORD } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const ctx = { ip: "203.0.113.9", userAgent: "test" };
let club: { id: string; slug: string };
let other: { id: string; slug: string };
let owner: { id: string; email: string };
let manager: { id: string; email: string };
let staff: { id: string; email: string };
let otherManager: { id: string; email: string };
let tierId = "";
let otherTierId = "";

async function membershipOf(userId: string, clubId = club.id) {
  return db.membership.findUniqueOrThrow({ where: { userId_clubId: { userId, clubId } } });
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))
      return "not-found";
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return "redirect";
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

beforeAll(async () => {
  club = await createClub();
  other = await createClub();
  owner = await createAccount({ totp: true, name: "Olga Owner" });
  manager = await createAccount({ totp: true, name: "Max Manager" });
  staff = await createAccount({ totp: true });
  otherManager = await createAccount({ totp: true });
  await addMembership(owner.id, club.id, "OWNER");
  await addMembership(manager.id, club.id, "MANAGER");
  await addMembership(staff.id, club.id, "STAFF");
  await addMembership(otherManager.id, other.id, "MANAGER");
  tierId = (await db.membershipTier.create({ data: { clubId: club.id, name: "Junior" } })).id;
  otherTierId = (await db.membershipTier.create({ data: { clubId: other.id, name: "Other" } })).id;
});

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

describe("invitations", () => {
  it("a manager invites a new person, who registers through the link and joins with the invited tier", async () => {
    await as(manager);
    const email = "new.player@example.test";
    const r = await inviteMember(
      club.slug,
      {
        email: "New.Player@Example.test",
        name: "Nina",
        role: "PLAYER",
        tierId,
        validUntil: "2030-01-31",
      },
      ctx,
    );
    expect(r.emailed).toBe(true);
    const mail = await lastEmailTo(email, "member-invitation");
    expect(mail?.subject).toBe("You are invited to join Test Club");
    expect(mail?.text).toContain("/invite?token=");
    const token = mail!.token!;
    // Only the hash is stored.
    const row = await db.membershipInvitation.findUniqueOrThrow({ where: { id: r.invitationId } });
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);

    await as(null);
    expect(await getInvitation(token)).toMatchObject({
      state: "valid",
      email,
      accountExists: false,
      signedInEmail: null,
    });
    const done = await registerFromInvitation(
      { token, name: "Nina Newcomer", password: PASSWORD },
      ctx,
    );
    expect(done).toEqual({ clubSlug: club.slug, email });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    const m = await membershipOf(user.id);
    expect(m).toMatchObject({ role: "PLAYER", tierId, status: "ACTIVE" });
    expect(m.validUntil?.toISOString().slice(0, 10)).toBe("2030-01-31");
    // Single use.
    expect(await getInvitation(token)).toEqual({ state: "invalid" });
    expect(
      await outcome(() =>
        registerFromInvitation({ token, name: "Again", password: PASSWORD }, ctx),
      ),
    ).toBe("UNPROCESSABLE");
    const audit = await db.auditEvent.findMany({
      where: {
        clubId: club.id,
        action: { in: ["admin.member.invited", "member.invitation.accepted"] },
      },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "admin.member.invited", actorId: manager.id },
        { action: "member.invitation.accepted", actorId: user.id },
      ]),
    );
  });

  it("an existing user accepts while signed in as the invited address, not as anyone else", async () => {
    const invitee = await createAccount({ email: "existing@example.test" });
    await as(manager);
    await inviteMember(club.slug, { email: invitee.email, role: "STAFF" }, ctx);
    const token = (await lastEmailTo(invitee.email, "member-invitation"))!.token!;
    await as(staff);
    expect(await outcome(() => acceptInvitation({ token }, ctx))).toBe("UNPROCESSABLE");
    await as(null);
    expect(
      await outcome(() => registerFromInvitation({ token, name: "X", password: PASSWORD }, ctx)),
    ).toBe("UNPROCESSABLE");
    await as(invitee);
    expect(await getInvitation(token)).toMatchObject({
      accountExists: true,
      signedInEmail: invitee.email,
    });
    expect(await acceptInvitation({ token }, ctx)).toEqual({ clubSlug: club.slug });
    expect(await membershipOf(invitee.id)).toMatchObject({ role: "STAFF", status: "ACTIVE" });
    // A staff role ends the invitee's sessions (membership trigger): a fresh sign-in.
    await as(invitee);
    expect(await outcome(() => acceptInvitation({ token }, ctx))).toBe("UNPROCESSABLE");
  });

  it("a new invitation replaces the previous link; a revoked one stops working", async () => {
    await as(manager);
    const email = "twice@example.test";
    await inviteMember(club.slug, { email }, ctx);
    const first = (await lastEmailTo(email, "member-invitation"))!.token!;
    const second = await inviteMember(club.slug, { email }, ctx);
    const token = (await lastEmailTo(email, "member-invitation"))!.token!;
    expect(token).not.toBe(first);
    expect(await getInvitation(first)).toEqual({ state: "invalid" });
    await revokeInvitation(club.slug, { invitationId: second.invitationId }, ctx);
    expect(await getInvitation(token)).toEqual({ state: "invalid" });
  });

  it("is throttled per recipient (allowStrangerEmail): the fourth invitation in 15 minutes is not emailed", async () => {
    await as(manager);
    const email = "bombed@example.test";
    const emailed = [];
    for (let i = 0; i < 4; i++)
      emailed.push((await inviteMember(club.slug, { email }, ctx)).emailed);
    expect(emailed).toEqual([true, true, true, false]);
    expect(await db.emailOutbox.count({ where: { toAddress: email } })).toBe(3);
    expect(
      await db.auditEvent.count({ where: { action: "email.throttled", targetId: email } }),
    ).toBe(1);
  });

  it("a club has a daily invitation budget, for single invitations and imports alike", async () => {
    const c = await createClub();
    const m = await createAccount({ totp: true });
    await addMembership(m.id, c.id, "MANAGER");
    const saved = LIMITS.invitationsPerClub.limit;
    LIMITS.invitationsPerClub.limit = 2;
    try {
      await as(m);
      await inviteMember(c.slug, { email: "budget1@example.test" }, ctx);
      await inviteMember(c.slug, { email: "budget2@example.test" }, ctx);
      expect(
        await outcome(() => inviteMember(c.slug, { email: "budget3@example.test" }, ctx)),
      ).toBe("RATE_LIMITED");
      expect(
        await outcome(() =>
          confirmMemberImport(c.slug, { csv: "name,email\nB,budget4@example.test" }, ctx),
        ),
      ).toBe("RATE_LIMITED");
      expect(await db.membershipInvitation.count({ where: { clubId: c.id } })).toBe(2);
    } finally {
      LIMITS.invitationsPerClub.limit = saved;
    }
  });

  it("refuses: staff, a manager of another club, a non-owner inviting an owner, another club's tier, a current member", async () => {
    await as(staff);
    expect(await outcome(() => inviteMember(club.slug, { email: "a@example.test" }, ctx))).toBe(
      "not-found",
    );
    await as(otherManager);
    expect(await outcome(() => inviteMember(club.slug, { email: "a@example.test" }, ctx))).toBe(
      "not-found",
    );
    await as(manager);
    expect(
      await outcome(() => inviteMember(club.slug, { email: "a@example.test", role: "OWNER" }, ctx)),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        inviteMember(club.slug, { email: "a@example.test", tierId: otherTierId }, ctx),
      ),
    ).toBe("BAD_REQUEST");
    expect(await outcome(() => inviteMember(club.slug, { email: staff.email }, ctx))).toBe(
      "CONFLICT",
    );
    await as(otherManager);
    const inv = await db.membershipInvitation.findFirstOrThrow({ where: { clubId: club.id } });
    expect(await outcome(() => revokeInvitation(other.slug, { invitationId: inv.id }, ctx))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("roles, tiers, validity and deactivation", () => {
  it("a manager sets a player's role, tier and validity; the change is audited", async () => {
    const p = await createAccount();
    await addMembership(p.id, club.id, "PLAYER");
    const m = await membershipOf(p.id);
    await as(manager);
    await updateMembership(
      club.slug,
      { membershipId: m.id, role: "STAFF", tierId, validUntil: "2031-12-31" },
      ctx,
    );
    const after = await membershipOf(p.id);
    expect(after).toMatchObject({ role: "STAFF", tierId });
    expect(after.validUntil?.toISOString().slice(0, 10)).toBe("2031-12-31");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "admin.member.updated", targetId: m.id },
    });
    expect(event).toMatchObject({ clubId: club.id, actorId: manager.id, ip: ctx.ip });
    expect(event.details).toMatchObject({
      before: { role: "PLAYER" },
      after: { role: "STAFF", validUntil: "2031-12-31" },
    });
    // Clearing the tier and validity.
    await updateMembership(
      club.slug,
      { membershipId: m.id, role: "PLAYER", tierId: "", validUntil: "" },
      ctx,
    );
    expect(await membershipOf(p.id)).toMatchObject({
      role: "PLAYER",
      tierId: null,
      validUntil: null,
    });
  });

  it("only an owner grants or removes the owner role; managers cannot touch an owner", async () => {
    const p = await createAccount();
    await addMembership(p.id, club.id, "PLAYER");
    const m = await membershipOf(p.id);
    const ownerM = await membershipOf(owner.id);
    await as(manager);
    expect(
      await outcome(() => updateMembership(club.slug, { membershipId: m.id, role: "OWNER" }, ctx)),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        updateMembership(club.slug, { membershipId: ownerM.id, role: "PLAYER" }, ctx),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() => deactivateMembership(club.slug, { membershipId: ownerM.id }, ctx)),
    ).toBe("FORBIDDEN");
    await as(staff);
    expect(
      await outcome(() => updateMembership(club.slug, { membershipId: m.id, role: "STAFF" }, ctx)),
    ).toBe("not-found");
    await as(owner);
    await updateMembership(club.slug, { membershipId: m.id, role: "OWNER" }, ctx);
    expect((await membershipOf(p.id)).role).toBe("OWNER");
    await updateMembership(club.slug, { membershipId: m.id, role: "MANAGER" }, ctx);
    expect((await membershipOf(p.id)).role).toBe("MANAGER");
  });

  it("nobody can demote, expire or deactivate the last owner", async () => {
    const ownerM = await membershipOf(owner.id);
    await as(owner);
    expect(
      await outcome(() =>
        updateMembership(club.slug, { membershipId: ownerM.id, role: "MANAGER" }, ctx),
      ),
    ).toBe("CONFLICT");
    expect(
      await outcome(() =>
        updateMembership(
          club.slug,
          { membershipId: ownerM.id, role: "OWNER", validUntil: "2020-01-01" },
          ctx,
        ),
      ),
    ).toBe("CONFLICT");
    expect(
      await outcome(() => deactivateMembership(club.slug, { membershipId: ownerM.id }, ctx)),
    ).toBe("CONFLICT");
    expect((await membershipOf(owner.id)).role).toBe("OWNER");
  });

  it("the database refuses it too, even for a direct write, and under concurrent demotions", async () => {
    const c = await createClub();
    const a = await createAccount();
    const b = await createAccount();
    await addMembership(a.id, c.id, "OWNER");
    await addMembership(b.id, c.id, "OWNER");
    // Two owners demoted at once: one wins, the other is refused.
    const results = await Promise.allSettled([
      db.membership.update({
        where: { userId_clubId: { userId: a.id, clubId: c.id } },
        data: { role: "MANAGER" },
      }),
      db.membership.update({
        where: { userId_clubId: { userId: b.id, clubId: c.id } },
        data: { role: "MANAGER" },
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(sqlState(refused.reason)).toBe("23514");
    expect(await db.membership.count({ where: { clubId: c.id, role: "OWNER" } })).toBe(1);
    const last = await db.membership.findFirstOrThrow({ where: { clubId: c.id, role: "OWNER" } });
    await expect(db.membership.delete({ where: { id: last.id } })).rejects.toThrow(
      /at least one owner/,
    );
    await expect(
      db.membership.update({ where: { id: last.id }, data: { status: "SUSPENDED" } }),
    ).rejects.toThrow(/at least one owner/);
    // Deleting the whole club takes its memberships along.
    await db.club.delete({ where: { id: c.id } });
    expect(await db.membership.count({ where: { clubId: c.id } })).toBe(0);
  });

  it("a manager deactivates a member (sessions end through the trigger)", async () => {
    const p = await createAccount();
    await addMembership(p.id, club.id, "PLAYER");
    const m = await membershipOf(p.id);
    const before = await db.user.findUniqueOrThrow({ where: { id: p.id } });
    await as(manager);
    await deactivateMembership(club.slug, { membershipId: m.id }, ctx);
    expect((await membershipOf(p.id)).status).toBe("ENDED");
    const afterUser = await db.user.findUniqueOrThrow({ where: { id: p.id } });
    expect(afterUser.sessionVersion).toBe(before.sessionVersion + 1);
    expect(
      await db.auditEvent.count({ where: { action: "admin.member.deactivated", targetId: m.id } }),
    ).toBe(1);
  });

  it("a manager of another club gets 'not found' for this club's ids, even through their own club", async () => {
    const p = await createAccount();
    await addMembership(p.id, club.id, "PLAYER");
    const m = await membershipOf(p.id);
    await as(otherManager);
    for (const slug of [club.slug, other.slug]) {
      const r1 = await outcome(() =>
        updateMembership(slug, { membershipId: m.id, role: "MANAGER" }, ctx),
      );
      const r2 = await outcome(() => deactivateMembership(slug, { membershipId: m.id }, ctx));
      expect([r1, r2]).toEqual(
        slug === club.slug ? ["not-found", "not-found"] : ["NOT_FOUND", "NOT_FOUND"],
      );
    }
    // Another club's tier cannot be given to a member of this one.
    await as(manager);
    expect(
      await outcome(() =>
        updateMembership(
          club.slug,
          { membershipId: m.id, role: "PLAYER", tierId: otherTierId },
          ctx,
        ),
      ),
    ).toBe("BAD_REQUEST");
    expect(await membershipOf(p.id)).toMatchObject({
      role: "PLAYER",
      status: "ACTIVE",
      tierId: null,
    });
    await as(otherManager);
    expect(await outcome(() => listMembers(club.slug))).toBe("not-found");
  });
});

describe("CSV import", () => {
  const good =
    "name,email,tier,role,valid until\nIrene,irene@example.test,Junior,player,2030-06-30\nIgor,igor@example.test,,staff,\n";

  it("previews without writing, then imports every row as an invitation", async () => {
    await as(manager);
    const before = await db.membershipInvitation.count();
    const preview = await previewMemberImportFile(club.slug, { csv: good });
    expect(preview.valid).toBe(true);
    expect(preview.rows.map((r) => [r.email, r.role, r.tierId])).toEqual([
      ["irene@example.test", "PLAYER", tierId],
      ["igor@example.test", "STAFF", null],
    ]);
    expect(await db.membershipInvitation.count()).toBe(before);
    expect(await confirmMemberImport(club.slug, { csv: good }, ctx)).toEqual({
      invited: 2,
      emailed: 2,
    });
    const inv = await db.membershipInvitation.findFirstOrThrow({
      where: { email: "irene@example.test", clubId: club.id },
    });
    expect(inv).toMatchObject({ role: "PLAYER", tierId });
    expect((await lastEmailTo("igor@example.test", "member-invitation"))?.token).toBeTruthy();
    expect(
      await db.auditEvent.count({ where: { action: "admin.member.imported", clubId: club.id } }),
    ).toBe(1);
  });

  it("is all or nothing: one bad row and nothing is written", async () => {
    await as(manager);
    const csv = "name,email,role\nOk,ok@example.test,player\nBad,bad@example.test,boss\n";
    const preview = await previewMemberImportFile(club.slug, { csv });
    expect(preview.valid).toBe(false);
    expect(preview.rows[1]!.errors).toEqual([
      '"boss" is not a role (player, staff, manager or owner).',
    ]);
    const before = await db.membershipInvitation.count();
    expect(await outcome(() => confirmMemberImport(club.slug, { csv }, ctx))).toBe("UNPROCESSABLE");
    expect(await db.membershipInvitation.count()).toBe(before);
    // The rows of the earlier import are now "already invited".
    const again = await previewMemberImportFile(club.slug, { csv: good });
    expect(again.rows.every((r) => r.errors.length === 1)).toBe(true);
  });

  it("is refused to staff and to a manager of another club", async () => {
    await as(staff);
    expect(await outcome(() => previewMemberImportFile(club.slug, { csv: good }))).toBe(
      "not-found",
    );
    await as(otherManager);
    expect(await outcome(() => confirmMemberImport(club.slug, { csv: good }, ctx))).toBe(
      "not-found",
    );
  });
});

describe("the member list", () => {
  it("lists members with tier and pending invitations, searchable", async () => {
    await as(manager);
    const view = await listMembers(club.slug);
    expect(view.members.find((m) => m.email === owner.email)).toMatchObject({
      role: "OWNER",
      status: "ACTIVE",
    });
    expect(view.invitations.map((i) => i.email)).toContain("igor@example.test");
    expect(view.tiers).toEqual([{ id: tierId, name: "Junior" }]);
    const found = await listMembers(club.slug, { q: "olga" });
    expect(found.members.map((m) => m.email)).toEqual([owner.email]);
  });
});
