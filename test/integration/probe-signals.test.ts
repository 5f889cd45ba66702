/**
 * Injection and scanning probes (issue 14 §2), against a real database: proxy.ts records a
 * `security_signal` for a probe in the address and answers exactly as it would have; form
 * actions, JSON bodies and webhook bodies record the first probe in a field; secret fields are
 * never scanned, and ordinary values record nothing. (The signatures: lib/security/probe-signatures.test.ts.)
 */
import { NextRequest } from "next/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as paypalPost } from "@/app/api/webhooks/paypal/route";
import { loginAction } from "@/app/(auth)/actions";
import { readJsonBody } from "@/server/http/json-api";
import { runFormAction } from "@/server/forms/run-form-action";
import { createClub } from "../helpers/builders";
import { newRequest } from "../helpers/fake-next-request";
import { sql } from "../helpers/sql";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const PROBE = "' union select password from app_user--";
const saved = { ...process.env };
let club: { id: string; slug: string };

type Signal = {
  kind: string;
  source: string;
  club_id: string | null;
  route: string | null;
  evidence: { signature: string; where: string; field: string | null; sample: string };
};

async function signals(): Promise<Signal[]> {
  const { rows } = await sql().query<Signal>(
    "SELECT kind, source, club_id, route, evidence FROM security_signal ORDER BY id",
  );
  return rows;
}

beforeAll(async () => {
  club = await createClub();
});

beforeEach(async () => {
  await sql().query("DELETE FROM security_signal");
});

afterEach(() => {
  for (const key of ["APP_URL", "REQUIRE_HTTPS", "TRUST_PROXY"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function loadProxy(env: Record<string, string>) {
  Object.assign(process.env, env);
  vi.resetModules(); // proxy.ts caches its configuration per process
  return (await import("@/proxy")).proxy;
}

/** What Next.js hands the proxy as its second argument: the work to wait for. */
function fetchEvent() {
  const pending: Promise<unknown>[] = [];
  return {
    event: { waitUntil: (p: Promise<unknown>) => void pending.push(p) },
    settled: () => Promise.all(pending),
    pending,
  };
}

/** Status and every header, with the per-request nonce replaced, so two answers compare. */
function answerOf(res: Response) {
  const nonce = res.headers.get("x-middleware-request-x-nonce");
  const headers = [...res.headers.entries()].map(([k, v]) => [
    k,
    nonce ? v.replaceAll(nonce, "NONCE") : v,
  ]);
  return { status: res.status, headers };
}

const req = (url: string, headers: Record<string, string> = {}) =>
  new NextRequest(url, { headers });

describe("proxy.ts", () => {
  it("records a probe in the query and answers exactly as for an ordinary value", async () => {
    const proxy = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const base = `http://localhost:3000/c/${club.slug}`;
    const from = { "x-forwarded-for": "198.51.100.7" };
    const cases: Array<[string, string, string]> = [
      [
        `${base}/admin/members?q=' OR 1=1--&token=secret-token-value`,
        `${base}/admin/members?q=O'Neil&token=secret-token-value`,
        "sqli",
      ],
      [`${base}?date=<script>alert(1)</script>`, `${base}?date=2026-12-04`, "xss"],
      // A planning date the page refuses: 400 either way.
      [`${base}/planning?date=<script>alert(1)</script>`, `${base}/planning?date=someday`, "xss"],
    ];
    for (const [probe, ordinary, kind] of cases) {
      await sql().query("DELETE FROM security_signal");
      const quiet = fetchEvent();
      const expected = answerOf(proxy(req(ordinary, from), quiet.event));
      expect(quiet.pending).toHaveLength(0);

      const noisy = fetchEvent();
      const res = proxy(req(probe, from), noisy.event);
      expect(answerOf(res), probe).toEqual(expected);
      await noisy.settled();
      const rows = await signals();
      expect(rows, probe).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        kind: `probe.${kind}`,
        source: "198.51.100.7",
        club_id: club.id,
        route: new URL(probe).pathname,
        evidence: { where: "query", field: kind === "sqli" ? "q" : "date" },
      });
      expect(JSON.stringify(rows[0])).not.toContain("secret-token-value");
    }
    const [planning] = await signals();
    expect(planning!.evidence).toEqual({
      signature: "<script",
      where: "query",
      field: "date",
      sample: "<script>alert(1)</script>",
    });
  });

  it("records nothing for O'Brien, a date or an asset", async () => {
    const proxy = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const { event, pending } = fetchEvent();
    for (const url of [
      `http://localhost:3000/c/${club.slug}/admin/members?q=O'Brien`,
      `http://localhost:3000/c/${club.slug}/planning?date=2026-12-04`,
      "http://localhost:3000/_next/static/chunks/main-0123abcd.js",
    ]) {
      expect(proxy(req(url), event).status).toBe(200);
    }
    expect(pending).toHaveLength(0);
    expect(await signals()).toEqual([]);
  });

  it("behind the reverse proxy: the same redirect, the proxy's hop as source, scanner paths", async () => {
    const proxy = await loadProxy({
      APP_URL: "https://courts.example.org",
      REQUIRE_HTTPS: "true",
      TRUST_PROXY: "true",
    });
    const { event, settled } = fetchEvent();
    const headers = { "x-forwarded-for": "192.0.2.1, 203.0.113.44" };
    const res = proxy(
      req(`http://10.0.0.5:3000/c/${club.slug}?q=1'/**/or/**/'1'='1`, headers),
      event,
    );
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(
      `https://courts.example.org/c/${club.slug}?q=1%27/**/or/**/%271%27=%271`,
    );
    const scan = proxy(req("http://10.0.0.5:3000/wp-login.php", headers), event);
    expect(scan.status).toBe(308);
    await settled();
    const rows = await signals();
    expect(rows.map((r) => [r.kind, r.source, r.club_id, r.evidence.where]).sort()).toEqual([
      ["probe.scanner", "203.0.113.44", null, "path"],
      ["probe.sqli", "203.0.113.44", club.id, "query"],
    ]);
  });

  it("a probe in a path the proxy refuses is recorded, and the refusal is unchanged", async () => {
    const proxy = await loadProxy({ APP_URL: "http://localhost:3000", TRUST_PROXY: "false" });
    const { event, settled } = fetchEvent();
    const res = proxy(req("http://localhost:3000/c/x/photo.png%00.php"), event);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/control character/);
    await settled();
    const [row] = await signals();
    expect(row).toMatchObject({ kind: "probe.scanner", source: "unknown", club_id: null });
  });
});

describe("bodies", () => {
  it("a form field records probe.sqli with where body and the field's name; the action answers as before", async () => {
    newRequest({
      ip: "198.51.100.20",
      headers: { referer: `http://localhost:3000/c/${club.slug}/admin/members` },
    });
    const form = new FormData();
    form.set("note", PROBE);
    form.set("password", "hunter2-secret");
    const state = await runFormAction(form, async () => ({ status: "success", message: "Saved." }));
    expect(state).toEqual({ status: "success", message: "Saved." });
    expect(await signals()).toEqual([
      {
        kind: "probe.sqli",
        source: "198.51.100.20",
        club_id: club.id,
        route: `/c/${club.slug}/admin/members`,
        evidence: { signature: "union select", where: "body", field: "note", sample: PROBE },
      },
    ]);
  });

  it("the sign-in action: a probe in the email is recorded once, the same text as a password is not scanned", async () => {
    newRequest({ ip: "198.51.100.21", headers: { referer: "http://localhost:3000/login" } });
    const asEmail = new FormData();
    asEmail.set("email", PROBE);
    asEmail.set("password", PROBE);
    const refused = await loginAction({ status: "idle" }, asEmail);
    const plain = new FormData();
    plain.set("email", "not-an-email");
    plain.set("password", "whatever-it-is");
    const ordinary = await loginAction({ status: "idle" }, plain);
    expect(refused.status).toBe(ordinary.status);
    expect(Object.keys(refused.status === "error" ? (refused.fields ?? {}) : {})).toEqual(
      Object.keys(ordinary.status === "error" ? (ordinary.fields ?? {}) : {}),
    );
    const rows = await signals();
    expect(rows.map((r) => [r.kind, r.source, r.route, r.evidence.field])).toEqual([
      ["probe.sqli", "198.51.100.21", "/login", "email"],
    ]);

    newRequest({ ip: "198.51.100.22" });
    const secretOnly = new FormData();
    secretOnly.set("email", "member@example.test");
    secretOnly.set("password", PROBE);
    await loginAction({ status: "idle" }, secretOnly);
    expect(await signals()).toHaveLength(1);
  });

  it("a JSON string value records probe.sqli with its path; a password holding it records nothing", async () => {
    const post = (body: unknown) =>
      new Request(`http://localhost:3000/api/c/${club.slug}/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.30" },
        body: JSON.stringify(body),
      });
    const body = { courtId: "x", players: [{ name: "O'Brien" }, { name: PROBE }] };
    expect(await readJsonBody(post(body), 8 * 1024)).toEqual(body);
    expect(await readJsonBody(post({ password: PROBE, newPassword: PROBE }), 8 * 1024)).toEqual({
      password: PROBE,
      newPassword: PROBE,
    });
    expect(await signals()).toEqual([
      {
        kind: "probe.sqli",
        source: "198.51.100.30",
        club_id: club.id,
        route: `/api/c/${club.slug}/bookings`,
        evidence: {
          signature: "union select",
          where: "body",
          field: "players.1.name",
          sample: PROBE,
        },
      },
    ]);
  });

  it("a webhook body is recorded by public-intake and answered as before", async () => {
    const deliver = (eventType: string, ip: string) =>
      paypalPost(
        new Request("http://localhost:3000/api/webhooks/paypal", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ip },
          body: JSON.stringify({ id: "WH-1", event_type: eventType }),
        }),
      );
    const ordinary = await deliver("CHECKOUT.ORDER.APPROVED", "198.51.100.41");
    const res = await deliver("<script>alert(1)</script>", "198.51.100.40");
    expect(res.status).toBe(ordinary.status);
    expect(await res.json()).toEqual(await ordinary.json());
    const rows = await signals();
    expect(rows.map((r) => [r.kind, r.source, r.route, r.evidence.field])).toEqual([
      ["probe.xss", "198.51.100.40", "/api/webhooks/paypal", "event_type"],
    ]);
  });

  it("the sample is cut to 120 characters without control characters", async () => {
    const long = `${PROBE}\t${"x".repeat(300)}`;
    await readJsonBody(
      new Request("http://localhost:3000/api/x", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ note: long }),
      }),
      8 * 1024,
    );
    const [row] = await signals();
    expect(row!.evidence.sample).toBe(`${PROBE}${"x".repeat(120 - PROBE.length)}`);
    expect(row!.source).toBe("unknown");
    expect(row!.club_id).toBeNull();
  });
});
