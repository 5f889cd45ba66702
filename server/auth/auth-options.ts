import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { MAX_SESSION_MS } from "@/lib/auth/session-policy";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { authSecret, baseCookieOptions, cookieNames } from "@/server/auth/auth-settings";
import { completeTwoFactorSignIn } from "@/server/auth/complete-two-factor-sign-in";
import { contextFrom } from "@/server/auth/request-context";
import { endSession, parseClaims, validateSession } from "@/server/auth/sessions";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";

/** Generic messages: they never say whether an account exists or is locked. */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  secondFactor: "SecondFactorRequired",
  throttled: "TooManyAttempts",
  locked: "CredentialsSignin",
} as const;

/**
 * next-auth v4: the Credentials provider and JWT sessions. Built per call (not at import) so that
 * `next build` can load the route without configuration.
 *
 * The JWT carries only { sub, sid, sv }; every read of it (getSession() in pages and actions,
 * /api/auth/session here) validates it against the database: user session version, session end,
 * absolute lifetime and idle timeout. See docs/decisions/002-next-auth-jwt-session-version.md.
 */
export function authOptions(): AuthOptions {
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  const names = cookieNames();
  const base = baseCookieOptions();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: MAX_SESSION_MS / 1000 },
    pages: { signIn: "/login", error: "/login" },
    cookies: {
      sessionToken: { name: names.session, options: base },
      csrfToken: { name: names.csrf, options: base },
      callbackUrl: { name: names.callbackUrl, options: base },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code", type: "text" },
          remember: { label: "Remember me", type: "checkbox" },
        },
        async authorize(credentials, req) {
          const ctx = contextFrom(new Headers(toHeaderRecord(req.headers)));
          try {
            const first = await signInWithPassword(
              {
                email: credentials?.email,
                password: credentials?.password,
                remember: credentials?.remember || undefined,
              },
              ctx,
            );
            if (first.outcome === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
            if (first.outcome === "invalid" || first.outcome === "locked") return null;
            let session = first.outcome === "signed-in" ? first.session : null;
            if (first.outcome === "second-factor-required") {
              if (!credentials?.code) throw new Error(SIGN_IN_ERRORS.secondFactor);
              const second = await completeTwoFactorSignIn(
                first.challenge,
                { code: credentials.code },
                ctx,
              );
              if (second.outcome === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
              if (second.outcome !== "signed-in") return null;
              session = second.session;
            }
            if (!session) return null;
            return { id: session.sub, sid: session.sid, sv: session.sv };
          } catch (err) {
            if (err instanceof AppError) return null;
            throw err;
          }
        },
      }),
    ],
    events: {
      // next-auth's own /api/auth/signout clears the cookie; the session record ends too.
      async signOut({ token }) {
        const claims = parseClaims(token);
        if (claims) await endSession(claims.sid, "logout");
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const claims = parseClaims({
            sub: user.id,
            sid: (user as { sid?: unknown }).sid,
            sv: (user as { sv?: unknown }).sv,
          });
          if (!claims) throw new Error("invalid sign-in result");
          return { sub: claims.sub, sid: claims.sid, sv: claims.sv };
        }
        const claims = parseClaims(token);
        // Throwing makes next-auth clear the cookie and answer with no session.
        if (!claims || !(await validateSession(claims))) throw new Error("session ended");
        return { sub: claims.sub, sid: claims.sid, sv: claims.sv };
      },
      async session({ session, token }) {
        return { expires: session.expires, user: { id: token.sub } } as typeof session;
      },
    },
  };
}

function toHeaderRecord(h: unknown): Record<string, string> {
  if (!h || typeof h !== "object") return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h as Record<string, unknown>))
    if (typeof v === "string") out[k] = v;
  return out;
}
