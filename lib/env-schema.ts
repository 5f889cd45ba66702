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
  })
  .superRefine((e, ctx) => {
    if (e.REQUIRE_HTTPS && !e.APP_URL.startsWith("https://")) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must start with https:// when REQUIRE_HTTPS is true",
      });
    }
  });

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
