/**
 * `npm run bench:backup` — what the backups cost and what they protect (docs/operations.md
 * "Backups"): pgBackRest with two encrypted repositories on a throwaway embedded PostgreSQL 15 with
 * continuous archiving, set up as the launcher does it for BACKUPS=on (test/helpers/archived-cluster.ts).
 *
 * For two databases, each in its own cluster:
 *   demo    the demo club (migrations + demo seed into `courtside`)
 *   large   about BENCH_BACKUP_GB GiB (default 1) of booking-like rows generated with
 *           generate_series, with a primary key and a secondary index
 * it measures
 *   - a full backup into repository 1, then into repository 2;
 *   - a differential backup into each after updating ~1 % of the rows;
 *   - the repositories' size on disk (backups and archived WAL) against the database's size;
 *   - restores from repository 1 into a new data directory: "latest" (newest backup + all WAL) and
 *     point in time to a moment noted right after the 1 % update (full backup + WAL replay);
 *     restore = pgBackRest's copy, ready = until the restored server accepts writes;
 * and for the demo database the RPO with the production archive timeout (60 s): BENCH_RPO_SAMPLES
 * (default 5) times, commit one small write and time until its WAL segment is in BOTH
 * repositories (pgBackRest info's archive max of each repo-key), without forcing a segment switch;
 * a random pause of 0–BENCH_RPO_MAX_PAUSE_S (default 20) s between samples. On an otherwise idle
 * cluster the 60 s window restarts at the switch that ended the previous sample, so a pause of p
 * gives about 60 − p s: the default pauses sample the worst part of the window (the RPO bound);
 * BENCH_RPO_MAX_PAUSE_S=60 samples it all.
 *
 * Backups are run with pgbackrest directly (not the worker's backup job, which records runs in the
 * app database). Everything lives under the scratch folder and is removed at the end; the figures
 * are also written as JSON to BENCH_BACKUP_JSON (default <tmp>/courtside/bench-backup.json).
 * Not part of `npm test`. Takes about 10–15 minutes with the defaults on 2 cores.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { BackupSettings } from "@/lib/backup/backup-env";
import {
  pgbackrest,
  pgbackrestError,
  stanzaInfo,
  type InfoBackup,
} from "@/server/backup/pgbackrest";
import { restoreCluster } from "@/server/backup/restore";
import { migrate } from "../scripts/db/migrator.ts";
import { freePort } from "../scripts/db/embedded.ts";
import { scratchDir } from "../scripts/db/scratch-dir.ts";
import { seedDemo } from "../scripts/seed/demo.ts";
import {
  startArchivedCluster,
  waitForWal,
  type ArchivedCluster,
} from "../test/helpers/archived-cluster.ts";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const TARGET_GB = Math.min(Math.max(Number(process.env.BENCH_BACKUP_GB ?? 1), 0.05), 20);
const RPO_SAMPLES = Math.min(
  Math.max(Math.round(Number(process.env.BENCH_RPO_SAMPLES ?? 5)), 0),
  20,
);
const RPO_MAX_PAUSE_MS =
  Math.min(Math.max(Number(process.env.BENCH_RPO_MAX_PAUSE_S ?? 20), 0), 120) * 1000;
/** The production archive timeout (BACKUP_ARCHIVE_TIMEOUT_SECONDS' default). */
const ARCHIVE_TIMEOUT_SECONDS = 60;
const JSON_PATH = process.env.BENCH_BACKUP_JSON ?? scratchDir("bench-backup.json");
const BACKUP_TIMEOUT_MS = 3_600_000;
/** Rows of the large database per INSERT … SELECT generate_series. */
const BATCH_ROWS = 1_000_000;
const CALIBRATION_ROWS = 200_000;

function say(line: string) {
  console.log(`[bench:backup] ${line}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Clean-up: every cluster and restored server is stopped and its folder removed, also on error
// and on Ctrl-C.

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> = Promise.resolve();

/** Undoes everything started so far, newest first (serialised: Ctrl-C may come during one). */
function cleanup(): Promise<void> {
  cleaning = cleaning.then(async () => {
    while (cleanups.length) {
      const undo = cleanups.pop()!;
      await undo().catch((err: unknown) =>
        say(`clean-up: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  });
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    say(`${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

/**
 * An archived cluster whose sql() goes through a pool of our own that ignores the errors of idle
 * connections: pg-pool's end() resolves before its connections are closed, and the server's
 * shutdown that follows would otherwise crash the process with an unhandled 'error' event.
 */
async function startCluster(name: string): Promise<ArchivedCluster> {
  const cluster = await startArchivedCluster(name, {
    BACKUP_ARCHIVE_TIMEOUT_SECONDS: String(ARCHIVE_TIMEOUT_SECONDS),
  });
  const pool = new pg.Pool({ connectionString: cluster.server.url("courtside"), max: 2 });
  pool.on("error", () => undefined);
  cleanups.push(async () => {
    await pool.end();
    await cluster.stop();
  });
  return {
    ...cluster,
    sql: async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      (await pool.query<T>(text, values)).rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

type RepoSize = { backup: number; archive: number; total: number };

type BackupRun = { repo: number; type: "full" | "diff"; ms: number; label: string; stored: number };

type RestoreRun = {
  target: string;
  backupSet: string | null;
  recoveryPoint: string | null;
  restoreMs: number;
  totalMs: number;
  checked: string;
};

type DatabaseResult = {
  name: string;
  setupMs: number;
  rows: number;
  databaseBytes: number;
  clusterBytes: number;
  walDrainMs: number;
  full: BackupRun[];
  update: { rows: number; ms: number };
  diff: BackupRun[];
  reposAfterFull: RepoSize[];
  reposAtEnd: RepoSize[];
  restores: RestoreRun[];
};

type RpoSample = {
  wal: string;
  pausedMs: number;
  switchedS: number | null;
  repo1S: number;
  repo2S: number;
  bothS: number;
  /** How long one `pgbackrest info` took, on average: the resolution of the repo times. */
  infoMs: number;
};

async function bytesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  let total = 0;
  for (const e of entries) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

async function repoSizes(s: BackupSettings): Promise<RepoSize[]> {
  const out: RepoSize[] = [];
  for (const repo of s.repos) {
    const backup = await bytesUnder(path.join(repo.path, "backup"));
    const archive = await bytesUnder(path.join(repo.path, "archive"));
    out.push({ backup, archive, total: await bytesUnder(repo.path) });
  }
  return out;
}

async function newestBackup(s: BackupSettings, repo: number): Promise<InfoBackup> {
  const info = await stanzaInfo(s);
  if (!info.ok) throw new Error(`pgbackrest info: ${info.error}`);
  const b = info.info.backup
    .filter((x) => x.database["repo-key"] === repo)
    .sort((a, b) => a.timestamp.stop - b.timestamp.stop)
    .at(-1);
  if (!b) throw new Error(`no backup in repo${repo}`);
  return b;
}

async function backup(s: BackupSettings, repo: number, type: "full" | "diff"): Promise<BackupRun> {
  const r = await pgbackrest(s, [`--repo=${repo}`, `--type=${type}`, "backup"], {
    timeoutMs: BACKUP_TIMEOUT_MS,
  });
  if (r.code !== 0) throw new Error(`${type} backup of repo${repo} failed: ${pgbackrestError(r)}`);
  const b = await newestBackup(s, repo);
  const run = {
    repo,
    type,
    ms: r.durationMs,
    label: b.label,
    stored: b.info.repository.delta,
  };
  say(
    `  ${type} backup into repo${repo}: ${secs(run.ms)}, ${bytes(run.stored)} stored (${b.label})`,
  );
  return run;
}

/** Switches WAL segment and waits until everything written so far is in both repositories. */
async function drainWal(cluster: ArchivedCluster, timeoutMs = 1_800_000): Promise<number> {
  const { wal } = await one<{ wal: string }>(
    cluster,
    "SELECT pg_walfile_name(pg_switch_wal()) AS wal",
  );
  return waitForWal(cluster.settings, wal, timeoutMs);
}

/** The first row of a query on the cluster's `courtside` database. */
async function one<T extends pg.QueryResultRow>(
  cluster: ArchivedCluster,
  text: string,
  values?: unknown[],
): Promise<T> {
  const [row] = await cluster.sql<T>(text, values);
  if (!row) throw new Error(`no row: ${text}`);
  return row;
}

async function sizes(cluster: ArchivedCluster) {
  const [row] = await cluster.sql<{ db: string; all: string }>(
    `SELECT pg_database_size('courtside')::text AS db,
            (SELECT sum(pg_database_size(datname)) FROM pg_database)::text AS all`,
  );
  return { databaseBytes: Number(row!.db), clusterBytes: Number(row!.all) };
}

async function queryOne<T extends pg.QueryResultRow>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows[0]!;
  } finally {
    await client.end();
  }
}

/** What a database under test provides: its data, its 1 % update and how to check a restore. */
type Workload = {
  name: string;
  /** Creates the data; returns the number of rows of the main table. */
  setup(cluster: ArchivedCluster): Promise<number>;
  /** Updates ~1 % of the rows, recognisably; returns how many. */
  update(cluster: ArchivedCluster): Promise<number>;
  /** The number of rows the update marked, in a database at `url`. */
  updated(url: string): Promise<number>;
};

async function measure(workload: Workload, cluster: ArchivedCluster): Promise<DatabaseResult> {
  const s = cluster.settings;
  say(`${workload.name}: creating the data…`);
  let t0 = Date.now();
  const rows = await workload.setup(cluster);
  await cluster.sql("CREATE TABLE bench_marker (v text PRIMARY KEY)");
  const setupMs = Date.now() - t0;
  say(`${workload.name}: ${rows} rows in ${secs(setupMs)}; waiting until its WAL is archived…`);
  const walDrainMs = await drainWal(cluster);
  const size = await sizes(cluster);
  say(
    `${workload.name}: WAL archived after ${secs(walDrainMs)}; database ${bytes(size.databaseBytes)}, cluster ${bytes(size.clusterBytes)}`,
  );

  const full = [await backup(s, 1, "full"), await backup(s, 2, "full")];
  const reposAfterFull = await repoSizes(s);

  t0 = Date.now();
  const updatedRows = await workload.update(cluster);
  const update = { rows: updatedRows, ms: Date.now() - t0 };
  await sleep(50);
  const { t } = await one<{ t: Date }>(cluster, "SELECT clock_timestamp() AS t");
  await sleep(50);
  say(
    `  updated ${updatedRows} rows in ${secs(update.ms)}; restore point noted: ${t.toISOString()}`,
  );

  const diff = [await backup(s, 1, "diff"), await backup(s, 2, "diff")];
  // Written after the point in time: present after "latest", absent after the PITR.
  await cluster.sql("INSERT INTO bench_marker VALUES ('after-diff')");
  await drainWal(cluster);
  const reposAtEnd = await repoSizes(s);

  const restores: RestoreRun[] = [];
  for (const target of ["latest", { time: t }] as const) {
    const label = target === "latest" ? "latest" : "pitr";
    say(`  restoring from repo1 (${label})…`);
    const into = path.join(cluster.root, `restore-${label}`);
    const restored = await restoreCluster(s, { target, repo: 1, into, port: await freePort() });
    const undo = async () => {
      await restored.stop();
      await rm(into, { recursive: true, force: true });
    };
    cleanups.push(undo);
    try {
      const url = restored.url("courtside");
      const marked = await workload.updated(url);
      const { n } = await queryOne<{ n: number }>(
        url,
        "SELECT count(*)::int AS n FROM bench_marker",
      );
      const expectMarker = target === "latest" ? 1 : 0;
      if (marked !== updatedRows || n !== expectMarker) {
        throw new Error(
          `restore ${label}: ${marked} updated rows (expected ${updatedRows}), ${n} marker rows (expected ${expectMarker})`,
        );
      }
      const run = {
        target: restored.target,
        backupSet: restored.backupSet,
        recoveryPoint: restored.recoveryPoint,
        restoreMs: restored.restoreMs,
        totalMs: restored.totalMs,
        checked: `${marked} updated rows, marker ${n ? "present" : "absent"}`,
      };
      say(
        `  restore ${label}: set ${run.backupSet}, restore ${secs(run.restoreMs)}, ready after ${secs(run.totalMs)} (${run.checked})`,
      );
      restores.push(run);
    } finally {
      cleanups.splice(cleanups.indexOf(undo), 1);
      await undo();
    }
  }
  return {
    name: workload.name,
    setupMs,
    rows,
    ...size,
    walDrainMs,
    full,
    update,
    diff,
    reposAfterFull,
    reposAtEnd,
    restores,
  };
}

// ---------------------------------------------------------------------------------------------
// The two databases

const demo: Workload = {
  name: "demo",
  async setup(cluster) {
    const url = cluster.server.url("courtside");
    // The seed stores the staff's TOTP secrets sealed under TWO_FACTOR_KEY.
    process.env.TWO_FACTOR_KEY ||= randomBytes(32).toString("base64");
    await migrate(url);
    await seedDemo(url, { deployment: "test" });
    const { n } = await one<{ n: number }>(cluster, "SELECT count(*)::int AS n FROM booking");
    return n;
  },
  async update(cluster) {
    const { n } = await one<{ n: number }>(
      cluster,
      `WITH picked AS (
         SELECT id FROM booking ORDER BY id
          LIMIT greatest(1, ceil((SELECT count(*) FROM booking) / 100.0)::int)
       ), done AS (
         UPDATE booking b SET reminder_sent_at = timestamptz '2000-01-01 00:00:00+00'
           FROM picked WHERE b.id = picked.id RETURNING 1
       )
       SELECT count(*)::int AS n FROM done`,
    );
    return n;
  },
  async updated(url) {
    const { n } = await queryOne<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM booking WHERE reminder_sent_at = timestamptz '2000-01-01 00:00:00+00'",
    );
    return n;
  },
};

const LARGE_TABLE = `CREATE TABLE bench_booking (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  ref bigint NOT NULL,
  club_id uuid NOT NULL,
  court_id uuid NOT NULL,
  created_by_id uuid,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  cancel_reason varchar(500),
  idempotency_key varchar(200),
  idempotency_fingerprint char(64)
)`;

/** Rows $1…$2: 20 clubs, 160 courts, 50 000 players, one booking every 37 s from 2024 on. */
const LARGE_INSERT = `INSERT INTO bench_booking (ref, club_id, court_id, created_by_id, starts_at, ends_at,
    status, created_at, cancelled_at, idempotency_key, idempotency_fingerprint)
  SELECT i,
         ('00000000-0000-4000-8000-' || lpad((i % 20)::text, 12, '0'))::uuid,
         ('00000000-0000-4000-9000-' || lpad((i % 160)::text, 12, '0'))::uuid,
         md5('player-' || (i % 50000))::uuid,
         ts,
         ts + interval '30 minutes' * (2 + i % 2),
         CASE WHEN i % 12 = 0 THEN 'CANCELLED' ELSE 'CONFIRMED' END,
         ts - interval '1 minute' * (i % 20160),
         CASE WHEN i % 12 = 0 THEN ts - interval '1 hour' END,
         gen_random_uuid()::text,
         encode(sha256(convert_to(i::text, 'UTF8')), 'hex')
    FROM (SELECT i, timestamptz '2024-01-01 00:00:00+00' + i * interval '37 seconds' AS ts
            FROM generate_series($1::bigint, $2::bigint) AS i) AS g`;

const LARGE_INDEXES = [
  "ALTER TABLE bench_booking ADD PRIMARY KEY (id)",
  "CREATE INDEX bench_booking_court_starts ON bench_booking (court_id, starts_at)",
];

const large: Workload = {
  name: `${TARGET_GB} GiB`,
  async setup(cluster) {
    const client = new pg.Client({ connectionString: cluster.server.url("courtside") });
    await client.connect();
    try {
      await client.query("SET maintenance_work_mem = '256MB'");
      const dbSize = async () =>
        Number(
          (
            await client.query<{ n: string }>(
              "SELECT pg_database_size(current_database())::text AS n",
            )
          ).rows[0]!.n,
        );
      const target = TARGET_GB * GiB;
      const empty = await dbSize();
      await client.query(LARGE_TABLE);
      // Calibration: the bytes per row of the table and of its indexes (built once on a sample).
      await client.query(LARGE_INSERT, [1, CALIBRATION_ROWS]);
      for (const ddl of LARGE_INDEXES) await client.query(ddl);
      const perRow = ((await dbSize()) - empty) / CALIBRATION_ROWS;
      await client.query("ALTER TABLE bench_booking DROP CONSTRAINT bench_booking_pkey");
      await client.query("DROP INDEX bench_booking_court_starts");
      const total = Math.max(CALIBRATION_ROWS, Math.round((target - empty) / perRow));
      say(
        `  ${perRow.toFixed(0)} bytes per row with its indexes: ${total} rows for ${bytes(target)}`,
      );
      for (let from = CALIBRATION_ROWS + 1; from <= total; from += BATCH_ROWS) {
        const to = Math.min(total, from + BATCH_ROWS - 1);
        const t0 = Date.now();
        await client.query(LARGE_INSERT, [from, to]);
        say(`  rows ${from}–${to} in ${secs(Date.now() - t0)} (database ${bytes(await dbSize())})`);
      }
      const t0 = Date.now();
      for (const ddl of LARGE_INDEXES) await client.query(ddl);
      await client.query("VACUUM (ANALYZE) bench_booking");
      say(`  indexes and VACUUM ANALYZE in ${secs(Date.now() - t0)}`);
      return total;
    } finally {
      await client.end();
    }
  },
  async update(cluster) {
    const { n } = await one<{ n: number }>(
      cluster,
      `WITH done AS (
         UPDATE bench_booking SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'bench-1pct'
          WHERE ref % 100 = 0 RETURNING 1
       )
       SELECT count(*)::int AS n FROM done`,
    );
    return n;
  },
  async updated(url) {
    const { n } = await queryOne<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM bench_booking WHERE cancel_reason = 'bench-1pct'",
    );
    return n;
  },
};

// ---------------------------------------------------------------------------------------------
// RPO

/** The newest archived segment of each repository (pgBackRest info's archive max per repo-key). */
async function archivedMax(s: BackupSettings): Promise<Map<number, string>> {
  const info = await stanzaInfo(s);
  const out = new Map<number, string>();
  if (!info.ok) return out;
  for (const a of info.info.archive) {
    const key = a.database["repo-key"];
    // The timeline (first 8 characters) aside: the segment's position in the WAL.
    if (a.max && a.max.slice(8) > (out.get(key) ?? "")) out.set(key, a.max.slice(8));
  }
  return out;
}

/** One sample: a committed write, then the time until its segment is in both repositories. */
async function rpoSample(cluster: ArchivedCluster, pausedMs: number): Promise<RpoSample> {
  const s = cluster.settings;
  await cluster.sql("INSERT INTO bench_marker VALUES ($1)", [
    `rpo-${randomBytes(6).toString("hex")}`,
  ]);
  const started = Date.now();
  const { wal } = await one<{ wal: string }>(
    cluster,
    "SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal",
  );
  const deadline = started + (3 * ARCHIVE_TIMEOUT_SECONDS + 60) * 1000;
  const since = () => (Date.now() - started) / 1000;
  let switchedS: number | null = null;
  let done = false;
  // Read-only: when PostgreSQL leaves the segment (archive_timeout), apart from the archiving.
  const watchSwitch = (async () => {
    while (!done && switchedS === null) {
      // At a segment boundary pg_walfile_name() names the segment that ends there: offset 0
      // means that `wal` is complete.
      const { name, offset } = await one<{ name: string; offset: number }>(
        cluster,
        "SELECT file_name AS name, file_offset AS offset FROM pg_walfile_name_offset(pg_current_wal_lsn())",
      );
      if (name !== wal || offset === 0) switchedS = since();
      else await sleep(100);
    }
  })();
  const seen = new Map<number, number>();
  let infoCalls = 0;
  let infoTotalMs = 0;
  try {
    while (seen.size < s.repos.length) {
      const t0 = Date.now();
      const max = await archivedMax(s);
      infoCalls++;
      infoTotalMs += Date.now() - t0;
      for (const repo of s.repos) {
        if (!seen.has(repo.index) && (max.get(repo.index) ?? "") >= wal.slice(8)) {
          seen.set(repo.index, since());
        }
      }
      if (seen.size === s.repos.length) break;
      if (Date.now() > deadline)
        throw new Error(`RPO sample: ${wal} did not reach both repositories`);
      await sleep(150);
    }
  } finally {
    done = true;
    await watchSwitch;
  }
  return {
    wal,
    pausedMs,
    switchedS,
    repo1S: seen.get(1)!,
    repo2S: seen.get(2)!,
    bothS: Math.max(...seen.values()),
    infoMs: Math.round(infoTotalMs / infoCalls),
  };
}

async function measureRpo(cluster: ArchivedCluster): Promise<RpoSample[]> {
  const { timeout } = await one<{ timeout: string }>(
    cluster,
    "SELECT current_setting('archive_timeout') AS timeout",
  );
  say(
    `RPO: ${RPO_SAMPLES} samples with archive_timeout = ${timeout}, no forced WAL switch, 0–${RPO_MAX_PAUSE_MS / 1000} s pauses…`,
  );
  const samples: RpoSample[] = [];
  for (let i = 0; i < RPO_SAMPLES; i++) {
    const pausedMs = i === 0 ? 0 : Math.round(Math.random() * RPO_MAX_PAUSE_MS);
    await sleep(pausedMs);
    const sample = await rpoSample(cluster, pausedMs);
    samples.push(sample);
    say(
      `  sample ${i + 1}: ${sample.bothS.toFixed(1)} s (segment left after ${sample.switchedS?.toFixed(1) ?? "?"} s; repo1 ${sample.repo1S.toFixed(1)} s, repo2 ${sample.repo2S.toFixed(1)} s; info polls of ${sample.infoMs} ms)`,
    );
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Output

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function bytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(2)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${(n / 1024).toFixed(0)} KiB`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function printTable(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("\n" + line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function report(results: DatabaseResult[], rpo: RpoSample[]) {
  const col = (f: (r: DatabaseResult) => string) => results.map(f);
  const ratio = (n: number, r: DatabaseResult) => `${((n / r.clusterBytes) * 100).toFixed(0)} %`;
  const repoLine = (r: DatabaseResult, sizes: RepoSize[], i: number) =>
    `${bytes(sizes[i]!.backup)} + ${bytes(sizes[i]!.archive)} WAL (${ratio(sizes[i]!.total, r)})`;
  const restore = (r: DatabaseResult, i: number) =>
    `${secs(r.restores[i]!.restoreMs)} / ${secs(r.restores[i]!.totalMs)}`;
  const rows: string[][] = [
    ["rows of the main table", ...col((r) => String(r.rows))],
    ["database size (pg_database_size)", ...col((r) => bytes(r.databaseBytes))],
    ["cluster size (all databases)", ...col((r) => bytes(r.clusterBytes))],
    ["data creation", ...col((r) => secs(r.setupMs))],
    ["WAL archived after creation", ...col((r) => secs(r.walDrainMs))],
    ["full backup → repo1", ...col((r) => secs(r.full[0]!.ms))],
    ["full backup → repo2", ...col((r) => secs(r.full[1]!.ms))],
    ["full backup stored (repo1)", ...col((r) => bytes(r.full[0]!.stored))],
    [
      "repo1 after full: backup + WAL (of cluster)",
      ...col((r) => repoLine(r, r.reposAfterFull, 0)),
    ],
    ["1 % update", ...col((r) => `${r.update.rows} rows, ${secs(r.update.ms)}`)],
    ["diff backup → repo1", ...col((r) => secs(r.diff[0]!.ms))],
    ["diff backup → repo2", ...col((r) => secs(r.diff[1]!.ms))],
    ["diff backup stored (repo1)", ...col((r) => bytes(r.diff[0]!.stored))],
    ["repo1 at end: backup + WAL (of cluster)", ...col((r) => repoLine(r, r.reposAtEnd, 0))],
    ["repo2 at end: backup + WAL (of cluster)", ...col((r) => repoLine(r, r.reposAtEnd, 1))],
    ["restore latest, repo1: restore / ready", ...col((r) => restore(r, 0))],
    ["restore PITR, repo1: restore / ready", ...col((r) => restore(r, 1))],
    ["PITR backup set", ...col((r) => r.restores[1]!.backupSet ?? "?")],
  ];
  printTable(["measure", ...results.map((r) => r.name)], rows);
  if (rpo.length) {
    const both = rpo.map((x) => x.bothS);
    printTable(
      [
        `RPO, demo, archive_timeout ${ARCHIVE_TIMEOUT_SECONDS} s`,
        "pause before",
        "segment left",
        "in repo1",
        "in repo2",
        "in both",
        "info poll",
      ],
      [
        ...rpo.map((x, i) => [
          `sample ${i + 1} (${x.wal})`,
          secs(x.pausedMs),
          x.switchedS === null ? "?" : `${x.switchedS.toFixed(1)} s`,
          `${x.repo1S.toFixed(1)} s`,
          `${x.repo2S.toFixed(1)} s`,
          `${x.bothS.toFixed(1)} s`,
          `${x.infoMs} ms`,
        ]),
        [
          "min / median / max",
          "",
          "",
          "",
          "",
          `${Math.min(...both).toFixed(1)} / ${median(both).toFixed(1)} / ${Math.max(...both).toFixed(1)} s`,
          "",
        ],
      ],
    );
  }
  console.log("");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  say(
    `demo database and ${TARGET_GB} GiB; ${RPO_SAMPLES} RPO samples (archive_timeout ${ARCHIVE_TIMEOUT_SECONDS} s)`,
  );
  const results: DatabaseResult[] = [];
  let rpo: RpoSample[] = [];

  say("starting the demo cluster (archiving into two encrypted repositories)…");
  const demoCluster = await startCluster("bench-demo");
  results.push(await measure(demo, demoCluster));
  if (RPO_SAMPLES > 0) rpo = await measureRpo(demoCluster);
  await cleanup();

  say(`starting the cluster for ${TARGET_GB} GiB…`);
  const largeCluster = await startCluster("bench-large");
  results.push(await measure(large, largeCluster));
  await cleanup();

  report(results, rpo);
  const rpoSummary = rpo.length
    ? {
        min: Math.min(...rpo.map((x) => x.bothS)),
        median: median(rpo.map((x) => x.bothS)),
        max: Math.max(...rpo.map((x) => x.bothS)),
      }
    : null;
  await mkdir(path.dirname(JSON_PATH), { recursive: true });
  await writeFile(
    JSON_PATH,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        targetGiB: TARGET_GB,
        archiveTimeoutSeconds: ARCHIVE_TIMEOUT_SECONDS,
        databases: results,
        rpo: { samples: rpo, seconds: rpoSummary },
      },
      null,
      2,
    ) + "\n",
  );
  say(`figures written to ${JSON_PATH}; ${secs(Date.now() - started)} in all`);
}

main()
  .catch((err: unknown) => {
    console.error(
      `[bench:backup] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
  });
