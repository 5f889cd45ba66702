import "server-only";
import type { AuthTokenPurpose, Prisma } from "@/generated/prisma/client";
import { randomToken, sha256Hex } from "@/server/auth/crypto-tokens";

/** Lifetimes of single-use tokens. */
export const TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60_000,
  RESET_PASSWORD: 30 * 60_000,
  UNLOCK_ACCOUNT: 24 * 60 * 60_000,
  CHANGE_EMAIL: 60 * 60_000,
  LOGIN_CHALLENGE: 10 * 60_000,
};

type Tx = Pick<Prisma.TransactionClient, "authToken">;

/**
 * Issues a single-use token: 256 random bits, only its SHA-256 stored. Earlier unused tokens of
 * the same purpose for the user are revoked, so only the newest link works.
 */
export async function issueToken(
  tx: Tx,
  input: { userId: string; purpose: AuthTokenPurpose; newEmail?: string; remember?: boolean },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  await tx.authToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null },
    data: { usedAt: now },
  });
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]);
  await tx.authToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: sha256Hex(token),
      newEmail: input.newEmail ?? null,
      remember: input.remember ?? false,
      createdAt: now,
      expiresAt,
    },
    select: { id: true },
  });
  return { token, expiresAt };
}

export type ConsumedToken = {
  id: string;
  userId: string;
  newEmail: string | null;
  remember: boolean;
  attempts: number;
};

/**
 * Uses a token once: atomically marks it used if it exists, has this purpose, is unused and has
 * not expired. Returns null otherwise (the caller answers with one generic message).
 */
export async function consumeToken(
  tx: Tx,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<ConsumedToken | null> {
  const tokenHash = sha256Hex(token);
  const found = await tx.authToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      userId: true,
      purpose: true,
      newEmail: true,
      remember: true,
      attempts: true,
    },
  });
  if (!found || found.purpose !== purpose) return null;
  const { count } = await tx.authToken.updateMany({
    where: { id: found.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return {
    id: found.id,
    userId: found.userId,
    newEmail: found.newEmail,
    remember: found.remember,
    attempts: found.attempts,
  };
}

/** Reads a live token without using it (the pending two-factor sign-in). */
export async function peekToken(
  tx: Tx,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<ConsumedToken | null> {
  const found = await tx.authToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true,
      userId: true,
      purpose: true,
      newEmail: true,
      remember: true,
      attempts: true,
      usedAt: true,
      expiresAt: true,
    },
  });
  if (!found || found.purpose !== purpose || found.usedAt || found.expiresAt <= now) return null;
  return {
    id: found.id,
    userId: found.userId,
    newEmail: found.newEmail,
    remember: found.remember,
    attempts: found.attempts,
  };
}
