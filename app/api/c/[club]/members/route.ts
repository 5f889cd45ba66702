/**
 * GET /api/c/{club}/members?q=…&limit=… — the partner picker: active members of the club whose
 * name contains q (id and name only). Members of the club only (404 otherwise).
 * Use case: server/bookings/search-club-members.ts.
 */
import { searchClubMembers } from "@/server/bookings/search-club-members";
import { json, jsonRoute, requireApiSession } from "@/server/http/json-api";

type Context = { params: Promise<{ club: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club } = await context.params;
    const session = await requireApiSession(request);
    const params = new URL(request.url).searchParams;
    return json(
      await searchClubMembers(session, {
        club,
        q: params.get("q") ?? "",
        limit: params.get("limit") ?? undefined,
      }),
    );
  });
}
