import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/db/embedded.ts";
import { scratchDir } from "../../scripts/db/scratch-dir.ts";

const root = scratchDir("embedded-tests");
const dirs: string[] = [];
beforeAll(async () => {
  await mkdir(root, { recursive: true });
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function scalar(url: string, text: string): Promise<unknown> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Object.values((await c.query(text)).rows[0] ?? {})[0];
  } finally {
    await c.end();
  }
}

describe("embedded PostgreSQL (the zero-setup default)", () => {
  it("refuses a cluster of another major version, naming the way out", async () => {
    const dataDir = await mkdtemp(path.join(root, "embedded-"));
    dirs.push(dataDir);
    await mkdir(path.join(dataDir, "pg"), { recursive: true });
    await writeFile(path.join(dataDir, "pg", "PG_VERSION"), "17\n");
    await expect(startEmbeddedPostgres({ dataDir, persistent: true })).rejects.toThrow(
      /holds a PostgreSQL 17 cluster; the embedded PostgreSQL is 15 .*--fresh/,
    );
  });

  it("keeps its data across a clean stop and a restart", async () => {
    const dataDir = await mkdtemp(path.join(root, "embedded-"));
    dirs.push(dataDir);
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    await first.ensureDatabase("courtside");
    await scalar(first.url("courtside"), `CREATE TABLE kept (v text)`);
    await scalar(first.url("courtside"), `INSERT INTO kept VALUES ('still here')`);
    expect(String(await scalar(first.url("postgres"), "SHOW server_version"))).toMatch(/^15\./);
    await first.stop();
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      await second.ensureDatabase("courtside"); // exists already: a no-op
      expect(await scalar(second.url("courtside"), "SELECT v FROM kept")).toBe("still here");
    } finally {
      await second.stop();
    }
  });

  it("recovers from a stale pid file left by a crash, and refuses to share a running cluster", async () => {
    const dataDir = await mkdtemp(path.join(root, "embedded-"));
    dirs.push(dataDir);
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    await expect(startEmbeddedPostgres({ dataDir, persistent: true })).rejects.toThrow(
      /already running/,
    );
    await first.stop();
    await writeFile(path.join(dataDir, "pg", "postmaster.pid"), "999999\n");
    const again = await startEmbeddedPostgres({ dataDir, persistent: true });
    await again.stop();
  });
});
