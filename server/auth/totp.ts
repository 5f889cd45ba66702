import "server-only";
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import type { Prisma } from "@/generated/prisma/client";
import {
  isLegacyRecoveryCodeHash,
  isLegacyTotpSecret,
  openTotpSecret,
  parseTwoFactorKey,
  recoveryCodeHash,
  sealTotpSecret,
  upgradeRecoveryCodeHash,
  type TwoFactorKeys,
} from "@/lib/auth/two-factor-secrets";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

/** RFC 6238: SHA-1, 6 digits, 30-second steps, accepted one step either side. */
export const TOTP_PERIOD_S = 30;
const TOLERANCE_S = TOTP_PERIOD_S;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: "Courtside", label: email, secret });
}

type Tx = Pick<Prisma.TransactionClient, "user" | "recoveryCode">;

let cachedKeys: { source: string | undefined; keys: TwoFactorKeys } | undefined;

/** The keys derived from TWO_FACTOR_KEY (lib/auth/two-factor-secrets.ts). */
export function twoFactorKeys(): TwoFactorKeys {
  const source = env().TWO_FACTOR_KEY;
  if (!cachedKeys || cachedKeys.source !== source)
    cachedKeys = { source, keys: parseTwoFactorKey(source) };
  return cachedKeys.keys;
}

/** The stored form of a user's TOTP secret: sealed under TWO_FACTOR_KEY, bound to the user id. */
export function sealTotpSecretFor(userId: string, secret: string): string {
  return sealTotpSecret(secret, userId, twoFactorKeys());
}

/**
 * A user's TOTP secret from its stored form, with the stored form now on the row. A secret
 * written in clear before encryption is accepted and re-encrypted in place (with the account's
 * old recovery-code digests), once. Null when the value does not open for this user with this
 * key (altered, copied from another row, or another TWO_FACTOR_KEY): it then verifies no code.
 */
export async function readTotpSecret(
  tx: Tx,
  userId: string,
  stored: string,
): Promise<{ secret: string; stored: string } | null> {
  if (isLegacyTotpSecret(stored)) {
    const sealed = sealTotpSecretFor(userId, stored);
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpSecret: stored },
      data: { totpSecret: sealed },
    });
    await upgradeLegacyRecoveryCodes(tx, userId);
    if (count === 1) {
      logger.warn({ userId }, "re-encrypted a TOTP secret that was stored in clear");
      return { secret: stored, stored: sealed };
    }
    // Another request upgraded it first: read what it wrote.
    const row = await tx.user.findUnique({ where: { id: userId }, select: { totpSecret: true } });
    return row?.totpSecret && !isLegacyTotpSecret(row.totpSecret)
      ? readTotpSecret(tx, userId, row.totpSecret)
      : null;
  }
  const secret = openTotpSecret(stored, userId, twoFactorKeys());
  if (secret === null) {
    logger.error(
      { userId },
      "a stored TOTP secret does not open (altered, copied from another account, or another TWO_FACTOR_KEY)",
    );
    return null;
  }
  return { secret, stored };
}

/** Replaces a user's recovery-code digests stored before TWO_FACTOR_KEY by their keyed hash. */
async function upgradeLegacyRecoveryCodes(tx: Tx, userId: string): Promise<void> {
  const rows = await tx.recoveryCode.findMany({
    where: { userId, NOT: { codeHash: { startsWith: "h1:" } } },
    select: { id: true, codeHash: true },
  });
  const legacy = rows.filter((r) => isLegacyRecoveryCodeHash(r.codeHash));
  for (const row of legacy) {
    await tx.recoveryCode.updateMany({
      where: { id: row.id, codeHash: row.codeHash },
      data: { codeHash: upgradeRecoveryCodeHash(row.codeHash, twoFactorKeys()) },
    });
  }
  if (legacy.length) logger.warn({ userId, count: legacy.length }, "rehashed old recovery codes");
}

/**
 * Verifies a TOTP code against the stored (sealed) secret and records its time step, refusing a
 * code of the last accepted step or an older one (replay), atomically against concurrent use of
 * the same code.
 */
export async function verifyTotpOnce(
  tx: Tx,
  user: { id: string; totpSecret: string; totpLastStep: bigint | null },
  code: string,
  now = new Date(),
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const opened = await readTotpSecret(tx, user.id, user.totpSecret);
  if (!opened) return false;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret: opened.secret,
    token: code,
    epoch,
    epochTolerance: TOLERANCE_S,
    ...(user.totpLastStep !== null ? { afterTimeStep: Number(user.totpLastStep) } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  const step = BigInt(result.timeStep);
  const { count } = await tx.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** Verifies a TOTP code against a secret being enrolled (no replay state yet). */
export async function verifyTotpForEnrolment(secret: string, code: string, now = new Date()) {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_S,
  });
  return result.valid && "timeStep" in result ? BigInt(result.timeStep) : null;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code: 10 characters from a 31-letter alphabet (≈ 50 bits), shown as xxxxx-xxxxx. */
export function newRecoveryCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-z0-9]{10}$/.test(s) ? `${s.slice(0, 5)}-${s.slice(5)}` : null;
}

export function hashRecoveryCode(code: string): string {
  return recoveryCodeHash(code, twoFactorKeys());
}

/** Replaces a user's recovery codes with 10 new ones and returns them (shown once). */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.createMany({
    data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })),
  });
  return codes;
}

/** Uses a recovery code once (atomic). */
export async function redeemRecoveryCode(
  tx: Tx,
  userId: string,
  input: string,
  now = new Date(),
): Promise<boolean> {
  const code = normaliseRecoveryCode(input);
  if (!code) return false;
  await upgradeLegacyRecoveryCodes(tx, userId);
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}
