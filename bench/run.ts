/**
 * `npm run bench` — latency (p50/p99) and throughput of the planning grid page and the booking API
 * at concurrency 50, against the production build served like playwright.config.ts does
 * (scripts/dev.ts --prod --fresh on its own data folder and port, embedded PostgreSQL, demo seed).
 *
 * It builds nothing: run `npm run build` first (or set NEXT_DIST_DIR to an existing build).
 * Traffic goes to 127.0.0.1 only, bounded in count (BENCH_REQUESTS, default 500 per scenario) and
 * time (BENCH_SECONDS, default 30 s per scenario). Not part of `npm test`.
 *
 * Scenarios:
 *   grid page        GET /c/demo/planning (anonymous, server-rendered)
 *   availability     GET /api/c/demo/availability (signed in: per-cell policy)
 *   booking          POST /api/c/demo/bookings, distinct free slots, 50 players at once
 *   same-slot storm  POST of one slot by 50 players at once (1 × 201, 49 × 409), repeated
 *
 * Backup and restore durations, repository sizes and the RPO: `npm run bench:backup` (bench/backup.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { ARGON2_PARAMS } from "../lib/auth/argon2-params.ts";
import { scratchDir } from "../scripts/db/scratch-dir.ts";
import { socketDirFor, socketUrl } from "../scripts/db/socket-dir.ts";
import pg from "pg";
import { addDays, todayIn, zonedInstant } from "../lib/time.ts";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
const CONCURRENCY = 50;
const MAX_REQUESTS = Math.min(Number(process.env.BENCH_REQUESTS ?? 500), 5000);
const MAX_SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 30), 120);
const PLAYERS = 50;
const PASSWORD = "bench-player-court-2026";
const ZONE = "Europe/Paris";

let server: ChildProcess | undefined;

function say(line: string) {
  console.log(`[bench] ${line}`);
}

async function stopServer() {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
}

async function startServer(): Promise<string> {
  const dataDir = scratchDir(`bench-${port}`);
  server = spawn(
    process.execPath,
    [
      // Node with tsx's loader, not the tsx CLI: SIGTERM must reach scripts/dev.ts itself so that
      // it stops Next.js, the worker and PostgreSQL in order.
      "--import",
      "tsx",
      "scripts/dev.ts",
      "--prod",
      "--fresh",
      "--quiet",
      "--data-dir",
      dataDir,
    ],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        PORT: String(port),
        APP_URL: base,
        EMBEDDED_PG_PORT: String(port + 20000),
        AUTH_SECRET: randomBytes(32).toString("hex"),
        // A production build with the demo club: a staging deployment, said explicitly.
        DEPLOYMENT_ENV: "staging",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
      },
    },
  );
  let pgPort: number | null = null;
  server.stdout!.on("data", (chunk: Buffer) => {
    const m = /PostgreSQL is listening on 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
    if (m) pgPort = Number(m[1]);
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error("the server exited while starting");
    if (Date.now() > deadline) throw new Error("the server did not become healthy within 180 s");
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && pgPort) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  // The superuser may connect through the cluster's Unix socket only (scripts/db/embedded.ts).
  const socketPort = pgPort as number;
  return socketUrl({
    user: "postgres",
    password,
    socketDir: socketDirFor(path.join(dataDir, "pg"), socketPort),
    port: socketPort,
    database: "courtside",
  });
}

type Player = { id: string; email: string; cookie: string };

/** Bench players in an unlimited tier of the demo club, signed in through next-auth's endpoint. */
async function createPlayers(
  databaseUrl: string,
): Promise<{ players: Player[]; courts: string[] }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_PARAMS);
    const club = (await db.query<{ id: string }>(`SELECT id FROM club WHERE slug = 'demo'`))
      .rows[0]!;
    const tier = (
      await db.query<{ id: string }>(
        `INSERT INTO membership_tier (club_id, name, horizon_days, release_minute, cancel_notice_minutes)
         VALUES ($1, 'Bench', 14, 0, 0) RETURNING id`,
        [club.id],
      )
    ).rows[0]!;
    const ids: Array<{ id: string; email: string }> = [];
    for (let i = 0; i < PLAYERS; i++) {
      const email = `bench-${i}@courtside.test`;
      const u = (
        await db.query<{ id: string }>(
          `INSERT INTO app_user (email, name, password_hash, email_verified_at) VALUES ($1, $2, $3, now()) RETURNING id`,
          [email, `Bench Player ${i}`, passwordHash],
        )
      ).rows[0]!;
      await db.query(
        `INSERT INTO membership (user_id, club_id, role, tier_id, status) VALUES ($1, $2, 'PLAYER', $3, 'ACTIVE')`,
        [u.id, club.id, tier.id],
      );
      ids.push({ id: u.id, email });
    }
    const courts = (
      await db.query<{ id: string }>(
        `SELECT id FROM court WHERE club_id = $1 AND active ORDER BY position, name`,
        [club.id],
      )
    ).rows.map((r) => r.id);
    const players: Player[] = [];
    for (const p of ids) players.push({ ...p, cookie: await signIn(p.email) });
    return { players, courts };
  } finally {
    await db.end();
  }
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function signIn(email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.join("; "),
      origin: base,
    },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in of ${email} failed (HTTP ${res.status})`);
  return session;
}

type Result = { name: string; latencies: number[]; statuses: Map<number, number>; seconds: number };

/** Runs `make(i)` for i = 0…total-1 with `concurrency` workers, within the time bound. */
async function load(
  name: string,
  total: number,
  concurrency: number,
  make: (i: number) => Promise<Response>,
): Promise<Result> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = Date.now() + MAX_SECONDS * 1000;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && Date.now() < deadline) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        let status = 0;
        try {
          const res = await make(i);
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 0;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, latencies, statuses, seconds };
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function table(results: Result[]) {
  const rows = results.map((r) => {
    const s = [...r.latencies].sort((a, b) => a - b);
    return [
      r.name,
      String(r.latencies.length),
      pct(s, 50).toFixed(1),
      pct(s, 99).toFixed(1),
      (r.latencies.length / r.seconds).toFixed(1),
      [...r.statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([k, v]) => `${k}×${v}`)
        .join(" "),
    ];
  });
  const head = ["scenario (concurrency 50)", "requests", "p50 ms", "p99 ms", "req/s", "statuses"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ");
  console.log("\n" + line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log("");
}

async function main() {
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.error(
      `[bench] No production build in ${distDir}/. Run \`npm run build\` first (or set NEXT_DIST_DIR to a build folder).`,
    );
    process.exit(2);
  }
  say(`starting the production server on ${base} (build ${distDir}/)…`);
  const databaseUrl = await startServer();
  say(`creating and signing in ${PLAYERS} bench players…`);
  const { players, courts } = await createPlayers(databaseUrl);
  const results: Result[] = [];

  // Warm-up: a few requests so that first-request compilation of routes is not measured.
  for (let i = 0; i < 5; i++) {
    await (await fetch(`${base}/c/demo/planning`)).arrayBuffer();
    await (
      await fetch(`${base}/api/c/demo/availability`, { headers: { cookie: players[0]!.cookie } })
    ).arrayBuffer();
  }

  say("grid page…");
  results.push(
    await load("grid page GET /c/demo/planning", MAX_REQUESTS, CONCURRENCY, () =>
      fetch(`${base}/c/demo/planning`),
    ),
  );

  say("availability API…");
  results.push(
    await load("availability GET /api/c/demo/availability", MAX_REQUESTS, CONCURRENCY, (i) =>
      fetch(`${base}/api/c/demo/availability`, {
        headers: { cookie: players[i % PLAYERS]!.cookie },
      }),
    ),
  );

  // Distinct slots: every court, every hour 08:00–20:00, from day 1 on (seeded bookings → 409).
  const today = todayIn(ZONE);
  const slots: Array<{ courtId: string; startsAt: string }> = [];
  for (let d = 1; slots.length < MAX_REQUESTS && d <= 13; d++) {
    for (let h = 8; h < 20; h++) {
      for (const courtId of courts) {
        slots.push({
          courtId,
          startsAt: zonedInstant(addDays(today, d), h * 60, ZONE).toISOString(),
        });
      }
    }
  }
  const post = (player: Player, partner: Player, slot: { courtId: string; startsAt: string }) =>
    fetch(`${base}/api/c/demo/bookings`, {
      method: "POST",
      headers: {
        cookie: player.cookie,
        origin: base,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify({ ...slot, durationMinutes: 60, partnerIds: [partner.id], guests: [] }),
    });
  say("booking API, distinct slots…");
  results.push(
    await load(
      "booking POST, distinct slots",
      Math.min(MAX_REQUESTS, slots.length),
      CONCURRENCY,
      (i) => post(players[i % PLAYERS]!, players[(i + 1) % PLAYERS]!, slots[i]!),
    ),
  );

  // Same-slot storms: rounds of 50 players at once on one slot of day 14.
  say("booking API, same-slot storms…");
  const stormSlots = courts.flatMap((courtId) =>
    [8, 10, 12, 14, 16, 18].map((h) => ({
      courtId,
      startsAt: zonedInstant(addDays(today, 14), h * 60, ZONE).toISOString(),
    })),
  );
  const rounds = Math.min(stormSlots.length, Math.max(1, Math.floor(MAX_REQUESTS / CONCURRENCY)));
  results.push(
    await load("booking POST, same-slot storm", rounds * CONCURRENCY, CONCURRENCY, (i) =>
      post(
        players[i % PLAYERS]!,
        players[(i + 1) % PLAYERS]!,
        stormSlots[Math.floor(i / CONCURRENCY)]!,
      ),
    ),
  );

  table(results);
  const fiveHundreds = results.flatMap((r) =>
    [...r.statuses.entries()].filter(([s]) => s >= 500 || s === 0),
  );
  if (fiveHundreds.length)
    say(`WARNING: server errors or failed requests: ${JSON.stringify(fiveHundreds)}`);
}

main()
  .catch((err: unknown) => {
    console.error(`[bench] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopServer();
  });
