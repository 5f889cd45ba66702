/**
 * `npm run worker`: the email delivery worker, the booking reminder job
 * (server/bookings/booking-reminder-job.ts) and the payment job (server/payments/payment-jobs.ts:
 * PayPal reconciliation, hold expiry, refunds) and the retention purge
 * (server/retention/purge-stored-input.ts) on their own (scripts/dev.ts starts it next to the app),
 * the threat-detection job (server/security/security-job.ts), and, with BACKUPS on, the backup job (server/backup/backup-job.ts; one worker at a time holds its
 * lease, so any number of workers may have it on).
 * Run one per app instance or fewer; any number can run at once (rows are claimed with
 * FOR UPDATE SKIP LOCKED). SIGINT/SIGTERM finish the message in flight, then exit.
 *
 * Needs `--conditions=react-server` (the npm script passes it) so that the `server-only` marker
 * imported by server/ resolves to its empty module outside Next.js.
 */
import { backupSettingsOrThrow, type BackupSettings } from "../lib/backup/backup-env.ts";
import { parseEnv } from "../lib/env-schema.ts";
import { securitySettingsOrThrow, type SecuritySettings } from "../lib/security/security-env.ts";
import { createBackupJob } from "../server/backup/backup-job.ts";
import { createBookingReminderJob } from "../server/bookings/booking-reminder-job.ts";
import { createDeliveryWorker } from "../server/mail/delivery-worker.ts";
import { createPaymentJob } from "../server/payments/payment-jobs.ts";
import { createPurgeJob } from "../server/retention/purge-stored-input.ts";
import { createSecurityJob } from "../server/security/security-job.ts";
import { refuseDemoDataInProduction } from "./db/demo-guard.ts";
import { DB_APPLICATION_NAMES, defaultApplicationName } from "../lib/db-application-names.ts";

// The database server's log tells the worker's connections apart (lib/db-application-names.ts).
if (process.env.DATABASE_URL && URL.canParse(process.env.DATABASE_URL))
  process.env.DATABASE_URL = defaultApplicationName(
    process.env.DATABASE_URL,
    DB_APPLICATION_NAMES.worker,
  );

// Refuse to start on a bad configuration, naming each variable, and in a production deployment
// whose database holds the demo accounts.
let backupSettings: BackupSettings | null;
let securitySettings: SecuritySettings;
try {
  await refuseDemoDataInProduction(parseEnv(process.env));
  backupSettings = backupSettingsOrThrow(process.env);
  securitySettings = securitySettingsOrThrow(process.env);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
const worker = createDeliveryWorker();
worker.start();
// Booking reminders (sent once per booking, whatever the number of workers) join the same outbox.
const reminders = createBookingReminderJob();
reminders.start();
// Payments: PayPal reconciliation, expiry of unpaid holds, sending queued refunds.
const payments = createPaymentJob();
payments.start();
// Retention: CSP reports and unmatched payment_event rows past their period (ADR 016).
const purge = createPurgeJob();
purge.start();
// Backups (docs/operations.md "Backups"): full every 6 h, differential hourly, verification daily,
// the repositories checked every minute and the operator alerted.
const backups = backupSettings ? createBackupJob(backupSettings) : undefined;
backups?.start();
// Threat detection (docs/operations.md "Threat detection"): the database server's log, sign-in
// attacks, probes and admin anomalies evaluated every 5 s, alerts emailed (one worker at a time
// holds its lease).
const security = createSecurityJob(securitySettings);
security.start();

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all([
    worker.stop(),
    reminders.stop(),
    payments.stop(),
    purge.stop(),
    backups?.stop(),
    security.stop(),
  ]);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
// Keep the process alive between polls (the worker's timer is unref'd).
setInterval(() => undefined, 1 << 30);
