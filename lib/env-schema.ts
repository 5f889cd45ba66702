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
    // `npm run db:migrate` only (scripts/migrate.ts): the schema owner's URL (courtside_owner),
    // used instead of DATABASE_URL so that the app's own URL never needs the right to change the
    // schema (docs/operations.md "Database roles").
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    // The worker only: the database server's JSON log folder, which threat detection reads
    // (docs/operations.md "Database server log"); the launcher sets it for the embedded database.
    DB_SERVER_LOG_DIR: z.string().regex(/^\//, "must be an absolute path").optional(),
    APP_URL: z.url({
      error: "must be the absolute public URL of the app, e.g. https://courts.example.org",
    }),
    // Defaults to true in a production deployment, false elsewhere (see the transform below).
    REQUIRE_HTTPS: bool.optional(),
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
    // Production requires DKIM signing (docs/email.md) unless this says the relay signs instead.
    ALLOW_UNSIGNED_MAIL: bool.default(false),
    // Production without DATABASE_URL: run the embedded PostgreSQL as a deliberate single-machine
    // deployment (docs/operations.md). Read by scripts/dev.ts; never implied by a missing URL.
    ALLOW_EMBEDDED_DATABASE: bool.default(false),
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
    const deployment = deploymentOf(e);
    if (deployment === "production") {
      for (const problem of productionProblems(e)) ctx.addIssue({ code: "custom", ...problem });
    }
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
  .transform((e) => {
    const deployment = deploymentOf(e);
    return {
      ...e,
      DEPLOYMENT_ENV: deployment,
      REQUIRE_HTTPS: e.REQUIRE_HTTPS ?? deployment === "production",
    };
  });

export type Deployment = "production" | "staging" | "development" | "test";

/**
 * What a deployment is for: DEPLOYMENT_ENV when set, otherwise "production" for every production
 * build (NODE_ENV=production, which `next start` and `npm start` set) and "development" otherwise.
 * A test or staging deployment must say so; a plain production start is never one.
 */
export function deploymentOf(e: { DEPLOYMENT_ENV?: string; NODE_ENV?: string }): Deployment {
  const declared = e.DEPLOYMENT_ENV;
  if (
    declared === "production" ||
    declared === "staging" ||
    declared === "development" ||
    declared === "test"
  ) {
    return declared;
  }
  return e.NODE_ENV === "production" ? "production" : "development";
}

/** Domains reserved for tests and documentation (RFC 2606, RFC 6761): never a real sender. */
const RESERVED_MAIL_DOMAIN =
  /(^|\.)(localhost|test|example|invalid|local|example\.(com|net|org))$/i;

/**
 * What a production deployment must have on top of the general rules: HTTPS, a real mail relay,
 * a real sender domain and DKIM (or the named waiver). Each problem names the variable and what to
 * set (docs/operations.md).
 */
function productionProblems(e: {
  APP_URL: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  DKIM_DOMAIN?: string;
  ALLOW_UNSIGNED_MAIL: boolean;
}): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  if (!e.APP_URL.startsWith("https://")) {
    problems.push({
      path: ["APP_URL"],
      message:
        "must be the https:// address of the deployment in production (e.g. APP_URL=https://courts.example.org); set DEPLOYMENT_ENV=staging or test for a local trial",
    });
  }
  if (!e.SMTP_URL) {
    problems.push({
      path: ["SMTP_URL"],
      message:
        "is required in production: without it email goes to the development mailbox (set SMTP_URL=smtp://user:pass@mail.example.org:587)",
    });
  }
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(e.MAIL_FROM)?.[1] ?? "";
  if (!fromDomain || RESERVED_MAIL_DOMAIN.test(fromDomain)) {
    problems.push({
      path: ["MAIL_FROM"],
      message: `must be an address on your own mail domain in production (got ${fromDomain ? `"${fromDomain}", a reserved test domain` : "no domain"}); set MAIL_FROM="Club <no-reply@courts.example.org>"`,
    });
  }
  if (!e.DKIM_DOMAIN && !e.ALLOW_UNSIGNED_MAIL) {
    problems.push({
      path: ["DKIM_DOMAIN"],
      message:
        "DKIM signing is required in production: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE (docs/email.md), or ALLOW_UNSIGNED_MAIL=true if your relay signs for you",
    });
  }
  return problems;
}

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
