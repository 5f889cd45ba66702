/**
 * Liveness: 200 whenever the process can answer, without touching the database, so that an
 * orchestrator restarts the app only when the app itself is stuck, not when the database is.
 */
import { APP_VERSION } from "@/server/health/check-health";

// Never prerendered or cached: each probe must reach the running app (and its database).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(
    { status: "ok", live: true, version: APP_VERSION },
    { headers: { "Cache-Control": "no-store" } },
  );
}
