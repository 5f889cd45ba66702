import "server-only";
import { db } from "@/server/db";

export type RateLimitResult = { count: number; resetAt: Date };

type SqlClient = Pick<typeof db, "$queryRaw">;

/**
 * Adds one point to a fixed-window counter in PostgreSQL and returns the new count, atomically
 * (one upsert), so that the limit holds across any number of app instances.
 */
export async function hitRateLimit(
  key: string,
  windowMs: number,
  client: SqlClient = db,
): Promise<RateLimitResult> {
  const rows = await client.$queryRaw<{ points: number; window_ends_at: Date }[]>`
    INSERT INTO rate_limit (key, points, window_ends_at)
    VALUES (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limit.window_ends_at <= now() THEN 1 ELSE rate_limit.points + 1 END,
      window_ends_at = CASE WHEN rate_limit.window_ends_at <= now()
                            THEN EXCLUDED.window_ends_at ELSE rate_limit.window_ends_at END
    RETURNING points, window_ends_at`;
  const row = rows[0]!;
  return { count: row.points, resetAt: row.window_ends_at };
}

/** The current count of a window (0 when none is running). */
export async function peekRateLimit(key: string, client: SqlClient = db): Promise<number> {
  const rows = await client.$queryRaw<{ points: number }[]>`
    SELECT points FROM rate_limit WHERE key = ${key} AND window_ends_at > now()`;
  return rows[0]?.points ?? 0;
}
