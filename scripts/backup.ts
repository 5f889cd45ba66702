/**
 * `npm run backup:<command>` — the operator's backup commands (docs/operations.md "Backups"):
 *
 *   backup:status                       each repository: reachable, last full/differential backup,
 *                                       newest archived WAL and its age, size, last verification,
 *                                       open alerts; exit code 1 when something is wrong
 *   backup:now [--type full|diff|incr] [--repo 1|2]
 *                                       a backup now (both repositories by default), under the
 *                                       same lease as the worker's job
 *   backup:verify [--repo 1|2]          pgbackrest verify now
 *   backup:restore -- --to "<timestamp>" | --latest [--repo 1|2] [--into DIR] [--port N] [--stop]
 *                                       point-in-time restore into a new data directory, started
 *                                       on its own port (archiving off), with a report
 *   backup:config                       pgbackrest.conf and the postgresql.conf lines for a
 *                                       production database server
 *
 * With DATABASE_URL unset it works on the embedded database of `npm run dev` / `npm start`
 * (--data-dir, default .data), as the launcher set it up; otherwise on the BACKUP_* variables.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { backupSettingsOrThrow, type BackupSettings } from "../lib/backup/backup-env.ts";
import {
  renderPgbackrestConfig,
  renderPostgresArchiveConf,
} from "../lib/backup/pgbackrest-config.ts";
import { DB_APPLICATION_NAMES } from "../lib/db-application-names.ts";
import { deploymentOf } from "../lib/env-schema.ts";
import { embeddedBackupEnv } from "./db/embedded-backup.ts";
import { freePort } from "./db/embedded.ts";
import { trialSecrets } from "./db/local-secret.ts";
import { socketDirFor, socketUrl } from "./db/socket-dir.ts";

const [command, ...rest] = process.argv.slice(2);
const { values: flags } = parseArgs({
  args: rest,
  options: {
    "data-dir": { type: "string", default: ".data" },
    type: { type: "string", default: "full" },
    repo: { type: "string" },
    to: { type: "string" },
    latest: { type: "boolean", default: false },
    into: { type: "string" },
    port: { type: "string" },
    stop: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`[backup] ${message}`);
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, "..");
const production = deploymentOf(process.env) === "production";

/** The embedded cluster of the launcher's data folder, when it runs: its port and password. */
async function embeddedCluster(dataDir: string) {
  const link = path.join(dataDir, "pg");
  if (!existsSync(link))
    fail(
      `no embedded database in ${dataDir} (start it with npm run dev or npm start, or set DATABASE_URL and BACKUP_*)`,
    );
  const pgDir = realpathSync(link);
  const pid = await readFile(path.join(pgDir, "postmaster.pid"), "utf8").catch(() => "");
  const port = Number(pid.split("\n")[3]);
  if (!port)
    fail(
      `the embedded database in ${dataDir} is not running: start it with npm run dev (or npm start)`,
    );
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  // The superuser may connect through the cluster's Unix socket only (scripts/db/embedded.ts).
  return { pgDir, socketDir: socketDirFor(pgDir, port), port, password };
}

async function settingsFromEnvironment(): Promise<BackupSettings> {
  let extra: Record<string, string> = {};
  if (!process.env.DATABASE_URL && !process.env.BACKUP_PG_DATA) {
    const dataDir = path.resolve(root, flags["data-dir"]!);
    const cluster = await embeddedCluster(dataDir);
    extra = await embeddedBackupEnv({ env: process.env, dataDir, production, ...cluster });
    // The app's database client needs the trial run's keys, as the launcher gives them.
    if (!production) Object.assign(process.env, await trialSecrets(dataDir, process.env));
    process.env.APP_URL ??= "http://localhost:3000";
    process.env.DATABASE_URL = socketUrl({
      user: "postgres",
      password: cluster.password,
      socketDir: cluster.socketDir,
      port: cluster.port,
      database: "courtside",
      applicationName: DB_APPLICATION_NAMES.setup,
    });
  }
  const settings = backupSettingsOrThrow({ ...process.env, BACKUPS: "on", ...extra });
  if (!settings) fail("backups are off");
  return settings;
}

function age(d: Date | null | undefined, now = Date.now()): string {
  if (!d) return "never";
  const s = Math.round((now - d.getTime()) / 1000);
  const text =
    s < 120
      ? `${s} s`
      : s < 7200
        ? `${Math.round(s / 60)} min`
        : s < 172_800
          ? `${(s / 3600).toFixed(1)} h`
          : `${(s / 86_400).toFixed(1)} days`;
  return `${d.toISOString()} (${text} ago)`;
}

function bytes(n: bigint | number | null | undefined): string {
  if (n === null || n === undefined) return "unknown";
  const v = Number(n);
  return v > 1e9
    ? `${(v / 1e9).toFixed(2)} GB`
    : v > 1e6
      ? `${(v / 1e6).toFixed(1)} MB`
      : `${(v / 1e3).toFixed(0)} kB`;
}

function repos(s: BackupSettings): number[] {
  if (!flags.repo) return s.repos.map((r) => r.index);
  const n = Number(flags.repo);
  if (!s.repos.some((r) => r.index === n))
    fail(`--repo must be one of ${s.repos.map((r) => r.index).join(", ")}`);
  return [n];
}

async function main() {
  if (command === "config") {
    const s = await settingsFromEnvironment();
    console.log(`# ${s.configPath}\n${renderPgbackrestConfig(s)}`);
    console.log(
      `# postgresql.conf (conf.d/courtside-backup.conf)\n${renderPostgresArchiveConf(s)}`,
    );
    return;
  }
  const s = await settingsFromEnvironment();
  const { db } = await import("../server/db.ts");
  try {
    if (command === "status") process.exitCode = await status(s, db);
    else if (command === "now" || command === "verify") await runNow(s, command);
    else if (command === "restore") await restore(s);
    else fail(`unknown command ${command ?? "(none)"}: status, now, verify, restore or config`);
  } finally {
    await db.$disconnect();
  }
}

async function status(s: BackupSettings, db: typeof import("../server/db.ts").db): Promise<number> {
  const { observeRepos } = await import("../server/backup/backup-job.ts");
  const { repoProblems } = await import("../lib/backup/backup-policy.ts");
  const now = new Date();
  const observations = await observeRepos(s, now);
  const stored = new Map((await db.backupRepoStatus.findMany()).map((r) => [r.repo, r]));
  const [archiver] = await db.$queryRaw<
    Array<{
      last_archived_wal: string | null;
      last_archived_time: Date | null;
      failed_count: bigint;
      last_failed_wal: string | null;
      last_failed_time: Date | null;
    }>
  >`SELECT last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time FROM pg_stat_archiver`;
  const alerts = await db.operatorAlert.findMany({
    where: { clearedAt: null },
    orderBy: { raisedAt: "asc" },
  });
  const runs = await db.backupRun.findMany({ orderBy: { startedAt: "desc" }, take: 8 });
  const problems = observations.flatMap((o) => {
    // The WAL age is the worker's observation; a fresh command has none of its own.
    const seen = stored.get(o.repo);
    const withSeen =
      seen?.newestWal === o.newestWal && seen?.newestWalSeenAt
        ? { ...o, newestWalSeenAt: seen.newestWalSeenAt }
        : o;
    return repoProblems(withSeen, now, {
      walAlertAfterMs: s.walAlertAfterMs,
      fullEveryMs: s.fullEveryMs,
      diffEveryMs: s.diffEveryMs,
    });
  });
  if (flags.json) {
    console.log(
      JSON.stringify(
        { stanza: s.stanza, observations, archiver, alerts, runs, problems },
        (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v),
        2,
      ),
    );
    return problems.length ? 1 : 0;
  }
  console.log(`Backups of stanza ${s.stanza} (${s.pg.dataDir}), ${now.toISOString()}`);
  console.log(
    `  WAL archiving: last ${archiver?.last_archived_wal ?? "none"} at ${age(archiver?.last_archived_time)}; ${Number(archiver?.failed_count ?? 0)} failed attempts${archiver?.last_failed_time ? `, last failure ${archiver.last_failed_wal} at ${age(archiver.last_failed_time)}` : ""}`,
  );
  for (const o of observations) {
    const repo = s.repos.find((r) => r.index === o.repo)!;
    const st = stored.get(o.repo);
    console.log(
      `\n  repo${o.repo} ${repo.path}: ${o.reachable ? "reachable" : "UNREACHABLE"} (${o.message})`,
    );
    console.log(`    last full backup:          ${age(o.lastFullAt)}`);
    console.log(`    last differential backup:  ${age(o.lastDiffAt)}`);
    console.log(
      `    backups kept:              ${o.backupCount}, oldest ${age(o.oldestBackupAt)} (retention ${s.retentionDays} days)`,
    );
    console.log(
      `    newest archived WAL:       ${o.newestWal ?? "none"}${st?.newestWal === o.newestWal && st?.newestWalSeenAt ? `, arrived ${age(st.newestWalSeenAt)}` : ""}`,
    );
    console.log(`    last verification:         ${age(o.lastVerifyAt)}`);
    console.log(
      `    size on disk:              ${bytes(st?.repoSizeBytes)} (at the worker's last check ${age(st?.checkedAt)})`,
    );
  }
  console.log(`\n  recent runs:`);
  for (const r of runs) {
    console.log(
      `    ${r.startedAt.toISOString()} repo${r.repo} ${r.kind.padEnd(6)} ${r.ok === null ? "running" : r.ok ? "ok" : "FAILED"}${r.label ? ` ${r.label}` : ""}${r.durationMs !== null ? ` ${(r.durationMs / 1000).toFixed(1)} s` : ""}${r.error ? `: ${r.error.split("\n")[0]}` : ""}`,
    );
  }
  console.log(`\n  open alerts: ${alerts.length ? "" : "none"}`);
  for (const a of alerts)
    console.log(`    ${a.key} since ${a.raisedAt.toISOString()}: ${a.summary}`);
  if (problems.length) {
    console.log(`\n  PROBLEMS:`);
    for (const p of problems) console.log(`    - ${p.summary}`);
  }
  return problems.length ? 1 : 0;
}

async function runNow(s: BackupSettings, what: "now" | "verify") {
  const { runRecorded } = await import("../server/backup/backup-job.ts");
  const { withLease } = await import("../server/jobs/job-lease.ts");
  const kind = what === "verify" ? "verify" : flags.type;
  if (kind !== "full" && kind !== "diff" && kind !== "incr" && kind !== "verify")
    fail("--type must be full, diff or incr");
  const leased = await withLease("backup", `backup-cli:${process.pid}`, 10 * 60_000, async () => {
    let failed = false;
    for (const repo of repos(s)) {
      console.log(`[backup] ${kind} of repo${repo}…`);
      const r = await runRecorded(s, repo, kind);
      console.log(
        `[backup] repo${repo}: ${r.ok ? "ok" : "FAILED"}${r.label ? ` ${r.label}` : ""} in ${(r.durationMs / 1000).toFixed(1)} s${r.error ? `\n${r.error}` : ""}`,
      );
      failed ||= !r.ok;
    }
    return failed;
  });
  if (!leased.ran) fail("the worker is running the backup job right now; try again in a minute");
  if (leased.result) process.exitCode = 1;
}

async function restore(s: BackupSettings) {
  const { restoreCluster } = await import("../server/backup/restore.ts");
  if (!flags.latest && !flags.to) fail('say where to: --to "2026-12-04 09:30:00+01" or --latest');
  let target: { time: Date } | "latest" = "latest";
  if (flags.to) {
    const t = new Date(flags.to);
    if (Number.isNaN(t.getTime()))
      fail(`--to "${flags.to}" is not a timestamp (e.g. "2026-12-04T09:30:00+01:00")`);
    if (t.getTime() > Date.now()) fail(`--to "${flags.to}" is in the future`);
    target = { time: t };
  }
  const [repo] = flags.repo ? repos(s) : [1];
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const into = path.resolve(
    flags.into ?? path.join(path.dirname(s.pg.dataDir), `restore-${stamp}`),
  );
  const port = flags.port ? Number(flags.port) : await freePort();
  console.log(
    `[backup] restoring repo${repo} to ${target === "latest" ? "the latest moment" : target.time.toISOString()} into ${into}…`,
  );
  const restored = await restoreCluster(s, { target, repo: repo!, into, port });
  const pg = (await import("pg")).default;
  const client = new pg.Client(restored.connection("postgres"));
  await client.connect();
  const dbs = await client.query<{ datname: string; size: string }>(
    "SELECT datname, pg_size_pretty(pg_database_size(datname)) AS size FROM pg_database WHERE NOT datistemplate ORDER BY datname",
  );
  await client.end();
  let counts = "";
  if (dbs.rows.some((d) => d.datname === "courtside")) {
    const app = new pg.Client(restored.connection("courtside"));
    await app.connect();
    const { rows } = await app.query<{
      clubs: string;
      users: string;
      bookings: string;
      newest: Date | null;
    }>(
      `SELECT (SELECT count(*) FROM club) AS clubs, (SELECT count(*) FROM app_user) AS users,
              (SELECT count(*) FROM booking) AS bookings, (SELECT max(created_at) FROM booking) AS newest`,
    );
    await app.end();
    const r = rows[0]!;
    counts = `\n  courtside: ${r.clubs} clubs, ${r.users} users, ${r.bookings} bookings (newest booking made ${r.newest?.toISOString() ?? "never"})`;
  }
  console.log(
    [
      `[backup] restored:`,
      `  from repo${restored.repo}, backup set ${restored.backupSet ?? "?"}, target ${restored.target}`,
      `  recovery point: ${restored.recoveryPoint ?? "end of the archived WAL"}`,
      `  restore ${(restored.restoreMs / 1000).toFixed(1)} s, ready for writes after ${(restored.totalMs / 1000).toFixed(1)} s`,
      `  databases: ${dbs.rows.map((d) => `${d.datname} (${d.size})`).join(", ")}${counts}`,
      `  data directory ${restored.dataDir}, listening on 127.0.0.1:${restored.port} (archiving off)`,
      `  connect: psql -h ${restored.dataDir} -p ${restored.port} -U ${s.pg.user} courtside (or ${restored.url("courtside").replace(/:[^:@/]+@/, ":…@")})`,
    ].join("\n"),
  );
  if (flags.stop) {
    await restored.stop();
    console.log("[backup] stopped the restored server (its data directory is kept).");
    return;
  }
  console.log(
    "[backup] the restored server keeps running; Ctrl-C stops it (its data directory is kept).",
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await restored.stop();
}

await main();
