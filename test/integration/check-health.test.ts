/** The health use case and route against a real database, and against a database that fails. */
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { GET as health } from "@/app/api/health/route";
import { GET as live } from "@/app/api/health/live/route";
import { APP_VERSION, checkHealth } from "@/server/health/check-health";
import packageJson from "@/package.json";

describe("checkHealth", () => {
  it("is ok when the database answers SELECT 1", async () => {
    const report = await checkHealth();
    expect(report).toEqual({
      status: "ok",
      live: true,
      database: { ready: true, latencyMs: expect.any(Number) },
      version: packageJson.version,
    });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is degraded when the database does not answer within the timeout", async () => {
    const started = Date.now();
    const report = await checkHealth({ timeoutMs: 200, probe: () => new Promise(() => {}) });
    expect(report.status).toBe("degraded");
    expect(report.live).toBe(true);
    expect(report.database.ready).toBe(false);
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("is degraded, without details, when the database fails", async () => {
    const failing = async () => {
      throw new Error("password authentication failed for user courtside");
    };
    const report = await checkHealth({ probe: failing });
    expect(report).toMatchObject({ status: "degraded", database: { ready: false } });
    expect(JSON.stringify(report)).not.toContain("password");

    const throwsSync = (): Promise<unknown> => {
      throw new Error("boom");
    };
    expect((await checkHealth({ probe: throwsSync })).status).toBe("degraded");
  });
});

describe("GET /api/health and /api/health/live", () => {
  it("answers 200 with the report, never cached", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ status: "ok", live: true, database: { ready: true } });
  });

  it("liveness answers 200 without the database", async () => {
    const res = await live();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", live: true, version: APP_VERSION });
  });

  it("answers 503 when the database is unreachable", async () => {
    const g = globalThis as { prisma?: PrismaClient };
    const saved = g.prisma;
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://nobody:x@127.0.0.1:1/none" }),
    });
    g.prisma = unreachable;
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toMatchObject({
        status: "degraded",
        live: true,
        database: { ready: false },
      });
    } finally {
      g.prisma = saved;
      await unreachable.$disconnect().catch(() => {});
    }
  });
});
