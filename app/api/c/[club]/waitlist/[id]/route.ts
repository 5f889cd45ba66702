/**
 * DELETE /api/c/{club}/waitlist/{id} — stop waiting. 200 { left } (false when already closed) ·
 * 401 · 403 cross-site · 404. Use case: server/waitlist/leave-waitlist.ts.
 */
import {
  assertSameOrigin,
  contextFrom,
  json,
  jsonRoute,
  requireApiSession,
} from "@/server/http/json-api";
import { leaveWaitlist } from "@/server/waitlist/leave-waitlist";

type Context = { params: Promise<{ club: string; id: string }> };

export async function DELETE(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { id } = await context.params;
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    return json(await leaveWaitlist(session, { entryId: id }, contextFrom(request.headers)));
  });
}
