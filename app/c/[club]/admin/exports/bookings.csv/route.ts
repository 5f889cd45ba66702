import { contextFrom } from "@/server/auth/request-context";
import { exportBookingsCsv } from "@/server/admin/exports/export-bookings-csv";
import { csvResponse } from "@/app/c/[club]/admin/exports/csv-response";

/**
 * GET /c/[club]/admin/exports/bookings.csv?from=YYYY-MM-DD&to=YYYY-MM-DD — managers and owners
 * (requireClubPermission in the use case: sign-in redirect, 404 for everyone else).
 */
export async function GET(request: Request, { params }: { params: Promise<{ club: string }> }) {
  const { club } = await params;
  const url = new URL(request.url);
  return csvResponse(() =>
    exportBookingsCsv(
      club,
      { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" },
      contextFrom(request.headers),
    ),
  );
}
