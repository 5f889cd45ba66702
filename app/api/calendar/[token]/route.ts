/**
 * GET /api/calendar/{token}.ics — a player's personal calendar feed, for Google, Apple and
 * Outlook subscriptions. No session (calendar apps cannot sign in): the secret token is the only
 * authorization and reveals only that player's own bookings. Unknown, malformed and revoked
 * tokens are the same plain 404. Use case: server/calendar/get-calendar-feed.ts.
 */
import { getCalendarFeed } from "@/server/calendar/get-calendar-feed";

type Context = { params: Promise<{ token: string }> };

const COMMON = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
} as const;

export async function GET(_request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  const body = await getCalendarFeed(token.replace(/\.ics$/i, ""));
  if (body === null) {
    return new Response("Not found\n", {
      status: 404,
      headers: { ...COMMON, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(body, {
    status: 200,
    headers: {
      ...COMMON,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="courtside.ics"',
    },
  });
}
