import Link from "next/link";

type Role = "OWNER" | "MANAGER" | "STAFF" | "PLAYER";
const RANK: Record<Role, number> = { PLAYER: 0, STAFF: 1, MANAGER: 2, OWNER: 3 };

/**
 * Sections of a club's admin area and the least role that may use each (STAFF: bookings, blocks
 * and the payments list, read only; MANAGER: everything but ownership and the payment gateways,
 * which managers see read-only). Every page checks the role itself with requireClubRole: this
 * list only decides which links are shown.
 */
export const ADMIN_SECTIONS: ReadonlyArray<{ path: string; label: string; min: Role }> = [
  { path: "", label: "Dashboard", min: "STAFF" },
  { path: "/bookings", label: "Bookings", min: "STAFF" },
  { path: "/blocks", label: "Blocks", min: "STAFF" },
  { path: "/payments", label: "Payments", min: "STAFF" },
  { path: "/courts", label: "Courts", min: "MANAGER" },
  { path: "/hours", label: "Opening hours", min: "MANAGER" },
  { path: "/tiers", label: "Tiers and rules", min: "MANAGER" },
  { path: "/prices", label: "Prices", min: "MANAGER" },
  { path: "/members", label: "Members", min: "MANAGER" },
  { path: "/exports", label: "Exports", min: "MANAGER" },
  { path: "/statistics", label: "Statistics", min: "MANAGER" },
  { path: "/audit", label: "Audit log", min: "MANAGER" },
  { path: "/settings", label: "Settings", min: "MANAGER" },
  { path: "/settings/payments", label: "Payment settings", min: "MANAGER" },
];

export function AdminNav({ slug, role, current }: { slug: string; role: Role; current?: string }) {
  return (
    <nav aria-label="Club admin" className="border-b border-slate-300 bg-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 gap-y-1 p-2 text-sm">
        {ADMIN_SECTIONS.filter((s) => RANK[role] >= RANK[s.min]).map((s) => {
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
