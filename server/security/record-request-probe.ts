import "server-only";
import type { FieldProbe } from "@/lib/security/probe-signatures";
import { clientIp } from "@/server/auth/request-context";
import { recordProbe } from "@/server/security/record-probe";

/**
 * Records a probe found in a request body (runFormAction, readJsonBody, public-intake) at `route`
 * from `source` (null when unknown). Never throws: recordProbe logs its own failures.
 */
export function recordBodyProbe(
  probe: FieldProbe,
  at: { route: string | null; source: string | null },
): Promise<void> {
  return recordProbe({
    kind: probe.kind,
    signature: probe.signature,
    where: "body",
    field: probe.field,
    value: probe.value,
    ...at,
  });
}

/** A route handler's body probe: the route is the request's pathname, the source its client address. */
export function recordRequestProbe(request: Request, probe: FieldProbe): Promise<void> {
  return recordBodyProbe(probe, {
    route: new URL(request.url).pathname,
    source: clientIp(request.headers),
  });
}
