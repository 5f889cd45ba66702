/**
 * Where throwaway PostgreSQL clusters of tests, end-to-end runs and benchmarks live: under the
 * system's temporary folder, not inside the checkout. The server runs as the unprivileged
 * `postgres` user, which must be able to reach its data folder, and a checkout may sit below a
 * folder only root can enter (e.g. /root).
 */
import os from "node:os";
import path from "node:path";

export function scratchDir(name: string): string {
  return path.join(os.tmpdir(), "courtside", name);
}
