/**
 * GET /api/c/{club}/bookings/{id}/ics — download one booking as an .ics file (players of the
 * booking only; 401 signed out, 404 otherwise). Link it from "My bookings" with a plain <a href>
 * (lib/booking-links.ts bookingIcsPath). Use case: server/bookings/get-booking-ics.ts.
 */
import { getBookingIcs } from "@/server/bookings/get-booking-ics";
import { jsonRoute, requireApiSession } from "@/server/http/json-api";

type Context = { params: Promise<{ club: string; id: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club, id } = await context.params;
    const session = await requireApiSession(request);
    const file = await getBookingIcs(session, { club, bookingId: id });
    return new Response(file.body, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
