/**
 * The rules of the backup job, without I/O (unit-tested with any clock): which backups are due,
 * and which conditions the operator must hear about (docs/operations.md "Backups").
 */

export type BackupKind = "full" | "diff";
export type RunKind = BackupKind | "incr" | "verify" | "expire" | "check";

/** What is known of one repository: from `pgbackrest info`, pg_stat_archiver and our own runs. */
export type RepoObservation = {
  repo: number;
  reachable: boolean;
  /** pgBackRest's status message for the repository (or the error that hid it). */
  message: string;
  lastFullAt?: Date;
  /** The newest differential or incremental backup. */
  lastDiffAt?: Date;
  backupCount: number;
  oldestBackupAt?: Date;
  newestWal?: string;
  /** When the backup job first saw `newestWal` in this repository. */
  newestWalSeenAt?: Date;
  /** The newest attempt of each kind of run, when it failed (cleared by a later success). */
  failures: Array<{ kind: RunKind; at: Date; error: string }>;
  lastVerifyAt?: Date;
};

export type Schedule = {
  fullEveryMs: number;
  diffEveryMs: number;
  verifyEveryMs: number;
  /** A failed run is tried again after this long, not at every pass. */
  retryAfterMs: number;
};

export type DueRun = { repo: number; kind: BackupKind | "verify" };

/** The runs due now for a repository. Full every fullEveryMs, else differential every diffEveryMs. */
export function dueRuns(o: RepoObservation, now: Date, s: Schedule): DueRun[] {
  const t = now.getTime();
  const recentFailure = (kinds: RunKind[]) =>
    o.failures.some((f) => kinds.includes(f.kind) && t - f.at.getTime() < s.retryAfterMs);
  const runs: DueRun[] = [];
  const sinceFull = o.lastFullAt ? t - o.lastFullAt.getTime() : Infinity;
  const newest = Math.max(
    o.lastFullAt?.getTime() ?? -Infinity,
    o.lastDiffAt?.getTime() ?? -Infinity,
  );
  if (!recentFailure(["full", "diff"])) {
    if (sinceFull >= s.fullEveryMs) runs.push({ repo: o.repo, kind: "full" });
    else if (t - newest >= s.diffEveryMs) runs.push({ repo: o.repo, kind: "diff" });
  }
  const sinceVerify = o.lastVerifyAt ? t - o.lastVerifyAt.getTime() : Infinity;
  if (o.backupCount > 0 && sinceVerify >= s.verifyEveryMs && !recentFailure(["verify"])) {
    runs.push({ repo: o.repo, kind: "verify" });
  }
  return runs;
}

export type Problem = { key: string; summary: string };

export type Thresholds = {
  walAlertAfterMs: number;
  fullEveryMs: number;
  diffEveryMs: number;
};

function ago(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 120 ? `${min} min` : `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * What is wrong with a repository, each with a stable key (one alert per key per throttle
 * window): unreachable, a failed backup or verification, a stale archive, an overdue backup.
 */
export function repoProblems(o: RepoObservation, now: Date, t: Thresholds): Problem[] {
  const n = o.repo;
  const problems: Problem[] = [];
  const at = now.getTime();
  if (!o.reachable) {
    problems.push({
      key: `repo${n}:unreachable`,
      summary: `Repository ${n} is unreachable: ${o.message}`,
    });
  }
  for (const f of o.failures) {
    const what = f.kind === "verify" ? "verification" : `${f.kind} backup`;
    problems.push({
      key: `repo${n}:${f.kind === "verify" ? "verify" : "backup"}-failed`,
      summary: `The ${what} of repository ${n} failed at ${f.at.toISOString()}: ${f.error}`,
    });
  }
  if (o.newestWalSeenAt && at - o.newestWalSeenAt.getTime() > t.walAlertAfterMs) {
    problems.push({
      key: `repo${n}:wal-stale`,
      summary: `The newest archived WAL of repository ${n} (${o.newestWal ?? "none"}) arrived ${ago(at - o.newestWalSeenAt.getTime())} ago; the limit is ${ago(t.walAlertAfterMs)}. Archiving is failing or stuck: point-in-time recovery stops at that segment.`,
    });
  } else if (o.reachable && !o.newestWal) {
    problems.push({
      key: `repo${n}:wal-stale`,
      summary: `Repository ${n} holds no archived WAL: point-in-time recovery is impossible.`,
    });
  }
  if (o.reachable) {
    const sinceFull = o.lastFullAt ? at - o.lastFullAt.getTime() : Infinity;
    // Twice the period: one missed run is retried; two mean the schedule does not run.
    if (o.lastFullAt && sinceFull > 2 * t.fullEveryMs) {
      problems.push({
        key: `repo${n}:backup-overdue`,
        summary: `The newest full backup of repository ${n} is ${ago(sinceFull)} old (one is due every ${ago(t.fullEveryMs)}).`,
      });
    }
  }
  return problems;
}
