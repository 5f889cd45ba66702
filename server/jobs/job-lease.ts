import "server-only";
import { db } from "@/server/db";

/**
 * A lease in PostgreSQL for a job that only one worker may run at a time (the backup job): taken
 * when free or expired, renewed while the work lasts, given back at the end. A worker that dies
 * holding it loses it when it expires.
 */
export async function tryLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ holder: string }>>`
    INSERT INTO job_lease (name, holder, expires_at)
    VALUES (${name}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}::float8))
    ON CONFLICT (name) DO UPDATE
      SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE job_lease.expires_at < now() OR job_lease.holder = EXCLUDED.holder
    RETURNING holder`;
  return rows.length === 1;
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await db.$executeRaw`DELETE FROM job_lease WHERE name = ${name} AND holder = ${holder}`;
}

/**
 * Runs `fn` holding the lease `name`, renewed every third of its time to live; returns
 * `{ ran: false }` at once when another holder has it.
 */
export async function withLease<T>(
  name: string,
  holder: string,
  ttlMs: number,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (!(await tryLease(name, holder, ttlMs))) return { ran: false };
  const renew = setInterval(
    () => void tryLease(name, holder, ttlMs).catch(() => undefined),
    ttlMs / 3,
  );
  renew.unref?.();
  try {
    return { ran: true, result: await fn() };
  } finally {
    clearInterval(renew);
    await releaseLease(name, holder).catch(() => undefined);
  }
}
