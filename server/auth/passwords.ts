import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_PARAMS } from "@/lib/auth/argon2-params";

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2_PARAMS);
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password, verified against when the account does not exist. */
function dummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(24).toString("base64url"), ARGON2_PARAMS);
  return dummyHash;
}

/** Parameters of a PHC argon2 string, or null when it is not one. */
export function argon2Params(
  phc: string,
): { algorithm: string; m: number; t: number; p: number } | null {
  const m = /^\$(argon2(?:id|i|d))\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!m) return null;
  return { algorithm: m[1]!, m: Number(m[2]), t: Number(m[3]), p: Number(m[4]) };
}

export function needsRehash(phc: string): boolean {
  const p = argon2Params(phc);
  return (
    !p ||
    p.algorithm !== "argon2id" ||
    p.m < ARGON2_PARAMS.memoryCost ||
    p.t < ARGON2_PARAMS.timeCost ||
    p.p !== ARGON2_PARAMS.parallelism
  );
}

/**
 * Verifies a password. Exactly one argon2 verification runs whether or not the account exists
 * (storedHash null), so that answers take the same time for unknown accounts.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<{ ok: boolean; rehash: boolean }> {
  const target = storedHash ?? (await dummy());
  let ok = false;
  try {
    ok = await verify(target, password.normalize("NFC"));
  } catch {
    ok = false;
  }
  if (!storedHash) return { ok: false, rehash: false };
  return { ok, rehash: ok && needsRehash(storedHash) };
}
