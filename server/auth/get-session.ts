import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { cookieNames } from "@/server/auth/auth-settings";
import { decodeSessionJwt, validateSession, type ValidSession } from "@/server/auth/sessions";

/**
 * The signed-in user of the current request, or null. Decodes the next-auth JWT from its cookie
 * and validates it against the database (session version, end, absolute and idle limits).
 * Memoised per request.
 */
export const getSession = cache(async (): Promise<ValidSession | null> => {
  const jar = await cookies();
  const jwt = jar.get(cookieNames().session)?.value;
  if (!jwt) return null;
  const claims = await decodeSessionJwt(jwt);
  if (!claims) return null;
  return validateSession(claims);
});
