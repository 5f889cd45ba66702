/** Builders for the accounts tests: users with passwords, 2FA, memberships and sessions. */
import { randomBytes, randomUUID } from "node:crypto";
import { generate } from "otplib";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { cookieNames } from "@/server/auth/auth-settings";
import { hashPassword } from "@/server/auth/passwords";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import {
  createSession,
  validateSession,
  type SignInMethod,
  type ValidSession,
} from "@/server/auth/sessions";
import { newTotpSecret, sealTotpSecretFor } from "@/server/auth/totp";
import { newRequest } from "./fake-next-request";

export const PASSWORD = "correct-horse-battery-2026";
const uid = () => randomBytes(4).toString("hex");

let cachedHash: Promise<string> | undefined;

export async function createAccount(
  options: { email?: string; name?: string; totp?: boolean; verified?: boolean } = {},
) {
  cachedHash ??= hashPassword(PASSWORD);
  const totpSecret = options.totp ? newTotpSecret() : null;
  // Stored sealed under TWO_FACTOR_KEY and bound to the user id, as enrolment does.
  const id = randomUUID();
  const user = await db.user.create({
    data: {
      id,
      email: options.email ?? `user-${uid()}@example.test`,
      name: options.name ?? "Test User",
      passwordHash: await cachedHash,
      emailVerifiedAt: options.verified === false ? null : new Date(),
      totpSecret: totpSecret ? sealTotpSecretFor(id, totpSecret) : null,
      totpEnabledAt: totpSecret ? new Date() : null,
    },
    select: { id: true, email: true, name: true },
  });
  /** The base32 secret, as an authenticator app holds it. */
  return { ...user, totpSecret };
}

export async function addMembership(userId: string, clubId: string, role: Role) {
  await db.membership.create({ data: { userId, clubId, role } });
}

/**
 * A signed-in browser: the session cookie of a fresh session of this user, signed in the way the
 * account allows: with a code when it has two-factor authentication (the sign-in asks for one),
 * else with a password. `method` forces another way (a password session of a 2FA account: one
 * made before 2FA was switched on).
 */
export async function sessionCookieFor(
  userId: string,
  method?: SignInMethod,
): Promise<Record<string, string>> {
  const s = await newSession(userId, method);
  return { [cookieNames().session]: s.jwt };
}

async function newSession(userId: string, method?: SignInMethod) {
  return db.$transaction(async (tx) => {
    const { totpEnabledAt } = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { totpEnabledAt: true },
    });
    return createSession(
      tx,
      {
        userId,
        method: method ?? (totpEnabledAt ? "totp" : "password"),
        remember: false,
        deviceHash: null,
      },
      { ip: "203.0.113.1", userAgent: "test" },
    );
  });
}

/**
 * Starts a fake request (test/helpers/fake-next-request.ts) from this user's signed-in browser,
 * with a fresh session (sessionCookieFor, signed in with `method` when given), or from an
 * anonymous browser for null. For the server actions and use cases that read the session from
 * `next/headers`; the test file mocks it:
 * `vi.mock("next/headers", () => import("../helpers/fake-next-request"))`.
 */
export async function as(
  user: string | { id: string } | null,
  options: { headers?: Record<string, string>; method?: SignInMethod } = {},
): Promise<void> {
  const userId = typeof user === "string" ? user : user?.id;
  newRequest({
    cookies: userId === undefined ? {} : await sessionCookieFor(userId, options.method),
    headers: options.headers,
  });
}

/** A fresh session of this user as the use cases see it (what getSession() would return). */
export async function validSessionFor(
  userId: string,
  method?: SignInMethod,
): Promise<ValidSession> {
  const session = await validateSession(await newSession(userId, method));
  if (!session) throw new Error("a fresh session should be valid");
  return session;
}

let clientNumber = 0;
/** A request context from a fresh documentation address, so no per-address throttle is shared. */
export const freshClient = () => ({
  ip: `192.0.2.${(++clientNumber % 250) + 1}`,
  userAgent: "vitest",
});

/** Signs in with the password of a 2FA account and returns the pending second-factor challenge. */
export async function twoFactorChallenge(email: string): Promise<string> {
  const first = await signInWithPassword({ email, password: PASSWORD }, freshClient());
  if (first.outcome !== "second-factor-required")
    throw new Error(`expected a second factor, got ${first.outcome}`);
  return first.challenge;
}

/**
 * Switches 2FA on for an account outside any session of the test (another browser, an import):
 * the account has a second factor that the test's sessions never verified.
 */
export async function enableTotpElsewhere(userId: string, secret = "JBSWY3DPEHPK3PXP") {
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: sealTotpSecretFor(userId, secret), totpEnabledAt: new Date() },
  });
}

/** The TOTP code of a secret at a given time. */
export function totpAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The last email to an address in the outbox, with the token of its link. */
export async function lastEmailTo(address: string, template?: string) {
  const row = await db.emailOutbox.findFirst({
    where: { toAddress: address, ...(template ? { template } : {}) },
    orderBy: { createdAt: "desc" },
    select: { template: true, subject: true, text: true, html: true },
  });
  if (!row) return null;
  const token = /token=([A-Za-z0-9_-]{43})/.exec(row.text)?.[1] ?? null;
  return { ...row, token };
}
