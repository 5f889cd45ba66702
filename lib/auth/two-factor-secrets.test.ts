import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isLegacyRecoveryCodeHash,
  isLegacyTotpSecret,
  legacyRecoveryCodeDigest,
  openTotpSecret,
  parseTwoFactorKey,
  recoveryCodeHash,
  sealTotpSecret,
  upgradeRecoveryCodeHash,
} from "./two-factor-secrets";

const keys = parseTwoFactorKey(randomBytes(32).toString("base64"));
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("two-factor secrets at rest", () => {
  it("derives distinct keys for the two uses", () => {
    expect(keys.totpSecret.length).toBe(32);
    expect(keys.recoveryCode.length).toBe(32);
    expect(keys.totpSecret.equals(keys.recoveryCode)).toBe(false);
  });

  it("seals a TOTP secret for one user only", () => {
    const sealed = sealTotpSecret(secret, "user-a", keys);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret);
    expect(isLegacyTotpSecret(sealed)).toBe(false);
    expect(openTotpSecret(sealed, "user-a", keys)).toBe(secret);
    expect(openTotpSecret(sealed, "user-b", keys)).toBeNull();
    const other = parseTwoFactorKey(randomBytes(32).toString("base64"));
    expect(openTotpSecret(sealed, "user-a", other)).toBeNull();
    expect(openTotpSecret(secret, "user-a", keys)).toBeNull();
    expect(isLegacyTotpSecret(secret)).toBe(true);
  });

  it("keys recovery-code hashes, and an old digest upgrades to the same value", () => {
    const code = "abcde-fgh23";
    const hash = recoveryCodeHash(code, keys);
    expect(hash).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(createHash("sha256").update(code).digest("hex"));
    const legacy = legacyRecoveryCodeDigest(code);
    expect(isLegacyRecoveryCodeHash(legacy)).toBe(true);
    expect(isLegacyRecoveryCodeHash(hash)).toBe(false);
    expect(upgradeRecoveryCodeHash(legacy, keys)).toBe(hash);
    const other = parseTwoFactorKey(randomBytes(32).toString("base64"));
    expect(recoveryCodeHash(code, other)).not.toBe(hash);
  });

  it("names TWO_FACTOR_KEY when it is missing or malformed", () => {
    expect(() => parseTwoFactorKey(undefined)).toThrow(/TWO_FACTOR_KEY is not set/);
    expect(() => parseTwoFactorKey(randomBytes(16).toString("base64"))).toThrow(/32 random bytes/);
  });
});
