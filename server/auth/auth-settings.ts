import "server-only";
import { env } from "@/server/env";

/** The secret that encrypts session JWTs (AUTH_SECRET, or NEXTAUTH_SECRET). */
export function authSecret(): string {
  const e = env();
  const secret = e.AUTH_SECRET ?? e.NEXTAUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set"); // unreachable: env() refuses to load without it
  return secret;
}

/** Cookies are Secure and carry the __Host-/__Secure- prefixes whenever the public URL is HTTPS. */
export function secureCookies(): boolean {
  return env().APP_URL.startsWith("https://");
}

export type CookieNames = {
  session: string;
  csrf: string;
  callbackUrl: string;
  twoFactor: string;
  device: string;
};

export function cookieNames(): CookieNames {
  const s = secureCookies();
  return {
    session: s ? "__Host-courtside.session-token" : "courtside.session-token",
    csrf: s ? "__Host-courtside.csrf-token" : "courtside.csrf-token",
    callbackUrl: s ? "__Secure-courtside.callback-url" : "courtside.callback-url",
    twoFactor: s ? "__Host-courtside.2fa" : "courtside.2fa",
    device: s ? "__Host-courtside.device" : "courtside.device",
  };
}

/** HttpOnly, SameSite=Lax, Path=/, no Domain (host-only), Secure on HTTPS. */
export function baseCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies() };
}

/** The public origin of the app, e.g. https://courts.example.org. */
export function appOrigin(): string {
  return new URL(env().APP_URL).origin;
}

export function appUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}
