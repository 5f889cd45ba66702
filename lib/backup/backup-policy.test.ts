import { describe, expect, it } from "vitest";
import { dueRuns, repoProblems, type RepoObservation } from "./backup-policy";

const H = 3_600_000;
const now = new Date("2026-12-04T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const schedule = { fullEveryMs: 6 * H, diffEveryMs: H, verifyEveryMs: 24 * H, retryAfterMs: H / 6 };
const thresholds = { walAlertAfterMs: 5 * 60_000, fullEveryMs: 6 * H, diffEveryMs: H };

function repo(o: Partial<RepoObservation> = {}): RepoObservation {
  return {
    repo: 1,
    reachable: true,
    message: "ok",
    lastFullAt: ago(2 * H),
    lastDiffAt: ago(30 * 60_000),
    backupCount: 3,
    newestWal: "000000010000000000000042",
    newestWalSeenAt: ago(40_000),
    failures: [],
    lastVerifyAt: ago(H),
    ...o,
  };
}

describe("dueRuns: full every 6 hours, differential every hour, verify every 24 hours", () => {
  it("nothing when everything is recent", () => {
    expect(dueRuns(repo(), now, schedule)).toEqual([]);
  });
  it("a full backup when there is none, and no verification of an empty repository", () => {
    const empty = repo({ backupCount: 0 });
    delete empty.lastFullAt;
    delete empty.lastDiffAt;
    delete empty.lastVerifyAt;
    expect(dueRuns(empty, now, schedule)).toEqual([{ repo: 1, kind: "full" }]);
  });
  it("a full backup 6 hours after the last one, not a differential as well", () => {
    expect(dueRuns(repo({ lastFullAt: ago(6 * H) }), now, schedule)).toEqual([
      { repo: 1, kind: "full" },
    ]);
  });
  it("a differential one hour after the newest backup of either kind", () => {
    expect(dueRuns(repo({ lastDiffAt: ago(H) }), now, schedule)).toEqual([
      { repo: 1, kind: "diff" },
    ]);
    const noDiff = repo({ lastFullAt: ago(59 * 60_000) });
    delete noDiff.lastDiffAt;
    expect(dueRuns(noDiff, now, schedule)).toEqual([]);
  });
  it("verification once a day", () => {
    expect(dueRuns(repo({ lastVerifyAt: ago(24 * H) }), now, schedule)).toEqual([
      { repo: 1, kind: "verify" },
    ]);
  });
  it("a failed run is retried after the retry delay, not at every pass", () => {
    const failed = repo({
      lastFullAt: ago(7 * H),
      failures: [{ kind: "full", at: ago(5 * 60_000), error: "disk full" }],
    });
    expect(dueRuns(failed, now, schedule)).toEqual([]);
    failed.failures[0]!.at = ago(11 * 60_000);
    expect(dueRuns(failed, now, schedule)).toEqual([{ repo: 1, kind: "full" }]);
  });
});

describe("repoProblems", () => {
  const keys = (o: RepoObservation) => repoProblems(o, now, thresholds).map((p) => p.key);

  it("none for a healthy repository", () => {
    expect(keys(repo())).toEqual([]);
  });
  it("WAL older than 5 minutes, not at 4", () => {
    expect(keys(repo({ newestWalSeenAt: ago(5 * 60_000 + 1) }))).toEqual(["repo1:wal-stale"]);
    expect(keys(repo({ newestWalSeenAt: ago(4 * 60_000) }))).toEqual([]);
  });
  it("a repository without archived WAL", () => {
    const none = repo();
    delete none.newestWal;
    delete none.newestWalSeenAt;
    expect(keys(none)).toEqual(["repo1:wal-stale"]);
  });
  it("unreachable, failed backups and verifications, each with its own key", () => {
    const o = repo({
      repo: 2,
      reachable: false,
      message: "missing stanza path",
      failures: [
        { kind: "diff", at: ago(60_000), error: "permission denied" },
        { kind: "verify", at: ago(60_000), error: "checksum mismatch" },
      ],
    });
    const problems = repoProblems(o, now, thresholds);
    expect(problems.map((p) => p.key)).toEqual([
      "repo2:unreachable",
      "repo2:backup-failed",
      "repo2:verify-failed",
    ]);
    expect(problems[1]!.summary).toMatch(/diff backup of repository 2 failed .*permission denied/);
  });
  it("an overdue full backup after two missed periods", () => {
    expect(keys(repo({ lastFullAt: ago(12 * H + 1) }))).toEqual(["repo1:backup-overdue"]);
    expect(keys(repo({ lastFullAt: ago(11 * H) }))).toEqual([]);
  });
});
