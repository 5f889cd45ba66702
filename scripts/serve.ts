/**
 * The production HTTP server (`npm start` runs it through scripts/dev.ts --prod; a deployment runs
 * `npm run serve`, i.e. `node --import tsx scripts/serve.ts`, never bare `next start`). Next.js's
 * programmatic API behind node:http, with one addition: before Next.js sees a request, its
 * client address headers are rewritten from the socket (lib/client-address.ts), so that a client
 * cannot choose the address the throttles and the audit log see
 * (docs/decisions/015-secrets-at-rest-and-client-address.md).
 *
 * Flags: -p/--port PORT (default $PORT or 3000), -H/--hostname HOST (default all interfaces).
 * Refuses to start on an invalid configuration. Prints "Ready on …" once listening; SIGTERM or
 * SIGINT stops accepting connections, lets requests in flight finish (up to 10 s), then exits.
 */
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { withClientAddress } from "../lib/client-address.ts";
import { parseEnv } from "../lib/env-schema.ts";
import { DB_APPLICATION_NAMES, defaultApplicationName } from "../lib/db-application-names.ts";

// The database server's log tells the web server's connections apart (lib/db-application-names.ts).
if (process.env.DATABASE_URL && URL.canParse(process.env.DATABASE_URL))
  process.env.DATABASE_URL = defaultApplicationName(
    process.env.DATABASE_URL,
    DB_APPLICATION_NAMES.web,
  );

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const port = Number(flags.port ?? process.env.PORT ?? 3000);
const hostname = flags.hostname;
const root = path.resolve(import.meta.dirname, "..");
(process.env as Record<string, string>).NODE_ENV ??= "production";

function loadEnv() {
  try {
    return parseEnv(process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
const env = loadEnv();

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, port, ...(hostname ? { hostname } : {}) });
await app.prepare();

const server = createServer(
  withClientAddress(app.getRequestHandler(), { trustProxy: env.TRUST_PROXY }),
);
server.listen(port, hostname, () => {
  const source = env.TRUST_PROXY
    ? "the last X-Forwarded-For hop (TRUST_PROXY=true)"
    : "the socket (TRUST_PROXY=false)";
  console.log(
    `✓ Ready on http://${hostname ?? "localhost"}:${port} — client address from ${source}`,
  );
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 10_000);
  force.unref();
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
