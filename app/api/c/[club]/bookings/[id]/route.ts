/**
 * DELETE /api/c/{club}/bookings/{id} — cancel a booking (optional JSON body { reason }, ≤ 2 KiB).
 * The booker within the tier's notice; club staff at any time. 200 { booking, alreadyCancelled,
 * refunds } — refunds: what the club's refund policy gives back for a paid booking (queued, sent by
 * the worker) ·
 * 401 · 403 (a named partner, or cross-site) · 404 · 422 POLICY CANCEL_DEADLINE.
 * Use case: server/bookings/cancel-booking.ts.
 */
import { cancelBooking } from "@/server/bookings/cancel-booking";
import {
  assertSameOrigin,
  contextFrom,
  json,
  jsonRoute,
  readJsonBody,
  requireApiSession,
} from "@/server/http/json-api";

type Context = { params: Promise<{ club: string; id: string }> };

export async function DELETE(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club, id } = await context.params;
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    const body = await readJsonBody(request, 2 * 1024, { emptyValue: {} });
    const result = await cancelBooking(
      session,
      { club, bookingId: id, body },
      contextFrom(request.headers),
    );
    return json(result);
  });
}
