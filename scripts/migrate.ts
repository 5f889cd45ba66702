/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
import { migrate, MigrationError } from "./db/migrator.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` migrates the embedded database by itself.");
  process.exit(2);
}
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
