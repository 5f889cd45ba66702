/**
 * `npm run db:seed`: adds the demo club to DATABASE_URL (idempotent). Refused in a production
 * deployment (DEPLOYMENT_ENV=production, or NODE_ENV=production without DEPLOYMENT_ENV).
 */
import { deploymentOf } from "../lib/env-schema.ts";
import { seedDemo } from "./seed/demo.ts";
import { DB_APPLICATION_NAMES, withApplicationName } from "../lib/db-application-names.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` seeds the embedded database by itself.");
  process.exit(2);
}
try {
  await seedDemo(withApplicationName(url, DB_APPLICATION_NAMES.setup), {
    deployment: deploymentOf(process.env),
    log: (l) => console.log(l),
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
