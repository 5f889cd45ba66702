/**
 * Two-factor sign-in against real PostgreSQL: TOTP codes are single-use (replay refused) within
 * a ±1 step window, recovery codes work once, wrong codes count towards the lockout, and the
 * pending sign-in dies after 5 wrong codes.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { completeTwoFactorSignIn } from "@/server/auth/complete-two-factor-sign-in";
import { replaceRecoveryCodes } from "@/server/auth/totp";
import { createAccount, freshClient, totpAt, twoFactorChallenge } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

describe("TOTP sign-in", () => {
  it("asks for a second factor after the right password, then signs in with the current code", async () => {
    const user = await createAccount({ totp: true });
    const challenge = await twoFactorChallenge(user.email);
    const result = await completeTwoFactorSignIn(
      challenge,
      { code: await totpAt(user.totpSecret!, new Date()) },
      freshClient(),
    );
    expect(result.outcome).toBe("signed-in");
    // The pending sign-in is used up.
    expect(
      (await completeTwoFactorSignIn(challenge, { code: "000000" }, freshClient())).outcome,
    ).toBe("restart");
  });

  it("refuses a replayed code, even on a new sign-in", async () => {
    const user = await createAccount({ totp: true });
    const code = await totpAt(user.totpSecret!, new Date());
    expect(
      (await completeTwoFactorSignIn(await twoFactorChallenge(user.email), { code }, freshClient()))
        .outcome,
    ).toBe("signed-in");
    const second = await twoFactorChallenge(user.email);
    expect((await completeTwoFactorSignIn(second, { code }, freshClient())).outcome).toBe(
      "invalid",
    );
    const audit = await db.auditEvent.findFirst({
      where: { action: "auth.login.failed", targetId: user.id },
      orderBy: { id: "desc" },
    });
    expect(audit?.details).toMatchObject({ reason: "bad_second_factor" });
  });

  it("accepts the previous step's code but not one two steps old", async () => {
    const user = await createAccount({ totp: true });
    const now = Date.now();
    const old = await totpAt(user.totpSecret!, new Date(now - 65_000));
    const previous = await totpAt(user.totpSecret!, new Date(now - 30_000));
    const current = await totpAt(user.totpSecret!, new Date(now));
    const challenge = await twoFactorChallenge(user.email);
    if (old !== current && old !== previous) {
      expect((await completeTwoFactorSignIn(challenge, { code: old }, freshClient())).outcome).toBe(
        "invalid",
      );
    }
    expect(
      (await completeTwoFactorSignIn(challenge, { code: previous }, freshClient())).outcome,
    ).toBe("signed-in");
  });

  it("refuses an older step after a newer one was used", async () => {
    const user = await createAccount({ totp: true });
    const now = Date.now();
    const previous = await totpAt(user.totpSecret!, new Date(now - 30_000));
    const current = await totpAt(user.totpSecret!, new Date(now));
    expect(
      (
        await completeTwoFactorSignIn(
          await twoFactorChallenge(user.email),
          { code: current },
          freshClient(),
        )
      ).outcome,
    ).toBe("signed-in");
    if (previous !== current) {
      expect(
        (
          await completeTwoFactorSignIn(
            await twoFactorChallenge(user.email),
            { code: previous },
            freshClient(),
          )
        ).outcome,
      ).toBe("invalid");
    }
  });

  it("abandons the pending sign-in after 5 wrong codes", async () => {
    const user = await createAccount({ totp: true });
    const challenge = await twoFactorChallenge(user.email);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(
        (await completeTwoFactorSignIn(challenge, { code: "000001" }, freshClient())).outcome,
      );
    // The fifth wrong code is also the fifth consecutive failure: the account locks.
    expect(outcomes.slice(0, 4)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(outcomes[4]).toBe("locked");
    const good = await totpAt(user.totpSecret!, new Date());
    expect((await completeTwoFactorSignIn(challenge, { code: good }, freshClient())).outcome).toBe(
      "restart",
    );
  });
});

describe("recovery codes", () => {
  it("sign in once each, whatever their formatting", async () => {
    const user = await createAccount({ totp: true });
    const codes = await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.every((c) => !codes.includes(c.codeHash))).toBe(true);

    const typed = ` ${codes[3]!.toUpperCase().replace("-", " ")} `;
    const first = await completeTwoFactorSignIn(
      await twoFactorChallenge(user.email),
      { code: typed },
      freshClient(),
    );
    expect(first).toMatchObject({ outcome: "signed-in", usedRecoveryCode: true });
    expect(
      (
        await completeTwoFactorSignIn(
          await twoFactorChallenge(user.email),
          { code: codes[3]! },
          freshClient(),
        )
      ).outcome,
    ).toBe("invalid");
    expect(
      (
        await completeTwoFactorSignIn(
          await twoFactorChallenge(user.email),
          { code: codes[4]! },
          freshClient(),
        )
      ).outcome,
    ).toBe("signed-in");
    const session = await db.userSession.findFirst({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(session?.method).toBe("recovery_code");
  });
});
