/**
 * Runs once when the server starts: the configuration is validated before the first request, and
 * the server refuses to start when a variable is missing or invalid (each one is named), or when
 * a production deployment's database holds the demo accounts (a bare `next start` included).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("./lib/env-schema");
  const { refuseDemoDataInProduction } = await import("./scripts/db/demo-guard");
  try {
    await refuseDemoDataInProduction(parseEnv(process.env));
  } catch (err) {
    // Next.js only logs an error thrown here and keeps listening: a refusal must stop the server.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
