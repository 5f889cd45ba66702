/**
 * The caller's personal calendar feed URL.
 * GET    /api/me/calendar-feed — 200 { active: false } | { active: true, createdAt, lastUsedAt }
 * POST   /api/me/calendar-feed — create or replace it (the old URL stops working):
 *        201 { url, webcalUrl, createdAt, replaced }. The URL is shown this once (only its hash
 *        is stored).
 * DELETE /api/me/calendar-feed — revoke it: 200 { revoked }.
 * 401 signed out · 403 cross-site (POST, DELETE).
 * Use cases: server/calendar/{get-calendar-feed-status,rotate-calendar-feed,revoke-calendar-feed}.ts.
 */
import { getCalendarFeedStatus } from "@/server/calendar/get-calendar-feed-status";
import { revokeCalendarFeed } from "@/server/calendar/revoke-calendar-feed";
import { rotateCalendarFeed } from "@/server/calendar/rotate-calendar-feed";
import {
  assertSameOrigin,
  contextFrom,
  json,
  jsonRoute,
  requireApiSession,
} from "@/server/http/json-api";

export async function GET(request: Request): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    return json(await getCalendarFeedStatus(session));
  });
}

export async function POST(request: Request): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    return json(await rotateCalendarFeed(session, contextFrom(request.headers)), { status: 201 });
  });
}

export async function DELETE(request: Request): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    return json(await revokeCalendarFeed(session, contextFrom(request.headers)));
  });
}
