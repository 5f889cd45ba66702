/**
 * Hostile input, as a scanner sends it, to every route handler and every page of the `app/` tree
 * (docs/decisions/016-hostile-input.md). The routes are discovered from the files, so a new route
 * is covered without anyone adding it here. Over real HTTP against the production server, because
 * the percent-decoding of dynamic segments happens in Next.js's router: calling the handlers
 * directly would miss exactly the failures this spec is about.
 *
 * For each route: malformed percent-encoding, invalid UTF-8 (overlong, surrogate) and control
 * characters in each dynamic segment; NUL and other controls in a query value; a long and a 100 KB
 * query value; for each method the route exports: a huge body, a NUL in a JSON and a form value,
 * invalid UTF-8, an unexpected media type, JSON where a form is expected and the reverse; every
 * method it does not export. Anonymous and as a signed-in player. Everything answers < 500, a
 * refusal names the problem, and a refused request writes nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import type pg from "pg";
import { baseURL } from "../playwright.config";
import { DEMO_PLAYER_PASSWORD } from "./booking-helpers";
import { e2eDatabase, expect, test } from "./fixtures";

const APP_DIR = path.join(process.cwd(), "app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number] | "HEAD" | "OPTIONS";

/** Marks the well-formed (not hostile) bodies the payment webhooks are designed to keep. */
const KEPT_MARKER = "hostile-wellformed";

type Route = {
  file: string;
  kind: "route" | "page";
  /** Path segments: literal, or { param } for `[x]` / `[...x]`. */
  segments: Array<string | { param: string; catchAll: boolean }>;
  methods: Method[];
};

function discoverRoutes(): Route[] {
  const routes: Route[] = [];
  const files = readdirSync(APP_DIR, { recursive: true, encoding: "utf8" }).filter((f) =>
    /(^|\/)(route\.ts|page\.tsx)$/.test(f),
  );
  for (const file of files.sort()) {
    const parts = file.split("/").slice(0, -1);
    if (parts.some((p) => p.startsWith("@") || p.startsWith("_"))) continue;
    const segments = parts
      .filter((p) => !/^\(.*\)$/.test(p))
      .map((p) => {
        const m = /^\[(\.\.\.)?\[?(\.\.\.)?([^\]]+)\]?\]$/.exec(p);
        return m ? { param: m[3]!, catchAll: Boolean(m[1] ?? m[2]) } : p;
      });
    const kind = file.endsWith("route.ts") ? "route" : "page";
    let methods: Method[] = ["GET"];
    if (kind === "route") {
      const source = readFileSync(path.join(APP_DIR, file), "utf8");
      methods = METHODS.filter((m) =>
        new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b|\\bas\\s+${m}\\b`).test(
          source,
        ),
      );
    }
    routes.push({ file, kind, segments, methods });
  }
  return routes;
}

/** Percent-encoded values that are not valid percent-encoding, not UTF-8, or controls. */
const HOSTILE_SEGMENTS = [
  "%zz",
  "%E0%A4%A",
  "%ED%A0%80",
  "%C0%AE%C0%AE%2F",
  "%FF%FE",
  "a%00b",
  "a%0Ab",
  "a%1Bb",
  "a%7Fb",
];
const CONTROL_QUERIES = ["q=a%00b", "q=%01", "q=a%0D%0Ab", "R=%00&q=x"];
/**
 * Bad escapes in a query: Next.js re-encodes the query before proxy.ts and the handlers see it
 * (`%zz` → `%25zz`, invalid UTF-8 → U+FFFD), so they only have to be answered below 500. What
 * reaches the Paybox IPN is then a well-formed, unattributable message, which it keeps by design.
 */
const MALFORMED_QUERIES = [`q=%zz%ED%A0%80&m=${KEPT_MARKER}`, `q=%C0%AE%FF&m=${KEPT_MARKER}`];

type Probe = {
  what: string;
  method: Method;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A refusal must carry this text. */
  expectText?: RegExp;
  expectStatus?: number;
};

const probeResults: Array<{ probe: Probe; status: number; text: string; auth: boolean }> = [];

function concretePath(route: Route, values: Record<string, string>, hostile?: [string, string]) {
  return (
    "/" +
    route.segments
      .map((s) => {
        if (typeof s === "string") return s;
        if (hostile && hostile[0] === s.param) return hostile[1];
        return values[s.param] ?? "x";
      })
      .join("/")
  );
}

function probesFor(route: Route, values: Record<string, string>): Probe[] {
  const probes: Probe[] = [];
  const base = concretePath(route, values);
  const main = route.methods[0] ?? "GET";
  for (const seg of route.segments) {
    if (typeof seg === "string") continue;
    for (const value of HOSTILE_SEGMENTS) {
      probes.push({
        what: `[${seg.param}]=${value}`,
        method: main,
        url: concretePath(route, values, [seg.param, value]),
        expectStatus: 400,
        expectText: /not valid percent-encoding\/UTF-8|contains a control character/,
      });
    }
  }
  for (const query of CONTROL_QUERIES) {
    probes.push({
      what: `?${query}`,
      method: main,
      url: `${base}?${query}`,
      expectStatus: 400,
      expectText: /not valid percent-encoding\/UTF-8|contains a control character/,
    });
  }
  for (const query of MALFORMED_QUERIES) {
    probes.push({ what: `?${query}`, method: main, url: `${base}?${query}` });
  }
  probes.push(
    {
      what: "6 KB query value",
      method: main,
      url: `${base}?q=${"a".repeat(6 * 1024)}`,
      expectStatus: 414,
      expectText: /URI Too Long/,
    },
    // Over Node's 16 KB header limit: answered 431 by its HTTP parser, before the app.
    { what: "100 KB query value", method: main, url: `${base}?q=${"a".repeat(100 * 1024)}` },
  );
  probes.push({
    what: "3 KB query value",
    method: main,
    url: `${base}?q=${KEPT_MARKER}${"a".repeat(3000)}&R=${"b".repeat(500)}`,
  });

  const bodyMethods = route.kind === "page" ? ["POST" as const] : route.methods;
  for (const method of bodyMethods.filter((m) => m !== "GET")) {
    const json = { "Content-Type": "application/json" };
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    probes.push(
      {
        what: "1 MiB JSON body",
        method,
        url: base,
        headers: json,
        body: JSON.stringify({ q: "a".repeat(1024 * 1024) }),
      },
      {
        what: "NUL in a JSON string",
        method,
        url: base,
        headers: json,
        body: '{"email":"a\\u0000b@example.test","q":"a\\u0000b","event_type":"x\\u0000"}',
      },
      { what: "NUL in a form value", method, url: base, headers: form, body: "email=a%00b&R=%00" },
      {
        what: "invalid UTF-8 JSON",
        method,
        url: base,
        headers: json,
        body: Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xc0, 0xae, 0xff, 0x22, 0x7d]),
      },
      {
        what: "raw NUL byte in the body",
        method,
        url: base,
        headers: json,
        body: Buffer.from('{"q":"a\0b"}'),
      },
      {
        what: "unexpected media type",
        method,
        url: base,
        headers: { "Content-Type": "application/x-hostile" },
        body: "hello",
      },
      {
        what: "JSON where a form may be expected",
        method,
        url: base,
        headers: json,
        body: JSON.stringify({ probe: KEPT_MARKER, email: "nobody@example.test" }),
      },
      {
        what: "form where JSON may be expected",
        method,
        url: base,
        headers: form,
        body: `probe=${KEPT_MARKER}&email=nobody%40example.test`,
      },
    );
  }
  if (route.kind === "route") {
    for (const method of METHODS.filter((m) => !route.methods.includes(m))) {
      probes.push({ what: `${method} not exported`, method, url: base, expectStatus: 405 });
    }
    probes.push({ what: "OPTIONS", method: "OPTIONS", url: base });
    if (route.methods.includes("GET")) probes.push({ what: "HEAD", method: "HEAD", url: base });
  } else {
    for (const method of ["PUT", "PATCH", "DELETE"] as const)
      probes.push({ what: `${method} on a page`, method, url: base });
  }
  return probes;
}

/**
 * Row counts of every table, except the rate-limit counters (a refused request counts) and what
 * threat detection writes by design: a probe is a security signal, it may raise an alert and its
 * email, and the worker's detection pass takes and gives back its lease every few seconds
 * (docs/decisions/023-threat-detection.md).
 */
const WRITTEN_BY_DETECTION = [
  "rate_limit",
  "security_signal",
  "security_alert",
  "security_log_cursor",
  "job_lease",
];
async function tableCounts(db: pg.Client): Promise<Map<string, number>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
     ORDER BY 1`,
    [WRITTEN_BY_DETECTION],
  );
  const sql = tables
    .map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`)
    .join(" UNION ALL ");
  const { rows } = await db.query<{ name: string; n: number }>(sql);
  const counts = new Map(rows.map((r) => [r.name, r.n]));
  // The payment webhooks keep well-formed, unverified messages by design (size-limited,
  // rate-limited per source, purged after their retention): those rows are not counted.
  const kept = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM payment_event WHERE NOT verified AND raw_body LIKE $1`,
    [`%${KEPT_MARKER}%`],
  );
  counts.set("payment_event", (counts.get("payment_event") ?? 0) - kept.rows[0]!.n);
  // Security alert emails, queued and delivered to the dev mailbox.
  const alerts = await db.query<{ outbox: number; mailbox: number }>(
    `SELECT (SELECT count(*)::int FROM email_outbox WHERE template = 'security-alert') AS outbox,
            (SELECT count(*)::int FROM dev_mailbox_message m
              WHERE m.outbox_id IN (SELECT id FROM email_outbox WHERE template = 'security-alert')) AS mailbox`,
  );
  counts.set("email_outbox", (counts.get("email_outbox") ?? 0) - alerts.rows[0]!.outbox);
  counts.set(
    "dev_mailbox_message",
    (counts.get("dev_mailbox_message") ?? 0) - alerts.rows[0]!.mailbox,
  );
  return counts;
}

/**
 * Waits until the mail worker has delivered everything queued (the sign-in above queues a
 * new-device notice): otherwise its delivery into the dev mailbox lands in the middle of the probes
 * and looks like a row a probe wrote.
 */
async function outboxDelivered(db: pg.Client): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_outbox
       WHERE status IN ('CLAIMED', 'SENDING') OR (status = 'PENDING' AND next_attempt_at <= now())`,
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the mail worker did not deliver the queued emails within 30 s");
}

function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([t, n]) => before.get(t) !== n)
    .map(([t, n]) => `${t}: ${before.get(t)} → ${n}`);
}

async function send(api: APIRequestContext, p: Probe): Promise<APIResponse> {
  return api.fetch(p.url, {
    method: p.method,
    headers: {
      // A source address of its own, so that the per-address limits of other specs are not hit.
      "X-Forwarded-For": "198.51.100.77",
      "Idempotency-Key": randomUUID(),
      ...p.headers,
    },
    ...(p.body !== undefined ? { data: p.body } : {}),
    maxRedirects: 0,
    failOnStatusCode: false,
    timeout: 20_000,
  });
}

async function check(api: APIRequestContext, p: Probe, auth: boolean): Promise<void> {
  const res = await send(api, p);
  const status = res.status();
  const text = p.method === "HEAD" ? "" : await res.text().catch(() => "");
  probeResults.push({ probe: p, status, text: text.slice(0, 200), auth });
}

/** Sends every probe; returns what was written by requests that should have written nothing. */
async function runAll(
  api: APIRequestContext,
  probes: Probe[],
  auth: boolean,
  db: pg.Client,
): Promise<string[]> {
  const reads = probes.filter((p) => ["GET", "HEAD", "OPTIONS"].includes(p.method));
  const writes = probes.filter((p) => !reads.includes(p));
  const written: string[] = [];
  const before = await tableCounts(db);
  for (let i = 0; i < reads.length; i += 6) {
    await Promise.all(reads.slice(i, i + 6).map((p) => check(api, p, auth)));
  }
  const byReads = changed(before, await tableCounts(db));
  if (byReads.length) written.push(`by GET/HEAD/OPTIONS: ${byReads.join(", ")}`);
  // Mutations one by one: a refused request (3xx, 4xx) must have written nothing.
  for (const p of writes) {
    const b = await tableCounts(db);
    await check(api, p, auth);
    const last = probeResults.at(-1)!;
    if (last.status >= 300) {
      const diff = changed(b, await tableCounts(db));
      if (diff.length) written.push(`${p.method} ${p.url} (${p.what}) → ${last.status}: ${diff}`);
    }
  }
  return written;
}

function failures(auth: boolean): string[] {
  const out: string[] = [];
  for (const { probe: p, status, text, auth: a } of probeResults) {
    if (a !== auth) continue;
    const label = `${p.method} ${p.url.slice(0, 120)} (${p.what}) → ${status}`;
    if (status >= 500) out.push(`${label}: ${text.slice(0, 80)}`);
    else if (p.expectStatus !== undefined && status !== p.expectStatus)
      out.push(`${label}: expected ${p.expectStatus}`);
    else if (p.expectText && !p.expectText.test(text))
      out.push(`${label}: body "${text.slice(0, 80)}"`);
    // 404, 405 and 431 (from Node's parser) name the problem by their status alone.
    else if (
      status >= 400 &&
      ![404, 405, 431].includes(status) &&
      p.method !== "HEAD" &&
      !text.trim()
    )
      out.push(`${label}: a refusal without a body naming the problem`);
  }
  return out;
}

let routes: Route[] = [];
let values: Record<string, string> = {};

test.beforeAll(() => {
  routes = discoverRoutes();
  // Random ids: a real one would make an authenticated probe act on real data (cancel a
  // booking, leave a waitlist), and the shape is what the probes are about.
  values = {
    club: "demo",
    id: randomUUID(),
    paymentId: randomUUID(),
    token: "not-a-real-token",
    nextauth: "session",
  };
});

test("the app tree is discovered", () => {
  const pages = routes.filter((r) => r.kind === "page");
  const handlers = routes.filter((r) => r.kind === "route");
  expect(handlers.length).toBeGreaterThan(15);
  expect(pages.length).toBeGreaterThan(15);
  expect(
    routes.filter((r) => r.segments.some((s) => typeof s !== "string")).length,
  ).toBeGreaterThan(20);
  expect(handlers.find((r) => r.file.includes("[...nextauth]"))?.methods).toEqual(["GET", "POST"]);
});

test("hostile input to every route and page, signed out: < 500, refusals named, nothing written", async () => {
  test.setTimeout(240_000);
  const api = await playwrightRequest.newContext({ baseURL });
  const db = await e2eDatabase();
  try {
    const probes = routes.flatMap((r) => probesFor(r, values));
    // next-auth's own endpoints beyond `session`: the credentials callback is the one that parses
    // a body.
    const auth = routes.find((r) => r.file.includes("[...nextauth]"))!;
    for (const action of ["callback/credentials", "signin/credentials", "signout", "csrf"]) {
      probes.push(...probesFor(auth, { ...values, nextauth: action }));
    }
    const written = await runAll(api, probes, false, db);
    const failed = failures(false);
    console.log(
      `hostile-input (signed out): ${routes.length} routes and pages, ${probes.length} requests, ` +
        `${probeResults.filter((r) => !r.auth && r.status >= 500).length} answered 500`,
    );
    expect(failed, "answers").toEqual([]);
    expect(written, "rows written by requests that should write nothing").toEqual([]);
  } finally {
    await db.end();
    await api.dispose();
  }
});

test("hostile input to every route and page as a signed-in player", async () => {
  test.setTimeout(240_000);
  const api = await playwrightRequest.newContext({ baseURL });
  const db = await e2eDatabase();
  try {
    const csrf = await api.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await api.post("/api/auth/callback/credentials", {
      form: {
        csrfToken,
        email: "emma@courtside.test",
        password: DEMO_PLAYER_PASSWORD,
        json: "true",
      },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBeLessThan(400);
    const session = (await (await api.get("/api/auth/session")).json()) as { user?: unknown };
    expect(session.user, "signed in").toBeTruthy();
    await outboxDelivered(db);

    const probes = routes
      .filter((r) => !r.file.includes("[...nextauth]"))
      .flatMap((r) => probesFor(r, values));
    const written = await runAll(api, probes, true, db);
    const failed = failures(true);
    console.log(
      `hostile-input (signed in): ${probes.length} requests, ` +
        `${probeResults.filter((r) => r.auth && r.status >= 500).length} answered 500`,
    );
    expect(failed, "answers").toEqual([]);
    expect(written, "rows written by requests that should write nothing").toEqual([]);
  } finally {
    await db.end();
    await api.dispose();
  }
});
