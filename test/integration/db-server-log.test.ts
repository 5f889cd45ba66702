/**
 * The embedded server's log, which threat detection reads (DB_SERVER_LOG_DIR): JSON lines with a
 * `connection authorized:` record per connection, naming the role that connected.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";

const logDir = process.env.DB_SERVER_LOG_DIR;

type LogRecord = { message?: string; user?: string; pid?: number };

async function records(dir: string): Promise<LogRecord[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
  const out: LogRecord[] = [];
  for (const f of files) {
    for (const line of (await readFile(path.join(dir, f), "utf8")).split("\n")) {
      if (line.trim()) out.push(JSON.parse(line) as LogRecord);
    }
  }
  return out;
}

describe.skipIf(!logDir)("database server log (DB_SERVER_LOG_DIR)", () => {
  it("records each new connection with the role that connected, as JSON lines", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    let pid: number;
    try {
      pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    } finally {
      await client.end();
    }
    let found: LogRecord | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      found = (await records(logDir!)).find(
        (r) => r.pid === pid && r.message?.startsWith("connection authorized:"),
      );
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toBeDefined();
    expect(found!.user).toBe("courtside_app");
    // The record's own application_name field is not set yet at that point; the message names it.
    expect(found!.message).toContain("application_name=courtside-web");
    // Written by the server's user, readable by its group (and root, the worker), nobody else.
    const files = (await readdir(logDir!)).filter((f) => f.endsWith(".json"));
    expect(files[0]).toMatch(/^postgresql-\d{8}-\d{6}\.json$/);
    expect((await stat(path.join(logDir!, files[0]!))).mode & 0o777).toBe(0o640);
  });
});

describe("application_name", () => {
  it("reaches the server through Prisma's adapter-pg from DATABASE_URL", async () => {
    const rows = await db.$queryRaw<Array<{ name: string; usename: string }>>`
      SELECT application_name AS name, usename FROM pg_stat_activity WHERE pid = pg_backend_pid()`;
    expect(rows[0]).toEqual({ name: "courtside-web", usename: "courtside_app" });
  });
});
