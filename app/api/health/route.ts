/**
 * Readiness: 200 with `status: "ok"` when the database answers within the timeout, 503 with
 * `status: "degraded"` otherwise. Served over plain HTTP even when HTTPS is required (proxy.ts),
 * so that load balancers can probe the app port directly.
 */
import { checkHealth } from "@/server/health/check-health";

// Never prerendered or cached: each probe must reach the running app (and its database).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.database.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
