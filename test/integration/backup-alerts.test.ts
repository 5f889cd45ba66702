/**
 * The backup job against a real archived cluster: the first pass takes a full backup in each
 * repository and raises nothing; a stale archive (the clock moved past the 5-minute limit with no
 * new WAL) or a failed backup produces exactly one alert email in the dev mailbox, and no second
 * one for the same condition within the throttle window; the lease keeps a second worker out.
 */
import { chmod } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupPass, runRecorded } from "@/server/backup/backup-job";
import { db } from "@/server/db";
import { tryLease } from "@/server/jobs/job-lease";
import { createDeliveryWorker } from "@/server/mail/delivery-worker";
import { startArchivedCluster, type ArchivedCluster } from "../helpers/archived-cluster";

let cluster: ArchivedCluster;
const MIN = 60_000;

async function alertMails() {
  await createDeliveryWorker().runOnce();
  return db.devMailboxMessage.findMany({
    where: { toAddress: "ops@courtside.test" },
    orderBy: { id: "asc" },
  });
}

beforeAll(async () => {
  cluster = await startArchivedCluster("alerts", { OPERATOR_EMAIL: "ops@courtside.test" });
}, 120_000);

afterAll(async () => {
  if (cluster) await chmod(cluster.settings.repos[0].path, 0o750).catch(() => undefined);
  await cluster?.stop();
});

describe("the backup job", () => {
  let start: Date;

  it("takes a full backup in each repository on its first pass and raises nothing", async () => {
    start = new Date();
    const pass = await backupPass(cluster.settings, { now: start });
    expect(pass.ran).toBe(true);
    if (!pass.ran) return;
    expect(pass.runs.map((r) => [r.repo, r.kind, r.ok])).toEqual([
      [1, "full", true],
      [2, "full", true],
    ]);
    expect(pass.problems).toEqual([]);
    const status = await db.backupRepoStatus.findMany({ orderBy: { repo: "asc" } });
    expect(status.map((s) => [s.repo, s.reachable, s.backupCount])).toEqual([
      [1, true, 1],
      [2, true, 1],
    ]);
    expect(status.every((s) => s.newestWal && s.lastFullAt && Number(s.repoSizeBytes) > 0)).toBe(
      true,
    );
    expect(await alertMails()).toHaveLength(0);
    // pgBackRest did it as courtside_backup, which is no superuser (ADR 024).
    expect(cluster.settings.pg.user).toBe("courtside_backup");
    const [role] = await cluster.sql<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = 'courtside_backup'",
    );
    expect(role).toEqual({ rolsuper: false });
  }, 120_000);

  it("a second worker does not run the job while the first holds the lease", async () => {
    expect(await tryLease("backup", "worker-a", MIN)).toBe(true);
    const pass = await backupPass(cluster.settings, { holder: "worker-b" });
    expect(pass).toEqual({ ran: false, reason: "another worker holds the backup lease" });
    await db.jobLease.delete({ where: { name: "backup" } });
  });

  it("an archive older than 5 minutes: one alert email, not a second within the throttle window", async () => {
    // No write reached the archived cluster since: its newest WAL is the one of the first pass.
    const late = new Date(start.getTime() + 6 * MIN);
    const pass = await backupPass(cluster.settings, { now: late });
    // Six minutes after the full backups no backup is due; the first verification is.
    expect(pass.ran && pass.runs.map((r) => [r.repo, r.kind, r.ok])).toEqual([
      [1, "verify", true],
      [2, "verify", true],
    ]);
    expect(pass.ran && pass.alerts.emailed.sort()).toEqual(["repo1:wal-stale", "repo2:wal-stale"]);
    const mails = await alertMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Courtside operations alert: 2 problems");
    expect(mails[0]!.text).toMatch(
      /newest archived WAL of repository 1 .* arrived 6 min ago; the limit is 5 min/,
    );

    const again = await backupPass(cluster.settings, { now: new Date(late.getTime() + 10 * MIN) });
    expect(again.ran && again.alerts).toMatchObject({
      emailed: [],
      throttled: ["repo1:wal-stale", "repo2:wal-stale"],
    });
    expect(await alertMails()).toHaveLength(1);
  }, 120_000);

  it("new WAL clears the condition", async () => {
    await cluster.archiveNow();
    const pass = await backupPass(cluster.settings, { now: new Date() });
    expect(pass.ran && pass.problems).toEqual([]);
    expect(pass.ran && pass.alerts.cleared.sort()).toEqual(["repo1:wal-stale", "repo2:wal-stale"]);
    expect(await alertMails()).toHaveLength(1);
  }, 120_000);

  it("a failed backup: one alert email naming it, not a second within the throttle window", async () => {
    const before = (await alertMails()).length;
    // Repository 1 becomes unwritable for pgBackRest (which runs as the cluster's owner).
    await chmod(cluster.settings.repos[0].path, 0o000);
    const run = await runRecorded(cluster.settings, 1, "diff");
    expect(run.ok).toBe(false);
    const pass = await backupPass(cluster.settings, { now: new Date() });
    expect(pass.ran && pass.alerts.emailed).toContain("repo1:backup-failed");
    expect(pass.ran && pass.alerts.emailed.every((k) => k.startsWith("repo1:"))).toBe(true);
    const mails = await alertMails();
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.text).toMatch(/The diff backup of repository 1 failed at/);

    const again = await backupPass(cluster.settings, { now: new Date(Date.now() + 20 * MIN) });
    expect(again.ran && again.alerts.emailed).toEqual([]);
    expect(await alertMails()).toHaveLength(before + 1);
    await chmod(cluster.settings.repos[0].path, 0o750);
  }, 120_000);
});
