import "server-only";
import type { FieldProbe } from "@/lib/security/probe-signatures";
import { clientIp } from "@/server/auth/request-context";
import { logger } from "@/server/logger";
import { recordProbe } from "@/server/security/record-probe";

/**
 * Records a probe found in the body of a route handler's request (readJsonBody, public-intake):
 * the route is the request's pathname, the source its client address. Never throws.
 */
export async function recordRequestProbe(request: Request, probe: FieldProbe): Promise<void> {
  try {
    await recordProbe({
      kind: probe.kind,
      signature: probe.signature,
      where: "body",
      field: probe.field,
      value: probe.value,
      route: new URL(request.url).pathname,
      source: clientIp(request.headers),
    });
  } catch (err) {
    logger.error({ err }, "probe not recorded");
  }
}
