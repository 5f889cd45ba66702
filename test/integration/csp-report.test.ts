/**
 * POST /api/csp-report, called as Next.js calls it (a Web Request), against a real database:
 * both report formats, bad input, and the global storage limits.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/csp-report/route";
import { CSP_REPORT_MAX_BYTES } from "@/schemas/csp-report";
import {
  CSP_RETENTION_DAYS,
  CSP_STORE_LIMIT_PER_DAY,
  CSP_STORE_LIMIT_PER_MINUTE,
} from "@/server/security/record-csp-violation";
import { sql } from "../helpers/sql";

const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36";

function post(
  body: string | ReadableStream<Uint8Array>,
  contentType: string | null,
  headers: Record<string, string> = {},
) {
  const h = new Headers({ "user-agent": UA, ...headers });
  if (contentType) h.set("content-type", contentType);
  return POST(
    new Request("http://localhost:3000/api/csp-report", {
      method: "POST",
      headers: h,
      body,
      duplex: "half",
    } as RequestInit),
  );
}

const reportUri = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    "csp-report": {
      "document-uri": "http://localhost:3000/c/demo/planning?date=2026-03-29&token=secret",
      referrer: "",
      "violated-directive": "script-src-elem",
      "effective-directive": "script-src-elem",
      "original-policy": "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'",
      disposition: "enforce",
      "blocked-uri": "inline",
      "line-number": 12,
      "column-number": 7,
      "source-file": "http://localhost:3000/c/demo",
      "status-code": 200,
      "script-sample": "alert(1)",
      ...over,
    },
  });

const reportingApi = (bodies: Record<string, unknown>[], extra: unknown[] = []) =>
  JSON.stringify([
    ...bodies.map((body) => ({
      type: "csp-violation",
      age: 10,
      url: "http://localhost:3000/",
      user_agent: "Reporting-UA/1.0",
      body: {
        documentURL: "http://localhost:3000/",
        blockedURL: "https://evil.example/x.js?k=v",
        effectiveDirective: "script-src-elem",
        originalPolicy: "default-src 'self'",
        disposition: "enforce",
        statusCode: 200,
        ...body,
      },
    })),
    ...extra,
  ]);

type Row = {
  document_uri: string | null;
  effective_directive: string | null;
  blocked_uri: string | null;
  source_file: string | null;
  line_number: number | null;
  sample: string | null;
  user_agent: string | null;
};

async function rows(): Promise<Row[]> {
  const { rows } = await sql().query<Row>(
    `SELECT document_uri, effective_directive, blocked_uri, source_file, line_number, sample, user_agent
     FROM csp_violation ORDER BY id`,
  );
  return rows;
}

async function count(): Promise<number> {
  const { rows } = await sql().query<{ n: number }>("SELECT count(*)::int AS n FROM csp_violation");
  return rows[0]!.n;
}

beforeEach(async () => {
  await sql().query("DELETE FROM csp_violation");
});

describe("POST /api/csp-report", () => {
  it("stores a report-uri report (application/csp-report), without URL queries", async () => {
    const res = await post(reportUri(), "application/csp-report");
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await rows()).toEqual([
      {
        document_uri: "http://localhost:3000/c/demo/planning?…",
        effective_directive: "script-src-elem",
        blocked_uri: "inline",
        source_file: "http://localhost:3000/c/demo",
        line_number: 12,
        sample: "alert(1)",
        user_agent: UA,
      },
    ]);
  });

  it("falls back to the violated directive's name for old browsers", async () => {
    const body = reportUri({
      "effective-directive": undefined,
      "violated-directive": "style-src 'self'",
    });
    expect((await post(body, "application/csp-report; charset=utf-8")).status).toBe(204);
    expect((await rows())[0]?.effective_directive).toBe("style-src");
  });

  it("stores Reporting API batches (application/reports+json), ignoring other report types", async () => {
    const body = reportingApi(
      [
        { lineNumber: 3, sample: "" },
        { effectiveDirective: "style-src-attr", blockedURL: "inline" },
      ],
      [{ type: "deprecation", url: "http://localhost:3000/", body: { id: "X", message: "old" } }],
    );
    const res = await post(body, "application/reports+json");
    expect(res.status).toBe(204);
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      document_uri: "http://localhost:3000/",
      blocked_uri: "https://evil.example/x.js?…",
      effective_directive: "script-src-elem",
      line_number: 3,
      user_agent: "Reporting-UA/1.0",
    });
    expect(stored[1]).toMatchObject({
      effective_directive: "style-src-attr",
      blocked_uri: "inline",
    });
  });

  it("truncates long fields to the column widths and removes NUL characters", async () => {
    const long = `http://localhost:3000/${"a".repeat(3000)}`;
    const body = reportUri({
      "document-uri": long,
      "effective-directive": `script-src${"x".repeat(500)}`,
      "script-sample": `\u0000${"é".repeat(300)}`,
    });
    expect(
      (await post(body, "application/csp-report", { "user-agent": "U".repeat(1000) })).status,
    ).toBe(204);
    const [row] = await rows();
    expect(row?.document_uri).toHaveLength(2000);
    expect(row?.effective_directive).toHaveLength(100);
    expect(row?.sample).toBe("é".repeat(200));
    expect(row?.user_agent).toHaveLength(400);
  });

  it("refuses bodies over the cap with 413, declared or streamed", async () => {
    const big = reportUri({ "script-sample": "x".repeat(CSP_REPORT_MAX_BYTES) });
    expect((await post(big, "application/csp-report")).status).toBe(413);

    const chunk = new TextEncoder().encode("x".repeat(4096));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await post(endless, "application/csp-report");
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10); // stopped reading right after the cap
    expect(await count()).toBe(0);
  });

  it("refuses invalid JSON with 400", async () => {
    for (const body of ["{", "", "not json", "\u00ff\u00fe"]) {
      const res = await post(body, "application/csp-report");
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await count()).toBe(0);
  });

  it("refuses JSON of the wrong shape with 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["application/csp-report", JSON.stringify({ "csp-report": "nope" })],
      ["application/csp-report", JSON.stringify([])],
      ["application/csp-report", reportUri({ "line-number": "twelve" })],
      ["application/reports+json", JSON.stringify({ type: "csp-violation" })],
      ["application/reports+json", JSON.stringify([])],
      ["application/reports+json", reportingApi([{ documentURL: 42 }])],
      ["application/reports+json", reportingApi(Array.from({ length: 21 }, () => ({})))],
    ];
    for (const [type, body] of cases) {
      const res = await post(body, type);
      expect(res.status, body.slice(0, 80)).toBe(400);
      const json = (await res.json()) as { code: string; fields?: Record<string, string> };
      expect(json.code).toBe("BAD_REQUEST");
      expect(Object.keys(json.fields ?? {}).length).toBeGreaterThan(0);
    }
    const res = await post(reportUri({ "line-number": "twelve" }), "application/csp-report");
    expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty([
      "csp-report.line-number",
    ]);
    expect(await count()).toBe(0);
  });

  it("accepts only the two report media types (415 otherwise)", async () => {
    for (const type of [
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      null,
    ]) {
      const res = await post(reportUri(), type);
      expect(res.status, String(type)).toBe(415);
    }
    expect(await count()).toBe(0);
  });

  it(`stores at most ${CSP_STORE_LIMIT_PER_MINUTE} reports a minute, even under concurrent posts`, async () => {
    const results = await Promise.all(
      Array.from({ length: CSP_STORE_LIMIT_PER_MINUTE + 20 }, () =>
        post(reportUri(), "application/csp-report"),
      ),
    );
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(await count()).toBe(CSP_STORE_LIMIT_PER_MINUTE);

    // Reports older than a minute no longer count against the per-minute limit.
    await sql().query("UPDATE csp_violation SET received_at = now() - interval '2 minutes'");
    expect((await post(reportUri(), "application/csp-report")).status).toBe(204);
    expect(await count()).toBe(CSP_STORE_LIMIT_PER_MINUTE + 1);
  });

  it(`stores at most ${CSP_STORE_LIMIT_PER_DAY} reports a day`, async () => {
    await sql().query(
      `INSERT INTO csp_violation (received_at, effective_directive)
       SELECT now() - interval '2 hours', 'script-src' FROM generate_series(1, $1::int)`,
      [CSP_STORE_LIMIT_PER_DAY - 1],
    );
    await post(reportingApi([{}, {}, {}]), "application/reports+json");
    expect(await count()).toBe(CSP_STORE_LIMIT_PER_DAY);
  });

  it(`deletes reports older than ${CSP_RETENTION_DAYS} days`, async () => {
    await sql().query(
      `INSERT INTO csp_violation (received_at, effective_directive) VALUES
       (now() - make_interval(days => $1::int + 1), 'old'), (now() - make_interval(days => $1::int - 1), 'recent')`,
      [CSP_RETENTION_DAYS],
    );
    await post(reportUri(), "application/csp-report");
    expect((await rows()).map((r) => r.effective_directive)).toEqual(["recent", "script-src-elem"]);
  });
});
