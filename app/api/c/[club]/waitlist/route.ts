/**
 * The caller's waiting list in a club.
 * GET  /api/c/{club}/waitlist — open entries (future slots). 200 { entries } · 401.
 * POST /api/c/{club}/waitlist — wait for a taken slot. Body (JSON, ≤ 2 KiB):
 *   { courtId, startsAt, durationMinutes }
 *   201 { entry } (200 when already waiting) · 400 naming the field · 401 · 403 cross-site ·
 *   404 club/court · 409 SLOT_FREE (book it instead) · 422 WAITLIST { rule, message }.
 * Use cases: server/waitlist/join-waitlist.ts, server/waitlist/list-my-waitlist.ts.
 */
import {
  assertSameOrigin,
  contextFrom,
  json,
  jsonRoute,
  readJsonBody,
  requireApiSession,
} from "@/server/http/json-api";
import { joinWaitlist } from "@/server/waitlist/join-waitlist";
import { listMyWaitlist } from "@/server/waitlist/list-my-waitlist";

type Context = { params: Promise<{ club: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club } = await context.params;
    const session = await requireApiSession(request);
    return json({ entries: await listMyWaitlist(session, { club }) });
  });
}

export async function POST(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club } = await context.params;
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    const body = await readJsonBody(request, 2 * 1024);
    const result = await joinWaitlist(session, { club, body }, contextFrom(request.headers));
    return json({ entry: result.entry }, { status: result.created ? 201 : 200 });
  });
}
