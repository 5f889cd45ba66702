import "server-only";
import os from "node:os";
import { COURTSIDE_DB } from "@/lib/security/db-log";
import type { SecuritySettings } from "@/lib/security/security-env";
import { withLease } from "@/server/jobs/job-lease";
import { periodicJob, type PeriodicJob } from "@/server/jobs/periodic-job";
import { logger } from "@/server/logger";
import { evaluateSecuritySignals, type EvaluateResult } from "./evaluate-security-signals";
import { ingestDbLog, type IngestResult } from "./ingest-db-log";
import { notifySecurityAlerts, type NotifyResult } from "./notify-security-alerts";

const LEASE = "security-detection";
const LEASE_TTL_MS = 60_000;
const log = logger.child({ job: "security" });

export type SecurityPassResult =
  | { ran: false }
  | { ran: true; log: IngestResult | null; evaluated: EvaluateResult; notified: NotifyResult };

/**
 * One pass of threat detection (docs/decisions/023-threat-detection.md): read the database
 * server's log, evaluate every detector, email what is due. One worker at a time holds the lease,
 * so several workers never double-report.
 */
export async function runSecurityPass(
  s: SecuritySettings,
  options: { now?: Date; holder?: string } = {},
): Promise<SecurityPassResult> {
  const holder = options.holder ?? `${os.hostname()}:${process.pid}`;
  const leased = await withLease(LEASE, holder, LEASE_TTL_MS, async () => {
    const now = options.now ?? new Date();
    const ingested = s.serverLogDir
      ? await ingestDbLog(
          s.serverLogDir,
          { ...COURTSIDE_DB, appHosts: s.appHosts, operatorHosts: s.operatorHosts },
          now,
        )
      : null;
    const evaluated = await evaluateSecuritySignals(now);
    const notified = await notifySecurityAlerts(
      s.operatorEmail ?? "operator@courtside.localhost",
      now,
    );
    if (evaluated.opened.length) log.warn({ opened: evaluated.opened }, "security alert opened");
    return { log: ingested, evaluated, notified };
  });
  return leased.ran ? { ran: true, ...leased.result } : { ran: false };
}

/** The worker's threat-detection job, every SECURITY_DETECT_INTERVAL_MS (5 s by default). */
export function createSecurityJob(s: SecuritySettings): PeriodicJob<SecurityPassResult> {
  if (!s.serverLogDir) {
    log.warn(
      'DB_SERVER_LOG_DIR is not set: connections to the database are not watched (docs/operations.md "Threat detection")',
    );
  }
  return periodicJob({
    log,
    what: "security detection",
    intervalMs: s.intervalMs,
    runOnce: () => runSecurityPass(s),
  });
}
