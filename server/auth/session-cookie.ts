import "server-only";
import { cookies } from "next/headers";
import { baseCookieOptions, cookieNames } from "@/server/auth/auth-settings";
import { randomToken, sha256Hex } from "@/server/auth/crypto-tokens";
import type { IssuedSession } from "@/server/auth/sessions";

/** Cookie helpers for server actions (the only place, with route handlers, that may set cookies). */

export async function setSessionCookie(session: IssuedSession): Promise<void> {
  const jar = await cookies();
  jar.set(cookieNames().session, session.jwt, {
    ...baseCookieOptions(),
    // Without "remember me" the cookie ends with the browser session (and the server-side
    // session within its absolute and idle limits in any case).
    ...(session.remember ? { expires: session.expiresAt } : {}),
  });
}

export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  jar.set(cookieNames().session, "", { ...baseCookieOptions(), maxAge: 0 });
}

const TWO_FACTOR_MAX_AGE_S = 10 * 60;

export async function setTwoFactorCookie(token: string): Promise<void> {
  (await cookies()).set(cookieNames().twoFactor, token, {
    ...baseCookieOptions(),
    maxAge: TWO_FACTOR_MAX_AGE_S,
  });
}

export async function readTwoFactorCookie(): Promise<string | null> {
  return (await cookies()).get(cookieNames().twoFactor)?.value ?? null;
}

export async function clearTwoFactorCookie(): Promise<void> {
  (await cookies()).set(cookieNames().twoFactor, "", { ...baseCookieOptions(), maxAge: 0 });
}

/**
 * A random per-browser id (stored only as a hash) that tells a known device from a new one for
 * the "new sign-in" email. Created on first use, kept for 400 days.
 */
export async function deviceHash(): Promise<string> {
  const jar = await cookies();
  const name = cookieNames().device;
  let id = jar.get(name)?.value;
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) {
    id = randomToken();
    jar.set(name, id, { ...baseCookieOptions(), maxAge: 400 * 24 * 60 * 60 });
  }
  return sha256Hex(id);
}
