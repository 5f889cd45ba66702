import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Every environment variable the app reads. `.env.example` documents each one; the app refuses to
 * start (instrumentation.ts) when one is missing or invalid.
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({
        error: "is required (scripts/dev.ts sets it when it starts the embedded database)",
      })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    APP_URL: z.url({
      error: "must be the absolute public URL of the app, e.g. https://courts.example.org",
    }),
    REQUIRE_HTTPS: bool.default(false),
    TRUST_PROXY: bool.default(false),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    // Authentication (docs/decisions/002-next-auth-jwt-session-version.md). Encrypts the session
    // JWT; NEXTAUTH_SECRET is accepted as next-auth's traditional name.
    AUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (openssl rand -base64 32)")
      .optional(),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (openssl rand -base64 32)")
      .optional(),
    // Email (docs/email.md). Without SMTP_URL, mail goes to the local mailbox at /dev/mailbox.
    SMTP_URL: z
      .string()
      .regex(
        /^smtps?:\/\//,
        "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587",
      )
      .optional(),
    SMTP_REQUIRE_TLS: bool.default(true),
    MAIL_FROM: z.string().min(3).default("Courtside <no-reply@courtside.localhost>"),
    DKIM_DOMAIN: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "must be a domain name such as example.org")
      .optional(),
    DKIM_SELECTOR: z
      .string()
      .regex(/^[a-z0-9._-]+$/i, "must be a DNS label such as courtside2026")
      .optional(),
    DKIM_PRIVATE_KEY: z
      .string()
      .includes("PRIVATE KEY", { message: "must be a PEM private key" })
      .optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().optional(),
    MAIL_TOKEN_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (openssl rand -hex 32)")
      .optional(),
    MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(2_000),
    // Payments (docs/payments.md): encrypts clubs' gateway credentials at rest (AES-256-GCM).
    // Optional here; a club's LIVE gateway cannot be used in production without it
    // (server/payments/gateway-config.ts refuses, naming this variable).
    // Which deployment this is, for the payment configuration checks (docs/payments.md): in
    // "production" gateway URLs must be the gateways' own hosts; elsewhere LIVE gateway
    // credentials are refused and sandbox configurations may point at local fakes. Defaults to
    // "production" under NODE_ENV=production, otherwise "development".
    DEPLOYMENT_ENV: z.enum(["production", "staging", "development", "test"]).optional(),
    // Outside production only: origins of gateway sandboxes or local fakes that a SANDBOX club
    // configuration points at (e.g. http://127.0.0.1:3107), comma-separated. They are added to the
    // CSP of the payment pages (form-action, frame-src, connect-src). Refused in production.
    PAYMENT_SANDBOX_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .url({
              message: "must be a comma-separated list of origins such as http://127.0.0.1:3107",
            })
            .refine(
              (o) => new URL(o).origin === o,
              "must be origins only (scheme://host:port, no path)",
            ),
        ),
      )
      .default([]),
    // How often the worker expires unpaid holds and sends queued refunds.
    PAYMENT_JOBS_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
    PAYMENT_CREDENTIALS_KEY: z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
    // Two-factor secrets at rest (docs/decisions/015-secrets-at-rest-and-client-address.md):
    // encrypts TOTP secrets (AES-256-GCM) and keys the recovery-code hashes (HMAC-SHA256), with
    // keys derived by HKDF. Required (superRefine below): staff accounts always use TOTP.
    TWO_FACTOR_KEY: z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (!e.TWO_FACTOR_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["TWO_FACTOR_KEY"],
        message:
          "is required (encrypts two-factor secrets; generate with: openssl rand -base64 32). Changing it later makes every enrolled authenticator and recovery code unusable.",
      });
    }
    if (!e.AUTH_SECRET && !e.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required (encrypts session cookies; generate with: openssl rand -base64 32)",
      });
    }
    const dkimParts = [
      e.DKIM_DOMAIN,
      e.DKIM_SELECTOR,
      e.DKIM_PRIVATE_KEY ?? e.DKIM_PRIVATE_KEY_FILE,
    ];
    const dkimSet = dkimParts.filter(Boolean).length;
    if (dkimSet > 0 && dkimSet < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["DKIM_DOMAIN"],
        message:
          "DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) together",
      });
    }
    if (e.NODE_ENV === "production" && !e.MAIL_TOKEN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_TOKEN_SECRET"],
        message:
          "is required in production (signs unsubscribe links; generate with: openssl rand -hex 32)",
      });
    }
    const deployment =
      e.DEPLOYMENT_ENV ?? (e.NODE_ENV === "production" ? "production" : "development");
    if (deployment === "production" && e.PAYMENT_SANDBOX_ORIGINS.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["PAYMENT_SANDBOX_ORIGINS"],
        message:
          "must not be set in production: payment pages only talk to PayPal's and Paybox's own hosts (set DEPLOYMENT_ENV=staging for a test deployment)",
      });
    }
    if (e.REQUIRE_HTTPS && !e.APP_URL.startsWith("https://")) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must start with https:// when REQUIRE_HTTPS is true",
      });
    }
  })
  .transform((e) => ({
    ...e,
    DEPLOYMENT_ENV:
      e.DEPLOYMENT_ENV ?? (e.NODE_ENV === "production" ? "production" : "development"),
  }));

export type Env = z.infer<typeof EnvSchema>;

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset so that `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvError(
      result.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`),
    );
  }
  return result.data;
}
