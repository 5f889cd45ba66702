import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { formControlCharacterField } from "@/lib/hostile-input";
import { readLimitedBody } from "@/lib/read-limited-body";
import { authOptions } from "@/server/auth/auth-options";

/**
 * next-auth's own endpoints (csrf, session, callback/credentials, signout). They are protected by
 * next-auth's double-submit CSRF token; sign-in goes through the same use cases as /login.
 *
 * next-auth v4 reads a POST body itself: `application/json` goes through `req.json()` (a body that
 * is not JSON throws: a 500) and its values reach the sign-in use case without our boundary. Its
 * own client only ever posts forms, so a POST here must be a small form without control
 * characters; anything else is refused naming the problem before next-auth sees it
 * (docs/decisions/016-hostile-input.md, e2e/hostile-input.spec.ts).
 */
type RouteContext = { params: Promise<{ nextauth: string[] }> };

const FORM = "application/x-www-form-urlencoded";
const MAX_BODY_BYTES = 16 * 1024;

function refuse(status: number, code: string, message: string, fields?: Record<string, string>) {
  return Response.json(
    { code, message, ...(fields ? { fields } : {}) },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

async function handler(req: NextRequest, context: RouteContext): Promise<Response> {
  const [action, provider] = (await context.params).nextauth;
  // next-auth throws (a 500) on a GET of the credentials callback: only a POST signs in.
  if (req.method === "GET" && action === "callback" && provider === "credentials") {
    return Response.json(
      { code: "METHOD_NOT_ALLOWED", message: "Sign in with a POST of the sign-in form." },
      { status: 405, headers: { Allow: "POST", "Cache-Control": "no-store" } },
    );
  }
  let request = req;
  if (req.method === "POST") {
    const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== FORM) {
      return refuse(415, "UNSUPPORTED_MEDIA_TYPE", `Send the form as ${FORM}.`);
    }
    const body = await readLimitedBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      return refuse(413, "PAYLOAD_TOO_LARGE", `The body is limited to ${MAX_BODY_BYTES} bytes.`);
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body.bytes);
    } catch {
      return refuse(400, "BAD_REQUEST", "The body is not valid UTF-8.");
    }
    let field: string | null;
    try {
      field = formControlCharacterField(parseForm(text));
    } catch {
      return refuse(400, "BAD_REQUEST", "The form is not valid percent-encoding/UTF-8.");
    }
    if (field !== null) {
      return refuse(400, "BAD_REQUEST", `Invalid input — ${field}: contains a control character`, {
        [field]: "contains a control character",
      });
    }
    request = new NextRequest(req.url, { method: "POST", headers: req.headers, body: text });
  }
  return NextAuth(request as never, context as never, authOptions()) as Promise<Response>;
}

/** Form fields, decoded strictly (URLSearchParams would turn bad escapes into U+FFFD). */
function parseForm(text: string): Array<[string, string]> {
  if (text === "") return [];
  return text.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const [k, v] = eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    return [decodeURIComponent(k.replaceAll("+", " ")), decodeURIComponent(v.replaceAll("+", " "))];
  });
}

export { handler as GET, handler as POST };
