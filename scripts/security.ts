/**
 * `npm run security:alerts [-- --open] [--club <slug>] [--since 7d]` — the operator's view of
 * the security alerts (docs/operations.md "Security alerts"): every alert, the deployment's own
 * and every club's, newest last seen first, as an aligned table (lib/security-alerts-table.ts).
 * Exit code 0; a bad flag is named, with exit code 2.
 *
 * With DATABASE_URL unset it reads the embedded database of `npm run dev` / `npm start`
 * (--data-dir, default .data), as scripts/backup.ts does. Needs `--conditions=react-server` (the
 * npm script passes it) so that the `server-only` marker of server/ resolves outside Next.js.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { deploymentOf } from "../lib/env-schema.ts";
import { formatAlertTable, parseAlertsArgs } from "../lib/security-alerts-table.ts";
import { trialSecrets } from "./db/local-secret.ts";

function fail(message: string): never {
  console.error(`[security] ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const dataDirAt = args.indexOf("--data-dir");
const dataDir = path.resolve(
  import.meta.dirname,
  "..",
  dataDirAt >= 0 ? (args[dataDirAt + 1] ?? fail("--data-dir needs a folder")) : ".data",
);
if (dataDirAt >= 0) args.splice(dataDirAt, 2);
const parsed = parseAlertsArgs(args);
if (!parsed.ok) fail(parsed.message);
const { command } = parsed;

/** The embedded database of the launcher's data folder, as scripts/backup.ts finds it. */
async function connectToEmbeddedDatabase() {
  const link = path.join(dataDir, "pg");
  if (!existsSync(link))
    fail(
      `no embedded database in ${dataDir} (start it with npm run dev or npm start, or set DATABASE_URL)`,
    );
  const pid = await readFile(path.join(realpathSync(link), "postmaster.pid"), "utf8").catch(
    () => "",
  );
  const port = Number(pid.split("\n")[3]);
  if (!port) fail(`the embedded database in ${dataDir} is not running: start it with npm run dev`);
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  // The app's database client needs the trial run's keys, as the launcher gives them.
  if (deploymentOf(process.env) !== "production")
    Object.assign(process.env, await trialSecrets(dataDir, process.env));
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.DATABASE_URL = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/courtside`;
}

if (!process.env.DATABASE_URL) await connectToEmbeddedDatabase();
const { db } = await import("../server/db.ts");
const { listAllSecurityAlerts } = await import("../server/security/list-all-security-alerts.ts");
const { AppError } = await import("../server/errors.ts");
try {
  const rows = await listAllSecurityAlerts({
    open: command.open,
    club: command.club,
    since: command.sinceMs === null ? null : new Date(Date.now() - command.sinceMs),
  });
  console.log(formatAlertTable(rows));
} catch (err) {
  if (err instanceof AppError && err.code === "NOT_FOUND")
    fail(`--club ${command.club}: ${err.message}`);
  throw err;
} finally {
  await db.$disconnect();
}
