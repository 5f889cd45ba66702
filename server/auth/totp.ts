import "server-only";
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import type { Prisma } from "@/generated/prisma/client";
import { sha256Hex } from "@/server/auth/crypto-tokens";

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

/**
 * Verifies a TOTP code and records its time step, refusing a code of the last accepted step or
 * an older one (replay), atomically against concurrent use of the same code.
 */
export async function verifyTotpOnce(
  tx: Tx,
  user: { id: string; totpSecret: string; totpLastStep: bigint | null },
  code: string,
  now = new Date(),
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret: user.totpSecret,
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
  return sha256Hex(`courtside-recovery:${code}`);
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
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}
