/**
 * Small strings sealed at rest with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url, 12-byte
 * IV, 16-byte tag). The additional authenticated data binds a ciphertext to the row it belongs to
 * (a club's gateway, a user), so a value copied onto another row fails to open. Shared by the
 * gateway credentials (lib/payments/credentials-cipher.ts) and the TOTP secrets
 * (lib/auth/two-factor-secrets.ts). Pure: no I/O, usable from scripts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class SealedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedValueError";
  }
}

/** Whether a stored value has the sealed format (it may still fail to open). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}.`) && value.split(".").length === 4;
}

export function seal(plaintext: string, key: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, ...[iv, tag, ct].map((p) => p.toString("base64url"))].join(".");
}

/**
 * Opens a sealed value. Throws SealedValueError (`reason` "format" or "authentication") when it is
 * not in the sealed format, was altered, belongs to another row, or the key differs.
 */
export function unseal(sealed: string, key: Buffer, aad: string): string {
  if (!isSealed(sealed)) throw new SealedValueError("format");
  const [iv, tag, ct] = sealed
    .split(".")
    .slice(1)
    .map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedValueError("authentication");
  }
}
