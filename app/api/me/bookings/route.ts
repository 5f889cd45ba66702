/**
 * GET /api/me/bookings — the caller's bookings in every club: { upcoming, past, cancelled }.
 * Use case: server/bookings/list-my-bookings.ts.
 */
import { listMyBookings } from "@/server/bookings/list-my-bookings";
import { json, jsonRoute, requireApiSession } from "@/server/http/json-api";

export async function GET(request: Request): Promise<Response> {
  return jsonRoute(async () => {
    const session = await requireApiSession(request);
    return json(await listMyBookings(session));
  });
}
