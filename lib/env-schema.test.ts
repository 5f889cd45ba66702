import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "./env-schema";

const valid = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/db",
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "test-only-auth-secret-0123456789abcdef",
  TWO_FACTOR_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const production = {
  ...valid,
  NODE_ENV: "production",
  APP_URL: "https://courts.club-example.fr",
  MAIL_TOKEN_SECRET: "x".repeat(32),
  SMTP_URL: "smtp://relay.club-example.fr:587",
  MAIL_FROM: "Courtside <no-reply@club-example.fr>",
  DKIM_DOMAIN: "club-example.fr",
  DKIM_SELECTOR: "cs2026",
  DKIM_PRIVATE_KEY_FILE: "/etc/courtside/dkim.pem",
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
    expect(parseEnv(production).DEPLOYMENT_ENV).toBe("production");
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
      parseEnv({ ...production, PAYMENT_SANDBOX_ORIGINS: "http://127.0.0.1:3107" }),
    ).toThrow(/PAYMENT_SANDBOX_ORIGINS: must not be set in production/);
    expect(() => parseEnv({ ...valid, PAYMENT_SANDBOX_ORIGINS: "http://x.org/path" })).toThrow(
      /PAYMENT_SANDBOX_ORIGINS.0: must be origins only/,
    );
  });

  it("accepts a complete production configuration and requires HTTPS there by default", () => {
    const env = parseEnv(production);
    expect(env.DEPLOYMENT_ENV).toBe("production");
    expect(env.REQUIRE_HTTPS).toBe(true);
    expect(parseEnv({ ...production, REQUIRE_HTTPS: "false" }).REQUIRE_HTTPS).toBe(false);
    // Elsewhere HTTPS stays optional unless asked for.
    expect(parseEnv({ ...production, DEPLOYMENT_ENV: "staging" }).REQUIRE_HTTPS).toBe(false);
  });

  it("refuses a production deployment over plain HTTP, with the dev mailbox, a test sender or no DKIM, naming each", () => {
    const problems = (() => {
      try {
        parseEnv({
          ...valid,
          NODE_ENV: "production",
          MAIL_TOKEN_SECRET: "x".repeat(32),
        });
      } catch (err) {
        return (err as InvalidEnvError).problems;
      }
      return [];
    })();
    expect(problems.find((p) => p.startsWith("APP_URL:"))).toMatch(/https:\/\//);
    expect(problems.find((p) => p.startsWith("SMTP_URL:"))).toMatch(/development mailbox/);
    expect(problems.find((p) => p.startsWith("MAIL_FROM:"))).toMatch(/courtside\.localhost/);
    expect(problems.find((p) => p.startsWith("DKIM_DOMAIN:"))).toMatch(/ALLOW_UNSIGNED_MAIL=true/);
  });

  it("names the reserved sender domains and honours the DKIM waiver", () => {
    for (const from of [
      "no-reply@club.test",
      "Club <x@example.org>",
      "a@mail.example",
      "a@localhost",
      "a@host.invalid",
    ]) {
      expect(() => parseEnv({ ...production, MAIL_FROM: from }), from).toThrow(/MAIL_FROM:/);
    }
    const {
      DKIM_DOMAIN: _d,
      DKIM_SELECTOR: _s,
      DKIM_PRIVATE_KEY_FILE: _k,
      ...unsigned
    } = production;
    expect(() => parseEnv(unsigned)).toThrow(/DKIM_DOMAIN: DKIM signing is required/);
    expect(parseEnv({ ...unsigned, ALLOW_UNSIGNED_MAIL: "true" }).ALLOW_UNSIGNED_MAIL).toBe(true);
  });

  it("applies the production rules to a production build unless a trial deployment is declared", () => {
    // NODE_ENV=production (npm start, next start) is a production deployment by default.
    expect(() =>
      parseEnv({ ...valid, NODE_ENV: "production", MAIL_TOKEN_SECRET: "x".repeat(32) }),
    ).toThrow(/SMTP_URL/);
    expect(
      parseEnv({
        ...valid,
        NODE_ENV: "production",
        MAIL_TOKEN_SECRET: "x".repeat(32),
        DEPLOYMENT_ENV: "test",
      }).DEPLOYMENT_ENV,
    ).toBe("test");
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
