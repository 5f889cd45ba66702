import Link from "next/link";
import { can, type Capability, type Role } from "@/lib/auth/capabilities";

/**
 * Sections of a club's admin area and the capability each needs (lib/auth/capabilities.ts, the
 * table every page checks with requireClubPermission): this list only decides which links are
 * shown. The role-matrix test checks that each section's page declares the same capability.
 */
export const ADMIN_SECTIONS: ReadonlyArray<{
  path: string;
  label: string;
  capability: Capability;
}> = [
  { path: "", label: "Dashboard", capability: "viewDashboard" },
  { path: "/bookings", label: "Bookings", capability: "viewBookings" },
  { path: "/blocks", label: "Blocks", capability: "manageBlocks" },
  { path: "/payments", label: "Payments", capability: "viewPayments" },
  { path: "/courts", label: "Courts", capability: "manageCourts" },
  { path: "/hours", label: "Opening hours", capability: "manageHours" },
  { path: "/tiers", label: "Tiers and rules", capability: "manageTiers" },
  { path: "/prices", label: "Prices", capability: "managePrices" },
  { path: "/members", label: "Members", capability: "manageMembers" },
  { path: "/exports", label: "Exports", capability: "exportData" },
  { path: "/statistics", label: "Statistics", capability: "viewStatistics" },
  { path: "/audit", label: "Audit log", capability: "viewAuditLog" },
  { path: "/security", label: "Security", capability: "viewSecurityAlerts" },
  { path: "/settings", label: "Settings", capability: "manageSettings" },
  { path: "/settings/payments", label: "Payment settings", capability: "viewPaymentSettings" },
];

export function AdminNav({ slug, role, current }: { slug: string; role: Role; current?: string }) {
  return (
    <nav aria-label="Club admin" className="border-b border-slate-300 bg-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 gap-y-1 p-2 text-sm">
        {ADMIN_SECTIONS.filter((s) => can(role, s.capability)).map((s) => {
          const href = `/c/${slug}/admin${s.path}`;
          const active = current === s.path;
          return (
            <li key={s.path}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={
                  "inline-flex min-h-11 items-center rounded px-3 " +
                  (active ? "bg-blue-800 text-white" : "text-blue-800 hover:bg-slate-100")
                }
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
