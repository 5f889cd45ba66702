/**
 * Gateway credentials encrypted at rest: AES-256-GCM under the application key
 * PAYMENT_CREDENTIALS_KEY (32 bytes, base64). Format `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the additional authenticated data binds a ciphertext to its club and gateway, so a row's
 * secrets cannot be copied onto another club's row. The cipher itself is lib/crypto/aes-gcm.ts.
 */
import { seal, SealedValueError, unseal } from "../crypto/aes-gcm";

export class CredentialsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsKeyError";
  }
}

/** Decodes PAYMENT_CREDENTIALS_KEY; throws when it is not 32 bytes of base64. */
export function parseCredentialsKey(base64: string | undefined): Buffer {
  if (!base64)
    throw new CredentialsKeyError(
      "PAYMENT_CREDENTIALS_KEY is not set (generate with: openssl rand -base64 32)",
    );
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new CredentialsKeyError("PAYMENT_CREDENTIALS_KEY must be base64");
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32)
    throw new CredentialsKeyError("PAYMENT_CREDENTIALS_KEY must decode to exactly 32 bytes");
  return key;
}

export function encryptCredentials(plaintext: string, key: Buffer, aad: string): string {
  return seal(plaintext, key, aad);
}

/** Throws when the ciphertext was altered, belongs to another club/gateway, or the key differs. */
export function decryptCredentials(sealed: string, key: Buffer, aad: string): string {
  try {
    return unseal(sealed, key, aad);
  } catch (err) {
    if (err instanceof SealedValueError && err.message === "format")
      throw new CredentialsKeyError("Unknown credentials ciphertext format");
    throw new CredentialsKeyError(
      "Credentials could not be decrypted (wrong PAYMENT_CREDENTIALS_KEY or altered data)",
    );
  }
}
