/**
 * CSP violation reports as browsers send them, in both formats:
 * - `application/csp-report` (the `report-uri` directive): `{ "csp-report": { "document-uri": … } }`
 * - `application/reports+json` (the Reporting API, `report-to`): `[{ type: "csp-violation",
 *   body: { documentURL: … } }, …]` — other report types in the same batch are ignored.
 * Both are normalised to one shape. Unknown fields are dropped; long strings are accepted here and
 * truncated when stored (server/security/record-csp-violation.ts).
 */
import { z } from "zod";

/** Largest report body we read; browsers send a few hundred bytes per violation. */
export const CSP_REPORT_MAX_BYTES = 16 * 1024;

/** Most reports accepted from one Reporting API batch. */
export const CSP_REPORT_MAX_BATCH = 20;

export const CSP_REPORT_CONTENT_TYPES = [
  "application/csp-report",
  "application/reports+json",
] as const;
export type CspReportContentType = (typeof CSP_REPORT_CONTENT_TYPES)[number];

// Browsers send null for absent values, and some send numbers as strings.
const text = z.string().max(CSP_REPORT_MAX_BYTES).nullish();
const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

export const ReportUriPayload = z.object({
  "csp-report": z.object({
    "document-uri": text,
    referrer: text,
    "violated-directive": text,
    "effective-directive": text,
    "original-policy": text,
    disposition: text,
    "blocked-uri": text,
    "source-file": text,
    "line-number": count,
    "column-number": count,
    "status-code": count,
    "script-sample": text,
  }),
});

export const CspViolationReportBody = z.object({
  documentURL: text,
  referrer: text,
  blockedURL: text,
  effectiveDirective: text,
  originalPolicy: text,
  sourceFile: text,
  sample: text,
  disposition: text,
  statusCode: count,
  lineNumber: count,
  columnNumber: count,
});

export const ReportingApiPayload = z
  .array(
    z.object({
      type: z.string(),
      url: text,
      user_agent: text,
      age: count,
      body: z.unknown(),
    }),
  )
  .min(1)
  .max(CSP_REPORT_MAX_BATCH);

/** One violation, whatever format it came in. */
export type CspViolationReport = {
  documentUri: string | null;
  effectiveDirective: string | null;
  blockedUri: string | null;
  sourceFile: string | null;
  lineNumber: number | null;
  sample: string | null;
  userAgent: string | null;
};

export type ParsedCspReports =
  | { success: true; reports: CspViolationReport[] }
  | {
      success: false;
      issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
    };

/** The media type of a Content-Type header, lowercased, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isCspReportContentType(type: string): type is CspReportContentType {
  return (CSP_REPORT_CONTENT_TYPES as readonly string[]).includes(type);
}

/** `script-src-elem 'self' …` (old browsers' violated-directive) → `script-src-elem`. */
function directiveName(value: string | null | undefined): string | null {
  const name = value?.trim().split(/\s+/)[0];
  return name ? name : null;
}

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** Validates a parsed JSON body of the given content type and normalises its violations. */
export function parseCspReports(type: CspReportContentType, json: unknown): ParsedCspReports {
  if (type === "application/csp-report") {
    const parsed = ReportUriPayload.safeParse(json);
    if (!parsed.success) return { success: false, issues: parsed.error.issues };
    const r = parsed.data["csp-report"];
    return {
      success: true,
      reports: [
        {
          documentUri: orNull(r["document-uri"]),
          effectiveDirective: directiveName(r["effective-directive"] ?? r["violated-directive"]),
          blockedUri: orNull(r["blocked-uri"]),
          sourceFile: orNull(r["source-file"]),
          lineNumber: orNull(r["line-number"]),
          sample: orNull(r["script-sample"]),
          userAgent: null,
        },
      ],
    };
  }

  const parsed = ReportingApiPayload.safeParse(json);
  if (!parsed.success) return { success: false, issues: parsed.error.issues };
  const reports: CspViolationReport[] = [];
  for (const [index, report] of parsed.data.entries()) {
    if (report.type !== "csp-violation") continue;
    const body = CspViolationReportBody.safeParse(report.body);
    if (!body.success) {
      return {
        success: false,
        issues: body.error.issues.map((i) => ({ ...i, path: [index, "body", ...i.path] })),
      };
    }
    const b = body.data;
    reports.push({
      documentUri: b.documentURL ?? orNull(report.url),
      effectiveDirective: directiveName(b.effectiveDirective),
      blockedUri: orNull(b.blockedURL),
      sourceFile: orNull(b.sourceFile),
      lineNumber: orNull(b.lineNumber),
      sample: orNull(b.sample),
      userAgent: orNull(report.user_agent),
    });
  }
  return { success: true, reports };
}
