import { AppError } from "@/server/errors";
import { unsubscribeOneClick } from "@/server/mail/unsubscribe-one-click";

type Ctx = { params: Promise<{ token: string }> };

/**
 * RFC 8058 one-click unsubscribe. Mail providers POST `List-Unsubscribe=One-Click` here without
 * cookies; the signed token in the URL is the only authorization (no login, no CSRF token). Our
 * own preferences page posts here too and is sent back to it.
 */
export async function POST(request: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  const body = await request.text().catch(() => "");
  const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  try {
    await unsubscribeOneClick(token, { userAgent: request.headers.get("user-agent") });
  } catch (err) {
    if (err instanceof AppError) {
      return new Response(`${err.message}\n`, {
        status: err.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw err;
  }
  if (oneClick) {
    return new Response("You are unsubscribed.\n", {
      status: 200,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/email-preferences/${encodeURIComponent(token)}?unsubscribed=1`,
      "Cache-Control": "no-store",
    },
  });
}

/** A GET (a person clicking the link, or a link scanner) changes nothing: it opens the page. */
export async function GET(_request: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/email-preferences/${encodeURIComponent(token)}`,
      "Cache-Control": "no-store",
    },
  });
}
