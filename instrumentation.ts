/**
 * Runs once when the server starts: the configuration is validated before the first request, and
 * the server refuses to start when a variable is missing or invalid (each one is named).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("./lib/env-schema");
  parseEnv(process.env);
}
