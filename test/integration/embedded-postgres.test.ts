import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_PG_HBA, startEmbeddedPostgres } from "../../scripts/db/embedded.ts";
import { appRoleUrl } from "../../scripts/db/roles.ts";
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

  it("says why when the server does not start (its log goes to the collector only once it runs)", async () => {
    const dataDir = await mkdtemp(path.join(root, "embedded-"));
    dirs.push(dataDir);
    await expect(
      startEmbeddedPostgres({
        dataDir,
        persistent: true,
        archive: async () => ({ settings: [["shared_buffers", "nonsense"]], env: {} }),
      }),
    ).rejects.toThrow(/PostgreSQL did not start:[^]*invalid value for parameter "shared_buffers"/);
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

  it("admits the superuser through its socket only and the two roles over loopback only, with SCRAM", async () => {
    const dataDir = await mkdtemp(path.join(root, "embedded-"));
    dirs.push(dataDir);
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    await first.stop();
    // A cluster made before this pg_hba.conf (initdb's: any role, any database, over TCP) gets it.
    const hba = path.join(dataDir, "pg", "pg_hba.conf");
    await writeFile(hba, "host all all 127.0.0.1/32 password\nlocal all all password\n");
    const server = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      expect(await readFile(hba, "utf8")).toBe(EMBEDDED_PG_HBA);
      const admin = server.url("postgres");
      expect(new URL(admin).searchParams.get("host")).toBe(server.socketDir);
      expect(
        await scalar(
          admin,
          "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'",
        ),
      ).toBe(true);
      await scalar(admin, "CREATE ROLE intruder LOGIN PASSWORD 'intruder-pw'");
      await scalar(admin, "CREATE ROLE courtside_app LOGIN PASSWORD 'app-pw'");

      const tcp = (user: string, password: string) =>
        `postgresql://${user}:${password}@127.0.0.1:${server.port}/postgres`;
      const refusal = async (url: string) => {
        const c = new pg.Client({ connectionString: url });
        const err = await c.connect().then(
          () => null,
          (e: unknown) => e as { code?: string; message: string },
        );
        await c.end().catch(() => undefined);
        return err;
      };
      for (const url of [
        tcp("postgres", encodeURIComponent(server.password)),
        tcp("intruder", "intruder-pw"),
      ]) {
        const err = await refusal(url);
        expect(err?.code).toBe("28000");
        expect(err?.message).toMatch(/no pg_hba\.conf entry/);
      }
      // Through the socket, the app role finds no entry either.
      const overSocket = new URL(admin);
      overSocket.username = "courtside_app";
      overSocket.password = "app-pw";
      expect((await refusal(overSocket.toString()))?.code).toBe("28000");

      expect(await scalar(tcp("courtside_app", "app-pw"), "SELECT current_user")).toBe(
        "courtside_app",
      );
      // appRoleUrl turns the superuser's socket URL into the app role's loopback one.
      expect(
        await scalar(
          appRoleUrl(admin, "app-pw", "courtside-web"),
          "SELECT current_setting('application_name')",
        ),
      ).toBe("courtside-web");
    } finally {
      await server.stop();
    }
  });
});
