/**
 * `npm start` as an operator meets it (playwright.production.config.ts; runs on the production
 * build): a plain start refuses and names what to set; a complete production configuration
 * starts with HTTPS required, Secure `__Host-` cookies and no demo login; a database holding the
 * demo accounts is refused by the launcher, by a bare `next start` and by the worker.
 * docs/decisions/013-production-safe-by-default.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/db/embedded";
import { migrate } from "../../scripts/db/migrator";
import { scratchDir } from "../../scripts/db/scratch-dir";
import { socketDirFor, socketUrl } from "../../scripts/db/socket-dir";
import { DEMO_ACCOUNTS } from "../../scripts/seed/demo-accounts";
import { seedDemo } from "../../scripts/seed/demo";
import { createDkimKey } from "../../test/helpers/dkim-key";
import { SmtpSink } from "../../test/helpers/smtp-sink";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.E2E_PROD_PORT ?? 3170);
const pgPort = port + 20000;
const httpsOrigin = `https://localhost:${port}`;
const local = `http://localhost:${port}`;

/** What a fresh machine has: no Courtside variable at all (PATH and HOME for node and tsx). */
type Env = Record<string, string | undefined>;

function freshMachineEnv(): Env {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(command: string[], env: Env): Run {
  const child = spawn(process.execPath, command, {
    cwd: root,
    // Only these variables: NODE_ENV too is unset unless the test sets it.
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

const launcher = (dataDir: string) => [
  "--import",
  "tsx",
  "scripts/dev.ts",
  "--prod",
  "--quiet",
  "--data-dir",
  dataDir,
];

async function stop(r: Run): Promise<void> {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGTERM");
  await r.exited;
}

/** Waits for the server to answer on /api/health (through "our TLS proxy": X-Forwarded-Proto). */
async function healthy(r: Run): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (r.child.exitCode !== null) throw new Error(`the server exited:\n${r.output()}`);
    if (Date.now() > deadline) throw new Error(`not healthy within 90 s:\n${r.output()}`);
    const ok = await fetch(`${local}/api/health`, {
      headers: { "x-forwarded-proto": "https" },
    }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const sink = new SmtpSink();
const dkimDir = scratchDir(`prod-e2e-${port}-keys`);

test.beforeAll(async () => {
  await sink.start();
  await mkdir(dkimDir, { recursive: true });
});
test.afterAll(async () => {
  await sink.stop();
  await rm(dkimDir, { recursive: true, force: true });
});

const repo1 = scratchDir(`prod-e2e-${port}-repo1`);
const repo2 = scratchDir(`prod-e2e-${port}-repo2`);
const backupPasses = [randomBytes(36).toString("base64"), randomBytes(36).toString("base64")];

/** Everything a production deployment must set (docs/operations.md), on one machine. */
async function completeProductionEnv(): Promise<Env> {
  // Repositories of an earlier run belong to another cluster. The operator prepares the folders
  // (the launcher never creates a production repository), owned by the PostgreSQL user.
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const [uid, gid] = [id("-u"), id("-g")].map((r) => (r.status === 0 ? Number(r.stdout) : NaN));
  for (const dir of [repo1, repo2]) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true, mode: 0o750 });
    if (process.getuid?.() === 0 && Number.isInteger(uid) && Number.isInteger(gid)) {
      await chown(dir, uid!, gid!);
    }
  }
  const keyFile = path.join(dkimDir, "dkim.pem");
  await writeFile(keyFile, createDkimKey("courtside-club.org", "cs2026").privateKey, {
    mode: 0o600,
  });
  return {
    ...freshMachineEnv(),
    APP_URL: httpsOrigin,
    // TLS ends at the reverse proxy, which sets X-Forwarded-Proto (the test sends it).
    TRUST_PROXY: "true",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    MAIL_TOKEN_SECRET: randomBytes(32).toString("hex"),
    PAYMENT_CREDENTIALS_KEY: randomBytes(32).toString("base64"),
    TWO_FACTOR_KEY: randomBytes(32).toString("base64"),
    SMTP_URL: sink.url,
    SMTP_REQUIRE_TLS: "false",
    MAIL_FROM: "Courtside <no-reply@courtside-club.org>",
    DKIM_DOMAIN: "courtside-club.org",
    DKIM_SELECTOR: "cs2026",
    DKIM_PRIVATE_KEY_FILE: keyFile,
    ALLOW_EMBEDDED_DATABASE: "true",
    LOG_LEVEL: "warn",
    // Backups are on by default in production: two encrypted repositories apart from the data.
    BACKUP_REPO1_PATH: repo1,
    BACKUP_REPO2_PATH: repo2,
    BACKUP_REPO1_CIPHER_PASS: backupPasses[0],
    BACKUP_REPO2_CIPHER_PASS: backupPasses[1],
    OPERATOR_EMAIL: "ops@courtside-club.org",
  };
}

/** The superuser's URL of the launcher's embedded database in `dataDir` (its Unix socket only). */
function superuserUrl(dataDir: string, password: string): string {
  const socketDir = socketDirFor(path.join(dataDir, "pg"), pgPort);
  return socketUrl({ user: "postgres", password, socketDir, port: pgPort, database: "courtside" });
}

/** Rows of a query on the embedded production database of the complete-configuration test. */
async function db2(
  dataDir: string,
  password: string,
  text: string,
): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: superuserUrl(dataDir, password) });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: "serial" });

test("a plain `npm start` on a fresh machine refuses and names every variable to set", async () => {
  const dataDir = scratchDir(`prod-e2e-${port}-plain`);
  await rm(dataDir, { recursive: true, force: true });
  const r = run(launcher(dataDir), freshMachineEnv());
  const code = await r.exited;
  const out = r.output();
  expect(code, out).toBe(1);
  expect(out).toContain("Refusing to start this production deployment");
  for (const variable of [
    "DATABASE_URL",
    "ALLOW_EMBEDDED_DATABASE=true",
    "APP_URL",
    "AUTH_SECRET",
    "MAIL_TOKEN_SECRET",
    "TWO_FACTOR_KEY",
    "SMTP_URL",
    "DKIM_DOMAIN",
    "BACKUP_REPO1_PATH",
    "BACKUP_REPO2_PATH",
    "BACKUP_REPO1_CIPHER_PASS",
    "OPERATOR_EMAIL",
  ]) {
    expect(out, variable).toContain(variable);
  }
  expect(out, "nothing was started").not.toContain("starting embedded PostgreSQL");
  expect(existsSync(dataDir), "no data folder, no generated secret").toBe(false);
});

test("the embedded database alone is not a production configuration: the rest is still named", async () => {
  const dataDir = scratchDir(`prod-e2e-${port}-embedded-only`);
  const r = run(launcher(dataDir), { ...freshMachineEnv(), ALLOW_EMBEDDED_DATABASE: "true" });
  expect(await r.exited).toBe(1);
  expect(r.output()).not.toContain("DATABASE_URL: is required");
  expect(r.output()).toMatch(/APP_URL: must be the https:\/\/ address/);
  expect(r.output()).toMatch(/MAIL_FROM: must be an address on your own mail domain/);
});

test("a complete production configuration starts: HTTPS required, Secure prefixed cookies, no demo data, no demo login", async () => {
  const dataDir = scratchDir(`prod-e2e-${port}-complete`);
  await rm(dataDir, { recursive: true, force: true });
  const r = run(launcher(dataDir), await completeProductionEnv());
  try {
    await healthy(r);
    expect(r.output()).toContain("production deployment");
    expect(r.output()).not.toMatch(/demo-owner-court-2026|Demo logins/);

    // REQUIRE_HTTPS defaults to true: plain HTTP is sent to HTTPS.
    const plain = await fetch(`${local}/login`, { redirect: "manual" });
    expect(plain.status).toBe(308);
    expect(plain.headers.get("location")).toBe(`${httpsOrigin}/login`);

    // next-auth's CSRF cookie: __Host-, Secure, HttpOnly.
    const https = { "x-forwarded-proto": "https" };
    const csrfRes = await fetch(`${local}/api/auth/csrf`, { headers: https });
    const csrfCookies = csrfRes.headers.getSetCookie();
    expect(csrfCookies.length).toBeGreaterThan(0);
    for (const c of csrfCookies) {
      expect(c).toMatch(/^__(Host|Secure)-/);
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
    }
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const jar = csrfCookies.map((c) => c.split(";")[0]!).join("; ");

    for (const account of DEMO_ACCOUNTS) {
      const res = await fetch(`${local}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...https,
          "content-type": "application/x-www-form-urlencoded",
          cookie: jar,
          origin: httpsOrigin,
        },
        body: new URLSearchParams({
          csrfToken,
          email: account.email,
          password: account.password,
          json: "true",
        }),
      });
      const session = res.headers.getSetCookie().find((c) => c.includes("session-token="));
      expect(session, `${account.email} must not sign in`).toBeUndefined();
    }

    // The database holds no demo club or account, and the data folder holds no key.
    const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
    const db = new pg.Client({ connectionString: superuserUrl(dataDir, password) });
    await db.connect();
    try {
      const users = await db.query(`SELECT count(*)::int AS n FROM app_user`);
      const clubs = await db.query(`SELECT count(*)::int AS n FROM club`);
      expect(users.rows[0].n).toBe(0);
      expect(clubs.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
    const files = await readdir(dataDir);
    expect(files.filter((f) => /secret|key|backup-repo/i.test(f))).toEqual([]);

    // Backups run from the start: WAL archived, and the worker's first full backup in each
    // repository; no file of the data folder (what a backup holds and more) has a passphrase.
    expect(r.output()).toContain("backups on: WAL archived continuously");
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await db2(
        dataDir,
        password,
        `SELECT repo, backup_count FROM backup_repo_status ORDER BY repo`,
      );
      if (status.length === 2 && status.every((s) => Number(s.backup_count) >= 1)) break;
      if (Date.now() > deadline) throw new Error(`no backups after 60 s:\n${r.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const bytes = readFileSync(path.join(entry.parentPath, entry.name));
      for (const pass of backupPasses) expect(bytes.includes(pass), entry.name).toBe(false);
    }
  } finally {
    await stop(r);
  }
});

test("a production database with the demo accounts is refused by the launcher, a bare `next start` and the worker", async () => {
  const dataDir = scratchDir(`prod-e2e-${port}-demo`);
  await rm(dataDir, { recursive: true, force: true });
  // A database that once served a trial: migrated and seeded with the demo club.
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, port: pgPort });
  let databaseUrl: string;
  try {
    await server.ensureDatabase("courtside");
    databaseUrl = server.url("courtside");
    await migrate(databaseUrl);
    const env: Env = {
      ...(await completeProductionEnv()),
      DATABASE_URL: databaseUrl,
      ALLOW_EMBEDDED_DATABASE: undefined,
      // This database is not the deployment's own: backed up by whoever runs it.
      BACKUPS: "off",
    };
    // The seed seals the demo staff's TOTP keys with the deployment's key, as the launcher does.
    process.env.TWO_FACTOR_KEY = env.TWO_FACTOR_KEY;
    await seedDemo(databaseUrl, { deployment: "test" });

    const viaLauncher = run(launcher(dataDir), env);
    expect(await viaLauncher.exited).toBe(1);
    expect(viaLauncher.output()).toContain("Refusing to start a production deployment");
    for (const a of DEMO_ACCOUNTS) expect(viaLauncher.output()).toContain(a.email);

    const bareNext = run(
      [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      { ...env, NODE_ENV: "production" },
    );
    const nextCode = await Promise.race([
      bareNext.exited,
      new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 60_000)),
    ]);
    if (nextCode === "running") await stop(bareNext);
    expect(nextCode, bareNext.output()).toBe(1);
    expect(bareNext.output()).toContain("the demo account owner@courtside.test");

    const worker = run(["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      ...env,
      NODE_ENV: "production",
    });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("the demo account staff@courtside.test");
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
