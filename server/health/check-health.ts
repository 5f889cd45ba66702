import "server-only";
import packageJson from "@/package.json";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

/** How long the database gets to answer `SELECT 1` before the app reports itself degraded. */
export const HEALTH_DB_TIMEOUT_MS = 2_000;

export const APP_VERSION: string = packageJson.version;

export type HealthReport = {
  status: "ok" | "degraded";
  /** The process answers requests (this report exists). */
  live: true;
  database: { ready: boolean; latencyMs: number };
  version: string;
};

export type HealthOptions = {
  timeoutMs?: number;
  /** The readiness probe; `SELECT 1` on the app's database unless a test replaces it. */
  probe?: () => Promise<unknown>;
};

class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "ProbeTimeout";
  }
}

/**
 * Liveness and database readiness, for load balancers, orchestrators and the status page. Never
 * throws and never reveals why the database failed (that goes to the log only).
 */
export async function checkHealth(options: HealthOptions = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? HEALTH_DB_TIMEOUT_MS;
  const probe = options.probe ?? (() => db.$queryRaw`SELECT 1`);

  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ready: boolean;
  try {
    await Promise.race([
      // Wrapped so that a probe that throws synchronously is caught like one that rejects.
      Promise.resolve().then(probe),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout(timeoutMs)), timeoutMs);
      }),
    ]);
    ready = true;
  } catch (err) {
    ready = false;
    logger.warn(
      { err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
      "health check: database not ready",
    );
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = Math.round(performance.now() - started);

  return {
    status: ready ? "ok" : "degraded",
    live: true,
    database: { ready, latencyMs },
    version: APP_VERSION,
  };
}
