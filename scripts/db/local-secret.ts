import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

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

/**
 * The keys of a trial run in `dataDir` (scripts/dev.ts generates them on first start; the backup
 * command reads the same ones). Variables already set win.
 */
export async function trialSecrets(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<Record<string, string>> {
  const at = (name: string) => path.join(dataDir, name);
  return {
    ...(env.AUTH_SECRET || env.NEXTAUTH_SECRET
      ? {}
      : { AUTH_SECRET: await localSecret(at("auth-secret")) }),
    MAIL_TOKEN_SECRET: env.MAIL_TOKEN_SECRET || (await localSecret(at("mail-token-secret"))),
    // Lets the admin screen store a club's sandbox gateway credentials on a local run.
    PAYMENT_CREDENTIALS_KEY:
      env.PAYMENT_CREDENTIALS_KEY || (await localSecret(at("payment-credentials-key"), "base64")),
    TWO_FACTOR_KEY: env.TWO_FACTOR_KEY || (await localSecret(at("two-factor-key"), "base64")),
  };
}
