/**
 * The threat-detection configuration (docs/operations.md "Threat detection",
 * docs/decisions/023-threat-detection.md), read by the worker, which evaluates the signals. The web
 * app records signals and never reads these.
 */
import path from "node:path";
import { z } from "zod";
import { deploymentOf } from "@/lib/env-schema";

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((a) => /^[0-9a-fA-F.:]+$/.test(a) || a === "[local]"),
    "must be a comma-separated list of IP addresses, e.g. 10.0.1.11,10.0.1.12",
  );

export const SecurityEnvSchema = z.object({
  DEPLOYMENT_ENV: z.enum(["production", "staging", "development", "test"]).optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // Deployment-scoped alerts (database connections, probes) go there; club-scoped ones to the
  // club's security contact and owners.
  OPERATOR_EMAIL: z.email({ error: "must be the operator's email address" }).optional(),
  // The database server's jsonlog directory (log_destination=jsonlog, log_connections=on), on
  // the host where this worker runs; without it database connections are not watched.
  DB_SERVER_LOG_DIR: z
    .string()
    .refine(
      (p) => path.isAbsolute(p),
      "must be an absolute path such as /var/lib/postgresql/15/main/log",
    )
    .optional(),
  // Addresses the app role may connect from (the application hosts).
  DB_APP_HOSTS: addressList.default(["127.0.0.1", "::1"]),
  // Addresses the owner role may connect from (the operators' and migration hosts).
  DB_OPERATOR_HOSTS: addressList.default(["127.0.0.1", "::1"]),
  SECURITY_DETECT_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(5_000),
});

export type SecuritySettings = {
  operatorEmail: string | null;
  serverLogDir: string | null;
  appHosts: string[];
  operatorHosts: string[];
  intervalMs: number;
};

/** Every problem of the configuration, each naming its variable (the launcher prints them all). */
export function securityEnvProblems(env: Record<string, string | undefined>): string[] {
  const parsed = SecurityEnvSchema.safeParse(env);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  if (deploymentOf(parsed.data) === "production" && !parsed.data.OPERATOR_EMAIL) {
    return [
      "OPERATOR_EMAIL is required in production: alerts about database connections and probes are emailed there",
    ];
  }
  return [];
}

/** The settings, or an Error naming every problem (the worker refuses to start on it). */
export function securitySettingsOrThrow(env: Record<string, string | undefined>): SecuritySettings {
  const problems = securityEnvProblems(env);
  const parsed = SecurityEnvSchema.safeParse(env);
  if (!parsed.success || problems.length) {
    throw new Error(
      `Invalid threat-detection configuration (docs/operations.md "Threat detection"):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  const e = parsed.data;
  return {
    operatorEmail: e.OPERATOR_EMAIL ?? null,
    serverLogDir: e.DB_SERVER_LOG_DIR ? path.resolve(e.DB_SERVER_LOG_DIR) : null,
    appHosts: e.DB_APP_HOSTS,
    operatorHosts: e.DB_OPERATOR_HOSTS,
    intervalMs: e.SECURITY_DETECT_INTERVAL_MS,
  };
}
