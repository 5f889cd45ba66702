import "server-only";
import { requireClubPermission } from "@/server/auth/require-user";
import { db } from "@/server/db";

/** The club's settings (MANAGER). */
export async function getClubSettings(slug: string) {
  const access = await requireClubPermission(slug, "manageSettings", {
    next: `/c/${slug}/admin/settings`,
  });
  const settings = await db.club.findUniqueOrThrow({
    where: { id: access.club.id },
    select: {
      name: true,
      timeZone: true,
      currency: true,
      contactEmail: true,
      securityContactEmail: true,
      slotMinutes: true,
    },
  });
  return { access, settings };
}
