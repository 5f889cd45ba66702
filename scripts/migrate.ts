/**
 * `npm run db:migrate`: applies pending migrations to MIGRATION_DATABASE_URL when it is set (the
 * schema owner's URL, courtside_owner: docs/operations.md "Database roles"), else to DATABASE_URL.
 */
import { migrate, MigrationError } from "./db/migrator.ts";

const variable = process.env.MIGRATION_DATABASE_URL
  ? "MIGRATION_DATABASE_URL"
  : process.env.DATABASE_URL
    ? "DATABASE_URL"
    : null;
if (!variable) {
  console.error(
    "Neither MIGRATION_DATABASE_URL nor DATABASE_URL is set. `npm run dev` migrates the embedded database by itself.",
  );
  process.exit(2);
}
const url = process.env[variable]!;
/** Who and where, never the password. */
function describe(connection: string): string {
  try {
    const u = new URL(connection);
    const host = u.searchParams.get("host") ?? u.host;
    return `${decodeURIComponent(u.username) || "(default user)"} on ${host}${u.pathname}`;
  } catch {
    return "(not a URL)";
  }
}
console.log(`Migrating with ${variable} (${describe(url)}).`);
try {
  const { applied, alreadyApplied } = await migrate(url, { log: (l) => console.log(l) });
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s); ${alreadyApplied.length} were already applied.`
      : `Database is up to date (${alreadyApplied.length} migration(s) applied).`,
  );
} catch (err) {
  console.error(err instanceof MigrationError ? err.message : err);
  process.exit(1);
}
