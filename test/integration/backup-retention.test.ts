/**
 * Retention is pgBackRest's own time-based expiry, configured for 90 days (BACKUP_RETENTION_DAYS):
 * run on a fake clock (libfaketime) 90 days later, it removes the backups that fell out of the
 * window and their WAL, keeps the newest full backup older than the window (so that every moment
 * of the last 90 days stays restorable) and always keeps the newest backup.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRecorded } from "@/server/backup/backup-job";
import { pgbackrestCommand, runCommand, stanzaInfo } from "@/server/backup/pgbackrest";
import { startArchivedCluster, type ArchivedCluster } from "../helpers/archived-cluster";

let cluster: ArchivedCluster;
const DAY = 86_400_000;

/** The labels of repository 1's backups, oldest first, with their end times. */
async function backups() {
  const info = await stanzaInfo(cluster.settings);
  if (!info.ok) throw new Error(info.error);
  const archive = info.info.archive.find((a) => a.database["repo-key"] === 1);
  return {
    sets: info.info.backup
      .filter((b) => b.database["repo-key"] === 1)
      .map((b) => ({ label: b.label, stop: b.timestamp.stop * 1000 })),
    oldestWal: archive?.min ?? null,
  };
}

/** `pgbackrest expire` of repository 1 as if the clock said `at`. */
async function expireAt(at: Date) {
  const command = await pgbackrestCommand(cluster.settings, ["--repo=1", "expire"]);
  const stamp = at.toISOString().replace("T", " ").replace(/\..*/, "");
  const r = await runCommand(
    { ...command, env: { ...command.env, TZ: "UTC" } },
    { wrap: ["faketime", "-f", `@${stamp}`] },
  );
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  cluster = await startArchivedCluster("retention");
  expect(cluster.settings.retentionDays).toBe(90);
  await cluster.sql("CREATE TABLE t (v int)");
  for (let i = 0; i < 3; i++) {
    await cluster.sql("INSERT INTO t SELECT generate_series(1, 1000)");
    expect((await runRecorded(cluster.settings, 1, "full")).ok).toBe(true);
  }
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe("retention: 90 days, then pgBackRest's expire deletes", () => {
  it("keeps everything while the newest backup is inside the window", async () => {
    const before = await backups();
    expect(before.sets).toHaveLength(3);
    await expireAt(new Date(Date.now() + 30 * DAY));
    expect((await backups()).sets).toEqual(before.sets);
  });

  it("removes the backups out of the window and their WAL, keeping the one that anchors it", async () => {
    const before = await backups();
    const [oldest, middle, newest] = before.sets;
    // 90 days after the newest backup, less a second: the two older ones are out of the window;
    // the middle one is the newest full backup older than the window, needed to restore its start.
    await expireAt(new Date(newest!.stop + 90 * DAY - 1_000));
    const after = await backups();
    expect(after.sets.map((s) => s.label)).toEqual([middle!.label, newest!.label]);
    expect(after.sets.map((s) => s.label)).not.toContain(oldest!.label);
    expect(after.oldestWal! > before.oldestWal!).toBe(true);
  });

  it("never deletes the newest backup, however old", async () => {
    const [, newest] = (await backups()).sets;
    await expireAt(new Date(newest!.stop + 400 * DAY));
    expect((await backups()).sets.map((s) => s.label)).toEqual([newest!.label]);
  });
});
