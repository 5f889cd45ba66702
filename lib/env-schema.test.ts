import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "./env-schema";

const valid = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/db",
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "test-only-auth-secret-0123456789abcdef",
  TWO_FACTOR_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("configuration validated at start-up", () => {
  it("accepts a minimal valid configuration with defaults", () => {
    const env = parseEnv(valid);
    expect(env.REQUIRE_HTTPS).toBe(false);
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("names every missing or invalid variable at once", () => {
    try {
      parseEnv({ APP_URL: "not a url", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEnvError);
      const { problems, message } = err as InvalidEnvError;
      expect(problems.some((p) => p.startsWith("DATABASE_URL:"))).toBe(true);
      expect(problems.some((p) => p.startsWith("APP_URL:"))).toBe(true);
      expect(problems.some((p) => p.startsWith("LOG_LEVEL:"))).toBe(true);
      expect(message).toMatch(/Invalid configuration/);
    }
  });

  it("refuses a non-PostgreSQL database URL", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: must be a postgresql/,
    );
  });

  it("requires an https APP_URL when HTTPS is required", () => {
    expect(() => parseEnv({ ...valid, REQUIRE_HTTPS: "true" })).toThrow(
      /APP_URL: must start with https/,
    );
    expect(
      parseEnv({ ...valid, REQUIRE_HTTPS: "true", APP_URL: "https://courts.example.org" })
        .REQUIRE_HTTPS,
    ).toBe(true);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ ...valid, LOG_LEVEL: "" }).LOG_LEVEL).toBe("info");
    expect(() => parseEnv({ ...valid, DATABASE_URL: "" })).toThrow(/DATABASE_URL/);
  });

  it("refuses ambiguous booleans", () => {
    expect(() => parseEnv({ ...valid, TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
  });

  it("derives the deployment from NODE_ENV and refuses sandbox payment origins in production", () => {
    expect(parseEnv(valid).DEPLOYMENT_ENV).toBe("development");
    expect(
      parseEnv({ ...valid, NODE_ENV: "production", MAIL_TOKEN_SECRET: "x".repeat(32) })
        .DEPLOYMENT_ENV,
    ).toBe("production");
    const staging = parseEnv({
      ...valid,
      NODE_ENV: "production",
      MAIL_TOKEN_SECRET: "x".repeat(32),
      DEPLOYMENT_ENV: "staging",
      PAYMENT_SANDBOX_ORIGINS: "http://127.0.0.1:3107, https://sandbox.example.org",
    });
    expect(staging.PAYMENT_SANDBOX_ORIGINS).toEqual([
      "http://127.0.0.1:3107",
      "https://sandbox.example.org",
    ]);
    expect(() =>
      parseEnv({
        ...valid,
        NODE_ENV: "production",
        MAIL_TOKEN_SECRET: "x".repeat(32),
        PAYMENT_SANDBOX_ORIGINS: "http://127.0.0.1:3107",
      }),
    ).toThrow(/PAYMENT_SANDBOX_ORIGINS: must not be set in production/);
    expect(() => parseEnv({ ...valid, PAYMENT_SANDBOX_ORIGINS: "http://x.org/path" })).toThrow(
      /PAYMENT_SANDBOX_ORIGINS.0: must be origins only/,
    );
  });

  it("requires TWO_FACTOR_KEY, 32 bytes of base64, naming the variable and how to make one", () => {
    const { TWO_FACTOR_KEY: _omitted, ...withoutKey } = valid;
    expect(() => parseEnv(withoutKey)).toThrow(
      /TWO_FACTOR_KEY: is required .*openssl rand -base64 32/,
    );
    for (const bad of ["too-short", Buffer.alloc(16, 1).toString("base64"), "not base64!!"]) {
      expect(() => parseEnv({ ...valid, TWO_FACTOR_KEY: bad })).toThrow(
        /TWO_FACTOR_KEY: must be 32 random bytes in base64/,
      );
    }
  });
});
