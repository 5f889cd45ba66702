import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";

/**
 * next-auth's own endpoints (csrf, session, callback/credentials, signout). They are protected by
 * next-auth's double-submit CSRF token; sign-in goes through the same use cases as /login.
 */
type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext): Promise<Response> {
  return NextAuth(req as never, context as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
