/**
 * Two-factor secrets at rest (docs/decisions/015-secrets-at-rest-and-client-address.md): the raw
 * columns hold neither the base32 TOTP secret nor a recovery-code hash that plain SHA-256 of a
 * code reproduces; a TOTP ciphertext copied onto another user's row does not verify; sign-in with
 * TOTP and recovery codes still works; rows written before encryption keep working and are
 * upgraded in place on first use.
 */
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { completeTwoFactorSignIn } from "@/server/auth/complete-two-factor-sign-in";
import { newRecoveryCode, newTotpSecret, replaceRecoveryCodes } from "@/server/auth/totp";
import { createAccount, freshClient, totpAt, twoFactorChallenge } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

async function rawSecret(userId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ totp_secret: string | null }[]>`
    SELECT totp_secret FROM app_user WHERE id = ${userId}::uuid`;
  return rows[0]!.totp_secret;
}

async function rawCodeHashes(userId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ code_hash: string }[]>`
    SELECT code_hash FROM recovery_code WHERE user_id = ${userId}::uuid`;
  return rows.map((r) => r.code_hash.trim());
}

describe("two-factor secrets at rest", () => {
  it("stores no base32 secret and no plain SHA-256 of a recovery code, and sign-in still works", async () => {
    const user = await createAccount({ totp: true });
    const codes = await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));

    const stored = await rawSecret(user.id);
    expect(stored).toBeTruthy();
    expect(stored).not.toContain(user.totpSecret!);
    expect(stored).not.toMatch(/^[A-Z2-7]+=*$/);
    const hashes = await rawCodeHashes(user.id);
    expect(hashes).toHaveLength(codes.length);
    for (const code of codes) {
      const compact = code.replace("-", "");
      for (const guess of [code, compact, `courtside-recovery:${code}`]) {
        expect(hashes).not.toContain(sha256(guess));
      }
    }

    const totp = await completeTwoFactorSignIn(
      await twoFactorChallenge(user.email),
      { code: await totpAt(user.totpSecret!, new Date()) },
      freshClient(),
    );
    expect(totp.outcome).toBe("signed-in");
    const recovery = await completeTwoFactorSignIn(
      await twoFactorChallenge(user.email),
      { code: codes[3]! },
      freshClient(),
    );
    expect(recovery).toMatchObject({ outcome: "signed-in", usedRecoveryCode: true });
  });

  it("a TOTP ciphertext copied onto another user's row does not verify", async () => {
    const victim = await createAccount({ totp: true });
    const attacker = await createAccount({ totp: true });
    await db.$executeRaw`
      UPDATE app_user SET totp_secret = (SELECT totp_secret FROM app_user WHERE id = ${victim.id}::uuid)
      WHERE id = ${attacker.id}::uuid`;
    const result = await completeTwoFactorSignIn(
      await twoFactorChallenge(attacker.email),
      { code: await totpAt(victim.totpSecret!, new Date()) },
      freshClient(),
    );
    expect(result.outcome).not.toBe("signed-in");
  });

  it("accepts a row written in clear before encryption once, and re-encrypts it in place", async () => {
    const user = await createAccount();
    const secret = newTotpSecret();
    const code = newRecoveryCode();
    await db.$executeRaw`
      UPDATE app_user SET totp_secret = ${secret}, totp_enabled_at = now() WHERE id = ${user.id}::uuid`;
    await db.$executeRaw`
      INSERT INTO recovery_code (user_id, code_hash)
      VALUES (${user.id}::uuid, ${sha256(`courtside-recovery:${code}`)})`;

    const result = await completeTwoFactorSignIn(
      await twoFactorChallenge(user.email),
      { code: await totpAt(secret, new Date()) },
      freshClient(),
    );
    expect(result.outcome).toBe("signed-in");
    const stored = await rawSecret(user.id);
    expect(stored).not.toBe(secret);
    expect(stored).not.toContain(secret);
    expect(await rawCodeHashes(user.id)).not.toContain(sha256(`courtside-recovery:${code}`));

    // The old recovery code still signs in (once), now checked against its keyed hash.
    const recovery = await completeTwoFactorSignIn(
      await twoFactorChallenge(user.email),
      { code },
      freshClient(),
    );
    expect(recovery.outcome).toBe("signed-in");
    expect(
      (await completeTwoFactorSignIn(await twoFactorChallenge(user.email), { code }, freshClient()))
        .outcome,
    ).toBe("invalid");
  });
});
