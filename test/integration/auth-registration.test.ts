/**
 * Registration against real PostgreSQL: verification email through the outbox, the same answer
 * for an address that already has an account, the honeypot, the password rules, and the
 * HTTP sign-in through next-auth's Credentials provider with the resulting cookie.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { registerAccount } from "@/server/auth/register-account";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { verifyEmail } from "@/server/auth/verify-email";
import { createAccount, lastEmailTo } from "../helpers/auth";

let n = 0;
const ctx = () => ({ ip: `100.64.0.${++n}`, userAgent: "vitest" });

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

describe("registration", () => {
  it("creates an unverified account, emails a single-use link, and verifies it", async () => {
    const email = "New.Player@Example.test";
    expect(
      await registerAccount(
        { name: "New Player", email, password: "a-long-enough-passphrase" },
        ctx(),
      ),
    ).toEqual({
      outcome: "check-inbox",
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.player@example.test" } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const mail = await lastEmailTo(user.email, "verify-email");
    expect(mail?.token).toBeTruthy();
    expect(await verifyEmail({ token: mail!.token }, ctx())).toEqual({ verified: true });
    expect(await verifyEmail({ token: mail!.token }, ctx())).toEqual({ verified: false });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt,
    ).not.toBeNull();
    expect(
      (await signInWithPassword({ email, password: "a-long-enough-passphrase" }, ctx())).outcome,
    ).toBe("signed-in");
  });

  it("answers the same for an address that already has an account, and creates nothing", async () => {
    const existing = await createAccount();
    const before = await db.user.count();
    expect(
      await registerAccount(
        { name: "Someone", email: existing.email, password: "a-long-enough-passphrase" },
        ctx(),
      ),
    ).toEqual({
      outcome: "check-inbox",
    });
    expect(await db.user.count()).toBe(before);
    expect(await lastEmailTo(existing.email, "verify-email")).toBeNull();
    // Its owner is told instead.
    expect((await lastEmailTo(existing.email, "account-notice"))?.subject).toMatch(
      /tried to create an account/,
    );
  });

  it("creates nothing when the honeypot is filled, with the same answer", async () => {
    const r = await registerAccount(
      {
        name: "Bot",
        email: "bot@example.test",
        password: "a-long-enough-passphrase",
        website: "http://spam",
      },
      ctx(),
    );
    expect(r).toEqual({ outcome: "check-inbox" });
    expect(await db.user.findUnique({ where: { email: "bot@example.test" } })).toBeNull();
  });

  it("refuses short, breached and personal passwords, naming the field", async () => {
    await expect(
      registerAccount({ name: "A", email: "a@example.test", password: "short" }, ctx()),
    ).rejects.toMatchObject({
      fields: { password: expect.stringMatching(/12/) },
    });
    await expect(
      registerAccount({ name: "A", email: "a@example.test", password: "Password2026!" }, ctx()),
    ).rejects.toMatchObject({
      fields: { password: expect.stringMatching(/common/) },
    });
    await expect(
      registerAccount(
        { name: "Jeanne Moreau-Durand", email: "jmd@example.test", password: "moreau-durand" },
        ctx(),
      ),
    ).rejects.toMatchObject({ fields: { password: expect.any(String) } });
  });

  it("throttles registrations from one address", async () => {
    const ip = "100.64.9.9";
    const outcomes = [];
    for (let i = 0; i < 12; i++) {
      outcomes.push(
        (
          await registerAccount(
            { name: "X", email: `bulk-${i}@example.test`, password: "a-long-enough-passphrase" },
            { ip, userAgent: "x" },
          )
        ).outcome,
      );
    }
    expect(outcomes.filter((o) => o === "check-inbox")).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(["throttled", "throttled"]);
  });
});
