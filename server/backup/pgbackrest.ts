/**
 * Runs pgBackRest for the backup job, the launcher and `npm run backup:*`. pgBackRest must run as
 * the operating-system user that owns the PostgreSQL data directory (`postgres` when we run as
 * root). Its configuration is written here from the BACKUP_* settings, outside the data directory;
 * the passphrases are never written anywhere: pgBackRest gets them in its environment.
 *
 * The one server/ module without `import "server-only"`: the launcher (scripts/dev.ts, outside the
 * react-server condition) sets up archiving with it before anything else runs. It imports nothing
 * of the app's server layer (no database, no configuration of the web app), only lib/backup.
 */
import { spawn } from "node:child_process";
import { chmod, chown, mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BackupSettings } from "@/lib/backup/backup-env";
import { cipherEnvironment, renderPgbackrestConfig } from "@/lib/backup/pgbackrest-config";

export type CommandResult = { code: number; stdout: string; stderr: string; durationMs: number };

/** An executable and its arguments, environment and user: what spawn() gets. */
export type Command = {
  file: string;
  args: string[];
  env: Record<string, string>;
  uid?: number;
  gid?: number;
};

/** The owner of the data directory, when we are root and it is someone else. */
export async function clusterOwner(
  dataDir: string,
): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const st = await stat(dataDir);
  return st.uid === 0 ? undefined : { uid: st.uid, gid: st.gid };
}

/** The pgBackRest command line for `args` (the tests wrap it, e.g. in faketime). */
export async function pgbackrestCommand(s: BackupSettings, args: string[]): Promise<Command> {
  const owner = await clusterOwner(s.pg.dataDir);
  return {
    file: s.pgbackrestBin,
    args: [`--config=${s.configPath}`, `--stanza=${s.stanza}`, ...args],
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: "/tmp",
      LANG: "C.UTF-8",
      ...cipherEnvironment(s),
      // libpq of pgBackRest: the password of the embedded cluster (production uses peer auth).
      ...(s.pg.password ? { PGPASSWORD: s.pg.password } : {}),
    },
    ...(owner ?? {}),
  };
}

export function runCommand(
  command: Command,
  options: { timeoutMs?: number; wrap?: string[] } = {},
): Promise<CommandResult> {
  const started = Date.now();
  const [file, args] = options.wrap?.length
    ? [options.wrap[0]!, [...options.wrap.slice(1), command.file, ...command.args]]
    : [command.file, command.args];
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: command.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      ...(command.uid !== undefined ? { uid: command.uid, gid: command.gid } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: "SIGTERM" as const } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (err) =>
      resolve({
        code: 127,
        stdout,
        stderr: `${stderr}${err.message}`,
        durationMs: Date.now() - started,
      }),
    );
    child.on("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr: signal && code === null ? `${stderr}killed by ${signal}` : stderr,
        durationMs: Date.now() - started,
      }),
    );
  });
}

/** Runs pgBackRest with `args`. */
export async function pgbackrest(
  s: BackupSettings,
  args: string[],
  options: { timeoutMs?: number } = {},
): Promise<CommandResult> {
  return runCommand(await pgbackrestCommand(s, args), options);
}

/** The meaningful part of pgBackRest's output for an error message. */
export function pgbackrestError(r: CommandResult): string {
  const lines = `${r.stderr}\n${r.stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /ERROR|error|fail|denied|No such/i.test(l));
  const text =
    (lines.length ? lines.join("\n") : r.stderr.trim() || r.stdout.trim()) || `exit code ${r.code}`;
  return text.slice(0, 2000);
}

/** Creates `dir` and the ancestors it lacks, each 0750 and owned by `owner` when given. */
async function ownedDir(dir: string, owner?: { uid: number; gid: number }): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o750 });
  if (!owner) return;
  const created: string[] = [];
  for (let d = dir; first && d.length >= first.length; d = path.dirname(d)) created.push(d);
  for (const d of created.length ? created : [dir]) await chown(d, owner.uid, owner.gid);
}

/**
 * Writes pgBackRest's configuration and creates its folders and the repositories' folders,
 * owned by the cluster's owner. Atomic: archive-push never reads half a file.
 */
export async function writePgbackrestConfig(s: BackupSettings): Promise<void> {
  const owner = await clusterOwner(s.pg.dataDir);
  const dirs = [s.stateDir, ...["spool", "lock", "log"].map((d) => path.join(s.stateDir, d))];
  // A production repository is a volume the operator mounted: never created here, or an unmounted
  // one would silently become a folder on the local disk. It is reported unreachable instead.
  if (s.deployment !== "production") dirs.push(...s.repos.map((r) => r.path));
  for (const dir of dirs) await ownedDir(dir, owner);
  const tmp = `${s.configPath}.${process.pid}.tmp`;
  await writeFile(tmp, renderPgbackrestConfig(s), { mode: 0o600 });
  await chmod(tmp, 0o600);
  if (owner) await chown(tmp, owner.uid, owner.gid);
  await rename(tmp, s.configPath);
}

/** Writes the configuration, then creates the stanza where a repository lacks it (idempotent). */
export async function ensureStanza(s: BackupSettings): Promise<void> {
  await writePgbackrestConfig(s);
  const created = await pgbackrest(s, ["stanza-create"], { timeoutMs: 120_000 });
  if (created.code !== 0) {
    throw new Error(`pgbackrest stanza-create failed: ${pgbackrestError(created)}`);
  }
}

export type InfoBackup = {
  label: string;
  type: "full" | "diff" | "incr";
  error?: boolean;
  database: { "repo-key": number };
  timestamp: { start: number; stop: number };
  info: { size: number; repository: { size: number; delta: number } };
  archive: { start: string | null; stop: string | null };
};

export type StanzaInfo = {
  name: string;
  status: { code: number; message: string };
  repo: Array<{ key: number; status: { code: number; message: string } }>;
  archive: Array<{ database: { "repo-key": number }; max: string | null; min: string | null }>;
  backup: InfoBackup[];
};

/** `pgbackrest info --output=json` for the stanza, or the error that prevented it. */
export async function stanzaInfo(
  s: BackupSettings,
): Promise<{ ok: true; info: StanzaInfo } | { ok: false; error: string }> {
  const r = await pgbackrest(s, ["info", "--output=json"], { timeoutMs: 60_000 });
  if (r.code !== 0) return { ok: false, error: pgbackrestError(r) };
  try {
    const all = JSON.parse(r.stdout) as StanzaInfo[];
    const info = all.find((x) => x.name === s.stanza);
    if (!info) return { ok: false, error: `stanza ${s.stanza} not found` };
    return { ok: true, info };
  } catch {
    return { ok: false, error: `unreadable pgbackrest info output: ${r.stdout.slice(0, 200)}` };
  }
}
