import "server-only";
import { parseEnv, type Env } from "@/lib/env-schema";

let cached: Env | undefined;

/** The validated configuration. Throws, naming every bad variable, when it is invalid. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
