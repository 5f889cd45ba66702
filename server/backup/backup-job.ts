import "server-only";
/**
 * The backup job of the worker (docs/decisions/021-backups-run-by-the-worker.md): at every pass,
 * under a lease in PostgreSQL so that two workers never back up at once, it
 *
 * 1. creates the stanza when a repository lacks it (first start, or a repository rebuilt empty);
 * 2. runs what is due in each repository: a full backup every 6 hours, a differential one every
 *    hour, `pgbackrest verify` every 24 hours (expiry of backups and WAL past the retention is
 *    pgBackRest's own, after each backup);
 * 3. records what it saw of each repository (backup_repo_status) and every run (backup_run);
 * 4. emails the operator, through the outbox and throttled per condition, when a repository is
 *    unreachable, a backup or verification failed, a backup is overdue, or the newest archived WAL
 *    is older than the limit (5 minutes).
 *
 * WAL itself is archived continuously by PostgreSQL's archive_command (archive_timeout ≤ 60 s);
 * this job's own writes at every pass keep WAL flowing on an otherwise idle database.
 */
import { randomBytes } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BackupSettings } from "@/lib/backup/backup-env";
import {
  dueRuns,
  repoProblems,
  type BackupKind,
  type Problem,
  type RepoObservation,
  type RunKind,
} from "@/lib/backup/backup-policy";
import { db } from "@/server/db";
import { periodicJob, type PeriodicJob } from "@/server/jobs/periodic-job";
import { withLease } from "@/server/jobs/job-lease";
import { logger } from "@/server/logger";
import { reportProblems, type AlertResult } from "./operator-alerts";
import {
  ensureStanza,
  writePgbackrestConfig,
  pgbackrest,
  pgbackrestError,
  stanzaInfo,
  type StanzaInfo,
} from "./pgbackrest";

const LEASE = "backup";
/** Configuration files this process has written (once per process and file). */
const configured = new Set<string>();
const LEASE_TTL_MS = 10 * 60_000;
const RETRY_AFTER_MS = 10 * 60_000;
/** pgBackRest's per-repository status codes that mean it answered. */
const ANSWERED = new Set([0, 2, 6]);

export type RunRecord = {
  repo: number;
  kind: RunKind;
  ok: boolean;
  label?: string;
  error?: string;
  durationMs: number;
};

/** Runs one pgBackRest command for a repository and records it in backup_run. */
export async function runRecorded(
  s: BackupSettings,
  repo: number,
  kind: BackupKind | "incr" | "verify" | "expire",
): Promise<RunRecord> {
  const startedAt = new Date();
  const row = await db.backupRun.create({ data: { kind, repo, startedAt } });
  const args =
    kind === "verify"
      ? [`--repo=${repo}`, "verify"]
      : kind === "expire"
        ? [`--repo=${repo}`, "expire"]
        : [`--repo=${repo}`, `--type=${kind}`, "--log-level-console=info", "backup"];
  const r = await pgbackrest(s, args, { timeoutMs: 6 * 3_600_000 });
  const ok = r.code === 0;
  const label = /new backup label = ([0-9]{8}-[0-9]{6}F(?:_[0-9]{8}-[0-9]{6}[DI])?)/.exec(
    r.stdout,
  )?.[1];
  const error = ok ? undefined : pgbackrestError(r);
  await db.backupRun.update({
    where: { id: row.id },
    data: {
      finishedAt: new Date(),
      ok,
      label: label ?? null,
      error: error ?? null,
      durationMs: r.durationMs,
    },
  });
  return {
    repo,
    kind,
    ok,
    ...(label ? { label } : {}),
    ...(error ? { error } : {}),
    durationMs: r.durationMs,
  };
}

/** The size of a repository folder on this machine (WAL and backups), or null if unreadable. */
async function folderSize(dir: string): Promise<number | null> {
  try {
    let total = 0;
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
    }
    return total;
  } catch {
    return null;
  }
}

function fromEpoch(seconds: number | undefined): Date | undefined {
  return seconds === undefined ? undefined : new Date(seconds * 1000);
}

/** What pgBackRest, PostgreSQL and our own records say of each repository now. */
export async function observeRepos(
  s: BackupSettings,
  now: Date,
  info?: { ok: true; info: StanzaInfo } | { ok: false; error: string },
): Promise<RepoObservation[]> {
  const result = info ?? (await stanzaInfo(s));
  const stored = new Map((await db.backupRepoStatus.findMany()).map((r) => [r.repo, r]));
  const observations: RepoObservation[] = [];
  for (const { index: repo } of s.repos) {
    const status = result.ok ? result.info.repo.find((r) => r.key === repo)?.status : undefined;
    const reachable = status ? ANSWERED.has(status.code) : false;
    const message = result.ok ? (status?.message ?? "not in pgbackrest info") : result.error;
    const backups = result.ok
      ? result.info.backup.filter((b) => b.database["repo-key"] === repo && !b.error)
      : [];
    const stop = (types: string[]) =>
      fromEpoch(
        backups
          .filter((b) => types.includes(b.type))
          .reduce<number | undefined>((m, b) => Math.max(m ?? 0, b.timestamp.stop), undefined),
      );
    const wal = result.ok
      ? result.info.archive
          .filter((a) => a.database["repo-key"] === repo && a.max)
          .map((a) => a.max!)
          .sort()
          .at(-1)
      : undefined;
    const prior = stored.get(repo);
    const newestWal = wal ?? (result.ok ? undefined : (prior?.newestWal ?? undefined));
    const newestWalSeenAt =
      newestWal && prior?.newestWal === newestWal && prior.newestWalSeenAt
        ? prior.newestWalSeenAt
        : newestWal
          ? now
          : undefined;
    observations.push({
      repo,
      reachable,
      message,
      ...(stop(["full"]) ? { lastFullAt: stop(["full"])! } : {}),
      ...(stop(["diff", "incr"]) ? { lastDiffAt: stop(["diff", "incr"])! } : {}),
      backupCount: backups.length,
      ...(backups.length
        ? { oldestBackupAt: fromEpoch(Math.min(...backups.map((b) => b.timestamp.stop)))! }
        : {}),
      ...(newestWal ? { newestWal } : {}),
      ...(newestWalSeenAt ? { newestWalSeenAt } : {}),
      failures: await latestFailures(repo),
      ...(await lastSuccess(repo, "verify")),
    });
  }
  return observations;
}

/** The newest backup attempt and the newest verification of a repository, when they failed. */
async function latestFailures(repo: number): Promise<RepoObservation["failures"]> {
  const failures: RepoObservation["failures"] = [];
  for (const kinds of [["full", "diff", "incr"], ["verify"]]) {
    const last = await db.backupRun.findFirst({
      where: { repo, kind: { in: kinds }, finishedAt: { not: null } },
      orderBy: { startedAt: "desc" },
    });
    if (last && last.ok === false) {
      failures.push({
        kind: last.kind as RunKind,
        at: last.finishedAt!,
        error: last.error ?? "failed",
      });
    }
  }
  return failures;
}

async function lastSuccess(repo: number, kind: RunKind): Promise<{ lastVerifyAt?: Date }> {
  const last = await db.backupRun.findFirst({
    where: { repo, kind, ok: true },
    orderBy: { startedAt: "desc" },
  });
  return last?.finishedAt ? { lastVerifyAt: last.finishedAt } : {};
}

async function saveObservations(s: BackupSettings, observations: RepoObservation[], now: Date) {
  for (const o of observations) {
    const repoPath = s.repos.find((r) => r.index === o.repo)!.path;
    const data = {
      checkedAt: now,
      reachable: o.reachable,
      message: o.message.slice(0, 2000),
      lastFullAt: o.lastFullAt ?? null,
      lastDiffAt: o.lastDiffAt ?? null,
      backupCount: o.backupCount,
      oldestBackupAt: o.oldestBackupAt ?? null,
      repoSizeBytes: (await folderSize(repoPath)) ?? null,
      newestWal: o.newestWal ?? null,
      newestWalSeenAt: o.newestWalSeenAt ?? null,
    };
    await db.backupRepoStatus.upsert({
      where: { repo: o.repo },
      create: { repo: o.repo, ...data },
      update: data,
    });
  }
}

export type BackupPassResult =
  | { ran: false; reason: string }
  | {
      ran: true;
      runs: RunRecord[];
      observations: RepoObservation[];
      problems: Problem[];
      alerts: AlertResult;
    };

/**
 * One pass of the backup job. `now` is the clock of the schedule and the alert rules (tests
 * move it forward); pgBackRest itself always runs on the real clock.
 */
export async function backupPass(
  s: BackupSettings,
  options: { now?: Date; holder?: string } = {},
): Promise<BackupPassResult> {
  const now = options.now ?? new Date();
  const holder = options.holder ?? `${os.hostname()}:${process.pid}`;
  const leased = await withLease(LEASE, holder, LEASE_TTL_MS, async () => {
    // The configuration follows the BACKUP_* variables from this process's first pass on.
    if (!configured.has(s.configPath)) {
      await writePgbackrestConfig(s);
      configured.add(s.configPath);
    }
    // Whoever held the lease before us is gone: a run it left unfinished was interrupted.
    await db.backupRun.updateMany({
      where: { finishedAt: null },
      data: {
        finishedAt: now,
        ok: false,
        error: "interrupted (the worker stopped during the run)",
      },
    });
    let info = await stanzaInfo(s);
    const missing =
      !info.ok ||
      s.repos.some((r) => {
        const code = info.ok ? info.info.repo.find((x) => x.key === r.index)?.status.code : 1;
        return code === undefined || code === 1 || code === 3;
      });
    if (missing) {
      try {
        await ensureStanza(s);
      } catch (err) {
        logger.error({ err: String(err) }, "backup: stanza-create failed");
      }
      info = await stanzaInfo(s);
    }
    const before = await observeRepos(s, now, info);
    const runs: RunRecord[] = [];
    for (const o of before) {
      for (const due of dueRuns(o, now, {
        fullEveryMs: s.fullEveryMs,
        diffEveryMs: s.diffEveryMs,
        verifyEveryMs: s.verifyEveryMs,
        retryAfterMs: RETRY_AFTER_MS,
      })) {
        const run = await runRecorded(s, due.repo, due.kind);
        runs.push(run);
        if (!run.ok) logger.error(run, `backup: ${due.kind} of repo${due.repo} failed`);
        else logger.info(run, `backup: ${due.kind} of repo${due.repo} done`);
      }
    }
    const observations = runs.length ? await observeRepos(s, now) : before;
    await saveObservations(s, observations, now);
    const problems = observations.flatMap((o) =>
      repoProblems(o, now, {
        walAlertAfterMs: s.walAlertAfterMs,
        fullEveryMs: s.fullEveryMs,
        diffEveryMs: s.diffEveryMs,
      }),
    );
    const alerts = await reportProblems({
      scope: "repo",
      problems,
      now,
      throttleMs: s.alertThrottleMs,
      operatorEmail: s.operatorEmail,
      deployment: `${s.deployment} (${os.hostname()}, stanza ${s.stanza})`,
    });
    if (alerts.emailed.length) logger.warn({ alerts: alerts.emailed }, "backup: operator alerted");
    return { runs, observations, problems, alerts };
  });
  return leased.ran
    ? { ran: true, ...leased.result }
    : { ran: false, reason: "another worker holds the backup lease" };
}

/** The backup job, every BACKUP_CHECK_INTERVAL_MS (one minute); run by scripts/worker.ts. */
export function createBackupJob(s: BackupSettings): PeriodicJob<BackupPassResult> {
  const log = logger.child({ component: "backup", job: randomBytes(3).toString("hex") });
  return periodicJob({
    log,
    what: "backup",
    intervalMs: s.checkIntervalMs,
    runOnce: () => backupPass(s),
  });
}
