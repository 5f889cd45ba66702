/**
 * Sessions against real PostgreSQL: a new token on every sign-in, and every event of ADR 002
 * ends existing sessions at once — log out, log out everywhere, password change, password reset,
 * 2FA on, 2FA off, role change, email change — as do the idle and absolute limits. A lockout ends
 * none (docs/decisions/015-secrets-at-rest-and-client-address.md).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { changePassword } from "@/server/auth/change-password";
import { confirmEmailChange } from "@/server/auth/confirm-email-change";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment";
import { disableTotp } from "@/server/auth/disable-totp";
import { getSession } from "@/server/auth/get-session";
import { logOut } from "@/server/auth/log-out";
import { logOutEverywhere } from "@/server/auth/log-out-everywhere";
import { recordLoginFailure } from "@/server/auth/login-protection";
import { requestEmailChange } from "@/server/auth/request-email-change";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { resetPassword } from "@/server/auth/reset-password";
import { decodeSessionJwt, validateSession } from "@/server/auth/sessions";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { startTotpEnrolment } from "@/server/auth/start-totp-enrolment";
import { createClub } from "../helpers/builders";
import {
  addMembership,
  createAccount,
  lastEmailTo,
  PASSWORD,
  sessionCookieFor,
  totpAt,
} from "../helpers/auth";
import { newRequest } from "../helpers/fake-next-request";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const ctx = { ip: "203.0.113.50", userAgent: "vitest" };

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
  newRequest();
});

/** Two browsers signed in as the user; returns a checker of whether each still is. */
async function twoBrowsers(userId: string) {
  const a = await sessionCookieFor(userId);
  const b = await sessionCookieFor(userId);
  const alive = async (cookies: Record<string, string>) => {
    const claims = await decodeSessionJwt(Object.values(cookies)[0]!);
    return claims !== null && (await validateSession(claims)) !== null;
  };
  return { a, b, alive };
}

function actAs(cookies: Record<string, string>) {
  newRequest({ cookies, ip: ctx.ip });
}

describe("sign-in", () => {
  it("issues a new token and session on every sign-in", async () => {
    const user = await createAccount();
    const one = await signInWithPassword({ email: user.email, password: PASSWORD }, ctx);
    const two = await signInWithPassword({ email: user.email, password: PASSWORD }, ctx);
    if (one.outcome !== "signed-in" || two.outcome !== "signed-in")
      throw new Error("sign-in failed");
    expect(one.session.sid).not.toBe(two.session.sid);
    expect(one.session.jwt).not.toBe(two.session.jwt);
    expect(await validateSession(one.session)).not.toBeNull();
  });

  it("refuses a forged or foreign-secret token", async () => {
    const user = await createAccount();
    const cookies = await sessionCookieFor(user.id);
    const name = Object.keys(cookies)[0]!;
    const jwt = cookies[name]!;
    actAs({ [name]: jwt.slice(0, -4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA") });
    expect(await getSession()).toBeNull();
    actAs(cookies);
    expect((await getSession())?.userId).toBe(user.id);
  });
});

describe("session revocation", () => {
  it("log out ends this session only", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    actAs(a);
    await logOut(ctx);
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(true);
  });

  it("log out everywhere ends every session", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    actAs(a);
    await logOutEverywhere(ctx);
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
  });

  it("a password change ends the other sessions and gives this browser a new one", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    actAs(a);
    const fresh = await changePassword(
      { currentPassword: PASSWORD, newPassword: "a-brand-new-passphrase-42" },
      ctx,
    );
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
    expect(await validateSession(fresh)).not.toBeNull();
  });

  it("a password change needs the current password", async () => {
    const user = await createAccount();
    const { a, alive } = await twoBrowsers(user.id);
    actAs(a);
    await expect(
      changePassword(
        { currentPassword: "not-my-password-1", newPassword: "a-brand-new-passphrase-42" },
        ctx,
      ),
    ).rejects.toMatchObject({
      fields: { currentPassword: expect.any(String) },
    });
    expect(await alive(a)).toBe(true);
  });

  it("a password reset by email ends every session; the link works once and expires after 30 minutes", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    await requestPasswordReset({ email: user.email }, ctx);
    const mail = await lastEmailTo(user.email, "password-reset");
    const token = await db.authToken.findFirstOrThrow({
      where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null },
    });
    expect(Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / 60_000)).toBe(30);
    expect(token.tokenHash).not.toContain(mail!.token!);
    expect(
      await resetPassword({ token: mail!.token, password: "reset-to-something-new-7" }, ctx),
    ).toEqual({ reset: true });
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
    expect(
      await resetPassword({ token: mail!.token, password: "and-again-something-new-8" }, ctx),
    ).toEqual({ reset: false });
    expect(
      (await signInWithPassword({ email: user.email, password: "reset-to-something-new-7" }, ctx))
        .outcome,
    ).toBe("signed-in");

    await requestPasswordReset({ email: user.email }, ctx);
    const late = await lastEmailTo(user.email, "password-reset");
    await db.authToken.updateMany({
      where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null },
      data: {
        createdAt: new Date(Date.now() - 31 * 60_000),
        expiresAt: new Date(Date.now() - 1000),
      },
    });
    expect(
      await resetPassword({ token: late!.token, password: "too-late-for-this-one-9" }, ctx),
    ).toEqual({ reset: false });
  });

  it("a lockout ends no session: anyone who knows the address can cause one", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    for (let i = 0; i < 5; i++)
      await recordLoginFailure({ email: user.email, user, reason: "bad_password", ctx });
    expect(await alive(a)).toBe(true);
    expect(await alive(b)).toBe(true);
  });

  it("switching 2FA on ends every other session; switching it off too", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    actAs(a);
    const enrolment = await startTotpEnrolment();
    if (enrolment.state !== "pending") throw new Error("expected a pending enrolment");
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const on = await confirmTotpEnrolment(
      { code: await totpAt(enrolment.secret, new Date()) },
      ctx,
    );
    expect(on.recoveryCodes).toHaveLength(10);
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);

    const c = await sessionCookieFor(user.id);
    actAs({ [Object.keys(a)[0]!]: on.session.jwt });
    await expect(
      disableTotp({ currentPassword: PASSWORD, code: "123456" }, ctx),
    ).rejects.toMatchObject({ fields: { code: expect.any(String) } });
    const off = await disableTotp({ currentPassword: PASSWORD, code: on.recoveryCodes[0]! }, ctx);
    expect(await alive(c)).toBe(false);
    expect(await validateSession(off)).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });

  it("a change of role in a club ends every session (database trigger)", async () => {
    const club = await createClub();
    const user = await createAccount();
    await addMembership(user.id, club.id, "PLAYER");
    const { a, b, alive } = await twoBrowsers(user.id);
    await db.membership.update({
      where: { userId_clubId: { userId: user.id, clubId: club.id } },
      data: { tier: undefined },
    });
    expect(await alive(a)).toBe(true);
    await db.membership.update({
      where: { userId_clubId: { userId: user.id, clubId: club.id } },
      data: { role: "STAFF" },
    });
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
  });

  it("a change of email ends every session once confirmed on the new address", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    actAs(a);
    await requestEmailChange(
      { newEmail: "new-address@example.test", currentPassword: PASSWORD },
      ctx,
    );
    expect(await alive(a)).toBe(true);
    const token = await db.authToken.findFirstOrThrow({
      where: { userId: user.id, purpose: "CHANGE_EMAIL" },
    });
    expect(token.newEmail).toBe("new-address@example.test");
    expect((await lastEmailTo(user.email, "account-notice"))?.subject).toMatch(
      /Change of your Courtside email/,
    );
    const link = await lastEmailTo("new-address@example.test", "account-notice");
    expect(link?.token).toBeTruthy();
    expect(await confirmEmailChange({ token: link!.token }, ctx)).toEqual({ changed: true });
    expect(await confirmEmailChange({ token: link!.token }, ctx)).toEqual({ changed: false });
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(
      "new-address@example.test",
    );
  });

  it("ends a session after its idle timeout and after its absolute lifetime", async () => {
    const user = await createAccount();
    const { a, b, alive } = await twoBrowsers(user.id);
    const sidA = (await decodeSessionJwt(Object.values(a)[0]!))!.sid;
    const sidB = (await decodeSessionJwt(Object.values(b)[0]!))!.sid;
    const row = await db.userSession.findUniqueOrThrow({ where: { id: sidA } });
    expect(row.idleTimeoutSeconds).toBe(2 * 60 * 60);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 60 * 60_000);
    await db.userSession.update({
      where: { id: sidA },
      data: { lastSeenAt: new Date(Date.now() - 2 * 60 * 60_000 - 1000) },
    });
    await db.userSession.update({
      where: { id: sidB },
      data: {
        createdAt: new Date(Date.now() - 12 * 60 * 60_000 - 1000),
        expiresAt: new Date(Date.now() - 1000),
        lastSeenAt: new Date(),
      },
    });
    expect(await alive(a)).toBe(false);
    expect(await alive(b)).toBe(false);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sidA } })).endReason).toBe(
      "idle",
    );
  });

  it("gives staff roles the short staff lifetime", async () => {
    const club = await createClub();
    const user = await createAccount();
    await addMembership(user.id, club.id, "MANAGER");
    const r = await signInWithPassword(
      { email: user.email, password: PASSWORD, remember: "on" },
      ctx,
    );
    if (r.outcome !== "signed-in") throw new Error(r.outcome);
    const row = await db.userSession.findUniqueOrThrow({ where: { id: r.session.sid } });
    expect(row.idleTimeoutSeconds).toBe(30 * 60);
    expect(row.remember).toBe(false);
  });
});
