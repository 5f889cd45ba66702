/**
 * GET /api/c/{club}/availability?date=YYYY-MM-DD — courts × slots of a day with, for the caller,
 * whether each free cell is bookable (and for which durations) or the rule that stops them.
 * Public: anonymous callers get every free cell as "Sign in to book". Use case:
 * server/bookings/get-availability.ts.
 */
import { getAvailability } from "@/server/bookings/get-availability";
import { AppError, notFoundError } from "@/server/errors";
import { apiSession, json, jsonRoute } from "@/server/http/json-api";

type Context = { params: Promise<{ club: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  return jsonRoute(async () => {
    const { club } = await context.params;
    const params = new URL(request.url).searchParams;
    const dates = params.getAll("date");
    if (dates.length > 1) {
      throw new AppError("BAD_REQUEST", "Invalid input — date: was given more than once", {
        date: "was given more than once; give one date",
      });
    }
    const session = await apiSession(request);
    const availability = await getAvailability(session, { club, date: dates[0] || undefined });
    if (!availability) throw notFoundError("Club");
    return json(availability);
  });
}
