/**
 * POST /api/c/{club}/bookings — book a court. Body (JSON, ≤ 8 KiB):
 *   { courtId, startsAt, durationMinutes, partnerIds?: string[], guests?: { name }[],
 *     gateway?: "PAYPAL" | "PAYBOX" }
 * Header `Idempotency-Key` (required): a retry with the same key and body returns the same booking.
 * 201 { booking, payment } — `payment` (id, gateway, amount, currency, holdExpiresAt, checkoutUrl)
 * when the booking carries a fee and waits for payment (status PENDING_PAYMENT), else null · 400 naming the field · 401 · 403 cross-site · 404 club · 409 SLOT_TAKEN ·
 * 422 POLICY { rule, message, eligibleAt } or IDEMPOTENCY_KEY_REUSED · 503 BUSY.
 * Use case: server/bookings/create-booking.ts.
 */
import { checkoutPath } from "@/lib/booking-links";
import { AppError } from "@/server/errors";
import { createBooking } from "@/server/bookings/create-booking";
import {
  assertSameOrigin,
  contextFrom,
  json,
  jsonRoute,
  readJsonBody,
  requireApiSession,
} from "@/server/http/json-api";

type Context = { params: Promise<{ club: string }> };

const MAX_BODY_BYTES = 8 * 1024;

export async function POST(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club } = await context.params;
    const session = await requireApiSession(request);
    assertSameOrigin(request.headers);
    const key = request.headers.get("idempotency-key");
    if (key === null) {
      throw new AppError("BAD_REQUEST", "Invalid input — Idempotency-Key: is required", {
        "Idempotency-Key": "is required: send a unique key per booking attempt, e.g. a UUID",
      });
    }
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    const result = await createBooking(
      session,
      { club, body, idempotencyKey: key },
      contextFrom(request.headers),
    );
    const { payment } = result;
    return json(
      {
        booking: result.booking,
        payment: payment
          ? {
              ...payment,
              checkoutUrl: checkoutPath(result.booking.club.slug, result.booking.id),
            }
          : null,
      },
      {
        status: 201,
        headers: {
          Location: `/api/c/${result.booking.club.slug}/bookings/${result.booking.id}`,
          ...(result.replayed ? { "Idempotent-Replayed": "true" } : {}),
        },
      },
    );
  });
}
