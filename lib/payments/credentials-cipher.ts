/**
 * Gateway credentials encrypted at rest: AES-256-GCM under the application key
 * PAYMENT_CREDENTIALS_KEY (32 bytes, base64). Format `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the additional authenticated data binds a ciphertext to its club and gateway, so a row's
 * secrets cannot be copied onto another club's row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

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
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv, tag, ct]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Throws when the ciphertext was altered, belongs to another club/gateway, or the key differs. */
export function decryptCredentials(sealed: string, key: Buffer, aad: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1")
    throw new CredentialsKeyError("Unknown credentials ciphertext format");
  const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new CredentialsKeyError(
      "Credentials could not be decrypted (wrong PAYMENT_CREDENTIALS_KEY or altered data)",
    );
  }
}
