/**
 * Where an embedded cluster's Unix socket lives, and the superuser's URL through it. The cluster's
 * pg_hba.conf (scripts/db/embedded.ts) lets the superuser in through the socket only. No heavy
 * import here: the e2e fixtures and the bench use it without starting a server.
 */
import { createHash } from "node:crypto";
import path from "node:path";

/** sun_path holds 108 bytes on Linux, the last one the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

/**
 * The cluster's own folder, unless `<pgDir>/.s.PGSQL.<port>` would be longer than a socket path
 * may be (a deep checkout): then a short folder of its own under /tmp, named after the cluster.
 */
export function socketDirFor(pgDir: string, port: number): string {
  const inCluster = path.join(pgDir, `.s.PGSQL.${port}`);
  if (Buffer.byteLength(inCluster) <= MAX_SOCKET_PATH_BYTES) return pgDir;
  const id = createHash("sha256").update(path.resolve(pgDir)).digest("hex").slice(0, 16);
  return path.join("/tmp", `courtside-pg-${id}`);
}

/**
 * A URL through the socket in `socketDir` (pg and libpq read a `host` that is a folder as the
 * socket's folder; the port names the socket file).
 */
export function socketUrl(options: {
  user: string;
  password: string;
  socketDir: string;
  port: number;
  database: string;
  applicationName?: string;
}): string {
  const params = new URLSearchParams({ host: options.socketDir });
  if (options.applicationName) params.set("application_name", options.applicationName);
  return `postgresql://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@localhost:${options.port}/${options.database}?${params.toString()}`;
}
