import "server-only";
import { previewMemberImport, type ImportPreview } from "@/lib/member-import";
import { MemberImportInput } from "@/schemas/admin-members";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";
import { parseInput } from "@/server/errors";
import { loadImportContext } from "@/server/admin/members/import-context";

/** Checks a members CSV and lists each row with its problems. Writes nothing. */
export async function previewMemberImportFile(slug: string, raw: unknown): Promise<ImportPreview> {
  const access = await requireClubPermission(slug, "manageMembers");
  const parsed = parseInput(MemberImportInput, raw);
  const ctx = await loadImportContext(db, access.club, access.role);
  return previewMemberImport(parsed.csv, ctx);
}
