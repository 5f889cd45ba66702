import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";

/**
 * A secret of a trial run (development, test, staging), generated once and kept with its data
 * (0600). Never used by a production deployment, whose keys come from its configuration.
 */
export async function localSecret(
  file: string,
  encoding: "hex" | "base64" = "hex",
): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString(encoding);
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
