import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "@/lib/env-schema";

const valid = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/db",
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "test-only-auth-secret-0123456789abcdef",
  TWO_FACTOR_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("PAYMENT_CREDENTIALS_KEY", () => {
  it("is optional, also in production (required only when a club uses a LIVE gateway)", () => {
    expect(parseEnv(valid).PAYMENT_CREDENTIALS_KEY).toBeUndefined();
  });

  it("accepts 32 bytes of base64 and refuses anything else", () => {
    const key = randomBytes(32).toString("base64");
    expect(parseEnv({ ...valid, PAYMENT_CREDENTIALS_KEY: key }).PAYMENT_CREDENTIALS_KEY).toBe(key);
    for (const bad of [randomBytes(16).toString("base64"), "not-base64!", "a".repeat(44)]) {
      expect(() => parseEnv({ ...valid, PAYMENT_CREDENTIALS_KEY: bad })).toThrow(InvalidEnvError);
    }
  });
});
