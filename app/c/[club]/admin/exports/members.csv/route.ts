import { contextFrom } from "@/server/auth/request-context";
import { exportMembersCsv } from "@/server/admin/exports/export-members-csv";
import { csvResponse } from "@/app/c/[club]/admin/exports/csv-response";

/** GET /c/[club]/admin/exports/members.csv — managers and owners (requireClubPermission). */
export async function GET(request: Request, { params }: { params: Promise<{ club: string }> }) {
  const { club } = await params;
  return csvResponse(() => exportMembersCsv(club, contextFrom(request.headers)));
}
