/**
 * Browsers post Content-Security-Policy violation reports here (`report-uri` and `report-to` of
 * the CSP set by proxy.ts). Anonymous by nature, so: only the two report media types, a small
 * body cap, strict validation, a rate limit per address, and storage limited globally in
 * PostgreSQL by the use case.
 */
import { readLimitedBody } from "@/lib/read-limited-body";
import {
  CSP_REPORT_CONTENT_TYPES,
  CSP_REPORT_MAX_BYTES,
  isCspReportContentType,
  mediaType,
  parseCspReports,
} from "@/schemas/csp-report";
import { AppError, fromZodIssues } from "@/server/errors";
import { throttleByAddress } from "@/server/http/public-intake";
import { recordCspViolations } from "@/server/security/record-csp-violation";

function problem(status: number, error: AppError | { code: string; message: string }): Response {
  const body = error instanceof AppError ? error.toJSON() : error;
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  // Per address, before anything is read (docs/decisions/016-hostile-input.md); the global
  // storage limits of the use case still apply.
  const throttled = await throttleByAddress(request, "cspReportsPerIp");
  if (throttled) return throttled;
  const type = mediaType(request.headers.get("content-type"));
  if (!isCspReportContentType(type)) {
    return problem(415, {
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `Content-Type must be one of ${CSP_REPORT_CONTENT_TYPES.join(", ")}.`,
    });
  }

  const body = await readLimitedBody(request, CSP_REPORT_MAX_BYTES);
  if (!body.ok) {
    const error = new AppError(
      "PAYLOAD_TOO_LARGE",
      `Reports are limited to ${CSP_REPORT_MAX_BYTES} bytes.`,
    );
    return problem(error.status, error);
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
  } catch {
    const error = new AppError("BAD_REQUEST", "The body is not valid UTF-8 JSON.");
    return problem(error.status, error);
  }

  const parsed = parseCspReports(type, json);
  if (!parsed.success) {
    const error = fromZodIssues(parsed.issues);
    return problem(error.status, error);
  }

  await recordCspViolations(parsed.reports, { userAgent: request.headers.get("user-agent") });
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
