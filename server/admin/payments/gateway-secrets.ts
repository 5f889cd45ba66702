import "server-only";
/**
 * Reading a club's stored gateway secrets back, for the admin settings screen only (not a use
 * case): to keep a secret the owner left blank when another one changes, and to show its last
 * characters. Nothing here ever returns a whole secret to a page: see secretHint.
 */
import type { PaymentGateway } from "@/generated/prisma/client";
import { decryptCredentials, parseCredentialsKey } from "@/lib/payments/credentials-cipher";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/** The credentials key, or an error naming PAYMENT_CREDENTIALS_KEY. */
export function credentialsKeyOrError(): Buffer {
  try {
    return parseCredentialsKey(env().PAYMENT_CREDENTIALS_KEY);
  } catch (err) {
    throw new AppError(
      "UNPROCESSABLE",
      `${(err as Error).message}. Gateway secrets cannot be stored or read without it: set PAYMENT_CREDENTIALS_KEY in the server's environment.`,
    );
  }
}

/** The stored secrets as an object, or null when they cannot be read (key missing or changed). */
export function openStoredSecrets(
  clubId: string,
  gateway: PaymentGateway,
  ciphertext: string,
): Record<string, unknown> | null {
  try {
    const key = parseCredentialsKey(env().PAYMENT_CREDENTIALS_KEY);
    const parsed: unknown = JSON.parse(decryptCredentials(ciphertext, key, `${clubId}:${gateway}`));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export type SecretHint =
  | { state: "unset" }
  | { state: "unreadable" }
  /** `last4` only for secrets long enough that 4 characters give nothing useful away. */
  | { state: "set"; last4: string | null };

export function secretHint(
  secrets: Record<string, unknown> | null,
  name: string,
  stored: boolean,
): SecretHint {
  if (!stored) return { state: "unset" };
  if (!secrets) return { state: "unreadable" };
  const v = secrets[name];
  if (typeof v !== "string" || !v) return { state: "unset" };
  return { state: "set", last4: v.length >= 12 ? v.slice(-4) : null };
}
