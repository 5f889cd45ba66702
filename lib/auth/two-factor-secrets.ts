/**
 * Two-factor secrets at rest (docs/decisions/015-secrets-at-rest-and-client-address.md), under
 * TWO_FACTOR_KEY (32 random bytes, base64). HKDF-SHA256 derives two independent keys from it:
 *
 * - TOTP secrets are sealed with AES-256-GCM (lib/crypto/aes-gcm.ts) with the user id as the
 *   additional authenticated data, so a ciphertext copied onto another user's row fails to open.
 *   A value in the old cleartext form (base32) is recognised so that it can be re-encrypted.
 * - Recovery codes are stored as `h1:` + base64url HMAC-SHA256 of the code's SHA-256 digest (the
 *   form stored before this key existed). A database dump alone cannot be brute-forced (≈ 50
 *   bits per code) without the key, lookups stay a single indexed equality, and an old digest is
 *   upgraded in place without knowing the code.
 *
 * Pure (no I/O): shared by the server, the demo seed and the test helpers.
 */
import { createHash, createHmac, hkdfSync } from "node:crypto";
import { isSealed, seal, SealedValueError, unseal } from "../crypto/aes-gcm";

export type TwoFactorKeys = { totpSecret: Buffer; recoveryCode: Buffer };

export const TWO_FACTOR_KEY_HINT = "generate with: openssl rand -base64 32";

/** Decodes TWO_FACTOR_KEY into its two derived keys; throws naming the variable when invalid. */
export function parseTwoFactorKey(base64: string | undefined): TwoFactorKeys {
  if (!base64) throw new Error(`TWO_FACTOR_KEY is not set (${TWO_FACTOR_KEY_HINT})`);
  const ikm = Buffer.from(base64, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || ikm.length !== 32)
    throw new Error(`TWO_FACTOR_KEY must be 32 random bytes in base64 (${TWO_FACTOR_KEY_HINT})`);
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), info, 32));
  return {
    totpSecret: derive("courtside/totp-secret/aes-256-gcm/v1"),
    recoveryCode: derive("courtside/recovery-code/hmac-sha256/v1"),
  };
}

/** The cleartext form of TOTP secrets written before encryption (RFC 4648 base32). */
export function isLegacyTotpSecret(stored: string): boolean {
  return /^[A-Z2-7]{16,64}=*$/.test(stored);
}

export function sealTotpSecret(secret: string, userId: string, keys: TwoFactorKeys): string {
  return seal(secret, keys.totpSecret, userId);
}

/** The base32 secret, or null when the value does not open for this user with this key. */
export function openTotpSecret(stored: string, userId: string, keys: TwoFactorKeys): string | null {
  if (!isSealed(stored)) return null;
  try {
    return unseal(stored, keys.totpSecret, userId);
  } catch (err) {
    if (err instanceof SealedValueError) return null;
    throw err;
  }
}

/** The digest recovery codes were stored as before TWO_FACTOR_KEY (64 lowercase hex). */
export function legacyRecoveryCodeDigest(code: string): string {
  return createHash("sha256").update(`courtside-recovery:${code}`, "utf8").digest("hex");
}

export function isLegacyRecoveryCodeHash(stored: string): boolean {
  return /^[0-9a-f]{64}$/.test(stored);
}

/** The keyed hash of an old digest: what the same code hashes to now. */
export function upgradeRecoveryCodeHash(legacyDigest: string, keys: TwoFactorKeys): string {
  return `h1:${createHmac("sha256", keys.recoveryCode).update(legacyDigest, "utf8").digest("base64url")}`;
}

/** The stored form of a (normalised, xxxxx-xxxxx) recovery code. */
export function recoveryCodeHash(code: string, keys: TwoFactorKeys): string {
  return upgradeRecoveryCodeHash(legacyRecoveryCodeDigest(code), keys);
}
