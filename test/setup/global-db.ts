/**
 * Vitest global setup for integration tests: one PostgreSQL server for the run (embedded unless
 * TEST_DATABASE_URL names a server), and a template database with every migration applied.
 * Each test file then gets its own fresh copy of the template (per-file-db.ts).
 */
import { rm } from "node:fs/promises";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../scripts/db/embedded.ts";
import { scratchDir } from "../../scripts/db/scratch-dir.ts";
import { migrate } from "../../scripts/db/migrator.ts";
import { enableAppLogin } from "../../scripts/db/roles.ts";
import { DB_APPLICATION_NAMES, withApplicationName } from "../../lib/db-application-names.ts";

export const TEMPLATE_DB = "courtside_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDb: string;
    /** The password of courtside_app: the app code under test connects as it, as in production. */
    pgAppPassword: string;
    /** The embedded server's log folder (jsonlog), "" for a TEST_DATABASE_URL server. */
    pgServerLogDir: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop: (() => Promise<void>) | undefined;
  let logDir = "";
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = withApplicationName(process.env.TEST_DATABASE_URL, DB_APPLICATION_NAMES.testAdmin);
  } else {
    const dataDir = scratchDir(`vitest-pg-${process.pid}`);
    const server = await startEmbeddedPostgres({
      dataDir,
      persistent: false,
      fast: true,
    });
    adminUrl = server.url("postgres", DB_APPLICATION_NAMES.testAdmin);
    logDir = server.logDir;
    stop = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  const appPassword = await enableAppLogin(adminUrl);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplateDb", TEMPLATE_DB);
  project.provide("pgAppPassword", appPassword);
  project.provide("pgServerLogDir", logDir);
  return async () => {
    await stop?.();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
