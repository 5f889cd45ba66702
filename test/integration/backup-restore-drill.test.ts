/**
 * The restore drill (docs/operations.md "Restore"): with archiving on, write rows A, note time T,
 * write rows B and delete A; a point-in-time restore to T into a new cluster has A and not B. Then
 * the same from repository 2 alone, after repository 1 is deleted. Also: the repositories hold no
 * plaintext of a known row (the encryption is real).
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRecorded } from "@/server/backup/backup-job";
import { restoreCluster } from "@/server/backup/restore";
import { freePort } from "../../scripts/db/embedded.ts";
import { startArchivedCluster, type ArchivedCluster } from "../helpers/archived-cluster";

let cluster: ArchivedCluster;
const marker = `secret-${randomBytes(8).toString("hex")}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function rowsOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query<{ v: string }>('SELECT v FROM drill ORDER BY v COLLATE "C"')
    ).rows.map((r) => r.v);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startArchivedCluster("drill");
  await cluster.sql("CREATE TABLE drill (v text PRIMARY KEY)");
  // A known row in the base backup, in WAL and in plain text in the live cluster's files.
  await cluster.sql("INSERT INTO drill VALUES ($1)", [`${marker}-base`]);
  await cluster.sql("CHECKPOINT");
  for (const repo of [1, 2]) {
    const run = await runRecorded(cluster.settings, repo, "full");
    expect(run, `full backup of repo${repo}`).toMatchObject({ ok: true });
  }
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe("backups are encrypted", () => {
  it("no repository file holds a known row's plain text, and each is an OpenSSL AES envelope", async () => {
    await cluster.archiveNow();
    // The probe can fail: the live cluster's own files do hold the row in clear.
    const live = await filesUnder(path.join(cluster.settings.pg.dataDir, "base"));
    let seenLive = false;
    for (const f of live) if ((await readFile(f)).includes(marker)) seenLive = true;
    expect(seenLive, "the marker is in the live data files").toBe(true);

    for (const repo of cluster.settings.repos) {
      const files = await filesUnder(repo.path);
      expect(files.length, `repo${repo.index} has files`).toBeGreaterThan(5);
      expect(files.some((f) => f.includes(`${path.sep}archive${path.sep}`))).toBe(true);
      expect(files.some((f) => f.includes(`${path.sep}backup${path.sep}`))).toBe(true);
      for (const f of files) {
        const bytes = await readFile(f);
        expect(bytes.includes(marker), `${f} holds the plaintext`).toBe(false);
        expect(bytes.subarray(0, 8).toString("latin1"), `${f} is encrypted`).toBe("Salted__");
      }
    }
  });
});

describe("point-in-time restore", () => {
  let target: Date;
  const a = `${marker}-A`;
  const b = `${marker}-B`;

  beforeAll(async () => {
    await cluster.sql("INSERT INTO drill VALUES ($1), ($2)", [`${a}1`, `${a}2`]);
    await new Promise((r) => setTimeout(r, 50));
    const [row] = await cluster.sql<{ t: Date }>("SELECT clock_timestamp() AS t");
    target = row!.t;
    await new Promise((r) => setTimeout(r, 50));
    await cluster.sql("INSERT INTO drill VALUES ($1)", [b]);
    await cluster.sql("DELETE FROM drill WHERE v LIKE $1", [`${a}%`]);
    expect(await rowsOf(cluster.server.url("courtside"))).toEqual([b, `${marker}-base`]);
    await cluster.archiveNow();
  }, 60_000);

  async function drill(repo: number) {
    const restored = await restoreCluster(cluster.settings, {
      target: { time: target },
      repo,
      into: path.join(cluster.root, `restore-repo${repo}`),
      port: await freePort(),
    });
    try {
      expect(await rowsOf(restored.url("courtside"))).toEqual([`${a}1`, `${a}2`, `${marker}-base`]);
      expect(restored.repo).toBe(repo);
      expect(restored.backupSet).toMatch(/^\d{8}-\d{6}F$/);
      expect(restored.recoveryPoint).toMatch(/recovery stopping before commit/);
      // What a backup holds (the restored cluster) contains neither passphrase, nor does
      // pgBackRest's configuration: they live in the launcher's data folder and the environment.
      const secrets = cluster.settings.repos.map((r) => r.cipherPass);
      expect(secrets.every((p) => p.length >= 32)).toBe(true);
      for (const f of [...(await filesUnder(restored.dataDir)), cluster.settings.configPath]) {
        const bytes = await readFile(f);
        for (const secret of secrets)
          expect(bytes.includes(secret), `${f} holds a passphrase`).toBe(false);
      }
      console.log(
        `[restore drill] repo${repo}: set ${restored.backupSet}, target ${restored.target}; ${restored.recoveryPoint}; restore ${restored.restoreMs} ms, ready after ${restored.totalMs} ms`,
      );
    } finally {
      await restored.stop();
    }
  }

  it("restores repository 1 to the moment T: rows A are back, row B is not", async () => {
    await drill(1);
  }, 120_000);

  it("restores a data directory that has no configuration files of its own (Debian keeps them in /etc)", async () => {
    const live = cluster.settings.pg.dataDir;
    for (const name of ["postgresql.conf", "pg_hba.conf", "pg_ident.conf"]) {
      await rename(path.join(live, name), path.join(cluster.root, `live-${name}`));
    }
    try {
      expect((await runRecorded(cluster.settings, 1, "full")).ok).toBe(true);
    } finally {
      for (const name of ["postgresql.conf", "pg_hba.conf", "pg_ident.conf"]) {
        await rename(path.join(cluster.root, `live-${name}`), path.join(live, name));
      }
    }
    await cluster.sql("INSERT INTO drill VALUES ($1)", [`${marker}-C`]);
    await cluster.archiveNow();
    const restored = await restoreCluster(cluster.settings, {
      target: "latest",
      repo: 1,
      into: path.join(cluster.root, "restore-no-conf"),
      port: await freePort(),
    });
    try {
      const client = new pg.Client(restored.connection("courtside"));
      await client.connect();
      const { rows } = await client.query<{ v: string }>("SELECT v FROM drill WHERE v = $1", [
        `${marker}-C`,
      ]);
      await client.end();
      expect(rows).toHaveLength(1);
      expect(await readFile(path.join(restored.dataDir, "pg_hba.conf"), "utf8")).toMatch(
        /^local all all trust$/m,
      );
    } finally {
      await restored.stop();
    }
  }, 120_000);

  it("restores from repository 2 alone once repository 1 is lost", async () => {
    await rm(cluster.settings.repos[0].path, { recursive: true, force: true });
    await drill(2);
  }, 120_000);
});
