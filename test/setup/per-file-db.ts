/**
 * Runs before each integration test file: creates a fresh database from the migrated template and
 * points DATABASE_URL (read by server/env.ts) at it, so that files never see each other's data.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { appRoleUrl } from "../../scripts/db/roles.ts";
import { DB_APPLICATION_NAMES } from "../../lib/db-application-names.ts";
import { withDatabase } from "./global-db.ts";

const adminUrl = inject("pgAdminUrl");
const template = inject("pgTemplateDb");
const name = `t_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
await admin.end();

// The app code under test connects as courtside_app, with the privileges it has in production;
// raw test setup (test/helpers/sql.ts) uses the superuser of this file's database.
process.env.ADMIN_DATABASE_URL = withDatabase(adminUrl, name);
process.env.DATABASE_URL = appRoleUrl(
  withDatabase(adminUrl, name),
  inject("pgAppPassword"),
  DB_APPLICATION_NAMES.web,
);
// The server's log, for the threat detection that reads it (the launcher gives it to the worker).
const serverLogDir = inject("pgServerLogDir");
if (serverLogDir) process.env.DB_SERVER_LOG_DIR = serverLogDir;
process.env.APP_URL ??= "http://localhost:3000";
process.env.AUTH_SECRET ??= "test-only-auth-secret-0123456789abcdef0123456789";
process.env.TWO_FACTOR_KEY ??= randomBytes(32).toString("base64");
process.env.LOG_LEVEL ??= "silent";

afterAll(async () => {
  // Close the app's pool before dropping its database.
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  g.prisma = undefined;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});
