import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CredentialsKeyError,
  decryptCredentials,
  encryptCredentials,
  parseCredentialsKey,
} from "./credentials-cipher";

const keyB64 = randomBytes(32).toString("base64");
const key = parseCredentialsKey(keyB64);

describe("credentials cipher", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptCredentials('{"clientSecret":"s3cr3t-value"}', key, "club-1:PAYPAL");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain("s3cr3t");
    expect(decryptCredentials(sealed, key, "club-1:PAYPAL")).toBe(
      '{"clientSecret":"s3cr3t-value"}',
    );
  });

  it("uses a fresh IV each time", () => {
    expect(encryptCredentials("x", key, "a")).not.toBe(encryptCredentials("x", key, "a"));
  });

  it("refuses another club's row, an altered ciphertext and another key", () => {
    const sealed = encryptCredentials("secret", key, "club-1:PAYPAL");
    expect(() => decryptCredentials(sealed, key, "club-2:PAYPAL")).toThrow(CredentialsKeyError);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3] ?? "", "base64url");
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString("base64url");
    expect(() => decryptCredentials(parts.join("."), key, "club-1:PAYPAL")).toThrow(
      CredentialsKeyError,
    );
    const other = parseCredentialsKey(randomBytes(32).toString("base64"));
    expect(() => decryptCredentials(sealed, other, "club-1:PAYPAL")).toThrow(CredentialsKeyError);
  });

  it("validates the key", () => {
    expect(() => parseCredentialsKey(undefined)).toThrow("is not set");
    expect(() => parseCredentialsKey(randomBytes(16).toString("base64"))).toThrow("32 bytes");
    expect(() => parseCredentialsKey("not base64!")).toThrow("base64");
  });
});
